import { constants, deflateRawSync, gzipSync } from 'node:zlib';

import tar from 'tar-stream';
import type { Header } from 'tar-stream';

import { deflatedZeros } from './zip-writer.js';

export interface TarEntrySpec {
  readonly header: Partial<Header> & Pick<Header, 'name'>;
  readonly data?: Uint8Array;
}

/** Builds a tar.gz in memory with tar-stream's packer (test inputs are small). */
export async function buildTarGz(entries: readonly TarEntrySpec[]): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack) {
      chunks.push(Buffer.from(chunk as Uint8Array));
    }
  })();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      pack.entry(entry.header, Buffer.from(entry.data ?? new Uint8Array()), (error) => {
        if (error) reject(error);
        else resolve();
      });
    });
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

/** A 512-byte ustar header for a regular file of `size` bytes, for streams built by hand. */
export function ustarHeader(name: string, size: number): Buffer {
  const header = Buffer.alloc(512);
  const field = (value: string, offset: number, length: number): void => {
    header.write(value.slice(0, length), offset, length, 'ascii');
  };
  field(name, 0, 100);
  field('0000644\0', 100, 8);
  field('0000000\0', 108, 8);
  field('0000000\0', 116, 8);
  field(`${size.toString(8).padStart(11, '0')}\0`, 124, 12);
  field('00000000000\0', 136, 12);
  field('        ', 148, 8);
  field('0', 156, 1);
  field('ustar\0', 257, 6);
  field('00', 263, 2);
  const checksum = header.reduce((sum, byte) => sum + byte, 0);
  field(`${checksum.toString(8).padStart(6, '0')}\0 `, 148, 8);
  return header;
}

/**
 * A tar.gz whose single entry is `size` zeros, gzip framed by hand around deflatedZeros so that
 * it stays about 1 KB per MiB. The trailer CRC is wrong on purpose: nobody should get that far.
 */
export function buildTarGzBomb(size: number): Buffer {
  const gzipHeader = Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0, 0, 0xff]);
  const tarHeader = deflateRawSync(ustarHeader('zeros.xml', size), {
    finishFlush: constants.Z_FULL_FLUSH,
  });
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(size % 2 ** 32, 4);
  return Buffer.concat([gzipHeader, tarHeader, deflatedZeros(size), trailer]);
}
