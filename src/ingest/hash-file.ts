import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

const HEAD_BYTES = 4096;

/**
 * SHA-256 and size of a file, streamed (never held in memory), with its first bytes: what
 * the file is, is told from them without reading it again.
 */
export async function hashFile(file: string): Promise<{
  readonly sha256: string;
  readonly sizeBytes: number;
  readonly head: Uint8Array;
}> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  let head: Buffer | undefined;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    head ??= Buffer.from(bytes.subarray(0, HEAD_BYTES));
    sizeBytes += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), sizeBytes, head: head ?? Buffer.alloc(0) };
}
