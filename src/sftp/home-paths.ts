import path from 'node:path';
import type { AccountRole } from '../accounts/index.js';

/** What an account may do in each folder of its home. Nothing else exists for it. */
export interface FolderRights {
  readonly canUpload: boolean;
  readonly canRead: boolean;
  readonly canRemove: boolean;
}

export const FOLDER_RIGHTS: Readonly<Record<AccountRole, Readonly<Record<string, FolderRights>>>> =
  {
    supplier: {
      in: { canUpload: true, canRead: false, canRemove: false },
      out: { canUpload: false, canRead: true, canRemove: true },
    },
    entity: {
      inbox: { canUpload: false, canRead: true, canRemove: true },
      // Status update files (docs/status-formats.md), claimed exactly once like supplier files.
      in: { canUpload: true, canRead: false, canRemove: false },
      out: { canUpload: false, canRead: true, canRemove: true },
    },
  };

export type HomePath =
  | { readonly kind: 'root'; readonly virtual: '/' }
  | {
      readonly kind: 'folder';
      readonly virtual: string;
      readonly folder: string;
      readonly rights: FolderRights;
    }
  | {
      readonly kind: 'file';
      readonly virtual: string;
      readonly folder: string;
      readonly name: string;
      readonly rights: FolderRights;
    }
  | { readonly kind: 'outside'; readonly virtual: string };

/** Longest file name (in UTF-8 bytes) the usual file systems hold (ext4, xfs, btrfs). */
export const MAX_NAME_BYTES = 255;

/** Suffixes of names clients use while a transfer is under way; never picked up. */
export const TRANSIENT_SUFFIXES = ['.part', '.filepart', '.tmp', '.partial'] as const;

export function isTransientName(name: string): boolean {
  return name.startsWith('.') || TRANSIENT_SUFFIXES.some((suffix) => name.endsWith(suffix));
}

/**
 * Maps a path sent by a client onto the account's home. The client's path is normalised
 * against the virtual root `/`, so `..` can never climb above it and absolute paths are read
 * inside the home. Only the role's folders and the files directly in them exist.
 */
export function resolveHomePath(role: AccountRole, clientPath: string): HomePath {
  const virtual = path.posix.normalize(path.posix.join('/', clientPath.replaceAll('\\', '/')));
  const segments = virtual.split('/').filter((segment) => segment !== '' && segment !== '.');
  if (segments.length === 0) return { kind: 'root', virtual: '/' };
  const [folder, name, ...deeper] = segments;
  const folders = FOLDER_RIGHTS[role];
  const rights =
    folder !== undefined && Object.hasOwn(folders, folder) ? folders[folder] : undefined;
  if (folder === undefined || rights === undefined || deeper.length > 0) {
    return { kind: 'outside', virtual };
  }
  if (name === undefined) return { kind: 'folder', virtual, folder, rights };
  if (name.includes('\0')) return { kind: 'outside', virtual };
  return { kind: 'file', virtual, folder, name, rights };
}

/** The real path of a resolved home path. */
export function realPathOf(home: string, resolved: HomePath): string {
  switch (resolved.kind) {
    case 'root':
      return home;
    case 'folder':
      return path.join(home, resolved.folder);
    case 'file':
      return path.join(home, resolved.folder, resolved.name);
    case 'outside':
      throw new Error('no real path outside the home');
  }
}
