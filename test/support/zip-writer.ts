import { constants, crc32, deflateRawSync } from 'node:zlib';

/** One entry of a hand-built zip; every field a hostile producer could lie about is settable. */
export interface ZipEntrySpec {
  readonly name: string;
  readonly data?: Uint8Array;
  /** 0 stored, 8 deflate (default), anything else to test unsupported methods. */
  readonly method?: number;
  /** Raw deflate bytes to store as-is instead of compressing `data`. */
  readonly compressed?: Uint8Array;
  /** Defaults to data.length. */
  readonly declaredSize?: number;
  /** Defaults to the CRC-32 of data. */
  readonly declaredCrc32?: number;
  /** General-purpose bit flag; bit 11 (UTF-8 names) is always added. */
  readonly flags?: number;
  /** Unix mode (e.g. 0o120777 for a symlink); sets "made by Unix". */
  readonly unixMode?: number;
}

const UTF8_NAMES = 0x0800;

/** Builds a zip archive in memory: local headers, data, central directory, end record. */
export function buildZip(entries: readonly ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = entry.data ?? new Uint8Array();
    const method = entry.method ?? 8;
    const body = Buffer.from(entry.compressed ?? (method === 8 ? deflateRawSync(data) : data));
    const flags = (entry.flags ?? 0) | UTF8_NAMES;
    const crc = entry.declaredCrc32 ?? crc32(data);
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(body.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, body);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(entry.unixMode === undefined ? 20 : (3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(body.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.unixMode ?? 0) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + body.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/**
 * A raw deflate stream of `totalBytes` zeros built from one compressed MiB repeated: each copy
 * ends on a full flush, so copies chain, and an empty final block closes the stream. About
 * 1 KB per MiB, which is the deflate limit (~1:1032).
 */
export function deflatedZeros(totalBytes: number): Buffer {
  const chunkBytes = 1024 * 1024;
  const chunk = deflateRawSync(Buffer.alloc(chunkBytes), {
    level: 9,
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const copies = Math.ceil(totalBytes / chunkBytes);
  return Buffer.concat([
    ...Array.from({ length: copies }, () => chunk),
    deflateRawSync(Buffer.alloc(0)),
  ]);
}
