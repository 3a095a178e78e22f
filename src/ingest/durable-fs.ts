import { chmod, copyFile, mkdir, open, rename, unlink } from 'node:fs/promises';
import path from 'node:path';

/** Writes a file so that it is either absent or complete: temp name, fsync, rename, fsync dir. */
export async function writeFileAtomic(
  file: string,
  data: string | Uint8Array,
  mode = 0o640,
): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.tmp`);
  const handle = await open(temp, 'w', mode);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
  await syncDir(path.dirname(file));
}

export async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Moves a file, falling back to copy + fsync + unlink across file systems. */
export async function moveFile(from: string, to: string): Promise<void> {
  await mkdir(path.dirname(to), { recursive: true });
  try {
    await rename(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await copyFile(from, to);
    const handle = await open(to, 'r');
    await handle.sync();
    await handle.close();
    await unlink(from);
  }
  await syncDir(path.dirname(to));
}

export async function makeReadOnly(file: string): Promise<void> {
  await chmod(file, 0o440);
}
