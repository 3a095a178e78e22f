import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';

/** SHA-256 and size of a file, streamed: never held in memory. */
export async function hashFile(
  file: string,
): Promise<{ readonly sha256: string; readonly sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(file, { highWaterMark: 1024 * 1024 })) {
    const bytes = chunk as Buffer;
    sizeBytes += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}
