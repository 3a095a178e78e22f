import type { Stats } from 'node:fs';
import type { Attributes, FileEntry } from 'ssh2';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export function attributesOf(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: 0,
    gid: 0,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

function permissions(stats: Stats): string {
  const bits = ['r', 'w', 'x'];
  let text = stats.isDirectory() ? 'd' : '-';
  for (let shift = 8; shift >= 0; shift -= 1) {
    text += (stats.mode >> shift) & 1 ? (bits[(8 - shift) % 3] ?? '-') : '-';
  }
  return text;
}

/** A directory entry with an `ls -l` style long name, which several clients parse. */
export function fileEntryOf(name: string, stats: Stats, owner: string): FileEntry {
  const date = stats.mtime;
  const day = String(date.getUTCDate()).padStart(2, ' ');
  const time = `${String(date.getUTCHours()).padStart(2, '0')}:${String(date.getUTCMinutes()).padStart(2, '0')}`;
  const month = MONTHS[date.getUTCMonth()] ?? 'Jan';
  return {
    filename: name,
    longname: `${permissions(stats)} 1 ${owner} ${owner} ${String(stats.size).padStart(10, ' ')} ${month} ${day} ${time} ${name}`,
    attrs: attributesOf(stats),
  };
}
