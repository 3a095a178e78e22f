/**
 * Serves one SFTP channel inside an account's home.
 * Input: SFTP requests. Output: files in the home; an upload appears under its final name
 * only once complete (written to a hidden temporary name, synced, then linked into place).
 * Every path is resolved by `resolveHomePath`: nothing outside the home can be named.
 */
import { randomBytes } from 'node:crypto';
import { constants, type Stats } from 'node:fs';
import { link, lstat, open, readdir, unlink, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Attributes, FileEntry, SFTPWrapper } from 'ssh2';
import type { Account } from '../accounts/index.js';
import type { AuditEvent } from '../audit/index.js';
import type { Logger } from '../logging/index.js';
import { attributesOf, fileEntryOf } from './file-entry.js';
import {
  checkUploadQuota,
  quotaBytesRefusal,
  WaitingCounter,
  type UploadQuota,
} from './upload-quota.js';
import {
  FOLDER_RIGHTS,
  isTransientName,
  MAX_NAME_BYTES,
  realPathOf,
  resolveHomePath,
  type HomePath,
} from './home-paths.js';
import {
  denied,
  nameTooLong,
  noSuchFile,
  OPEN_MODE,
  SftpRefusal,
  STATUS,
  statusOf,
} from './sftp-status.js';

/** Entries per READDIR reply: about 100 bytes each, far below the packet limit. */
const READDIR_PAGE = 200;

type OpenHandle =
  | { readonly kind: 'read'; readonly file: FileHandle; readonly virtual: string; bytes: number }
  | {
      readonly kind: 'write';
      readonly file: FileHandle;
      readonly tempPath: string;
      readonly finalPath: string;
      readonly virtual: string;
      readonly folder: string;
      /** Bytes this upload may hold (quota left when it opened, and the size cap). */
      readonly maxBytes: number;
      /** The refusal of an earlier WRITE: the upload is discarded at CLOSE, never published. */
      failure: SftpRefusal | undefined;
    }
  | { readonly kind: 'dir'; readonly entries: FileEntry[]; next: number };

export type SessionAuditEvent = Omit<AuditEvent, 'account' | 'address' | 'port' | 'method'>;

export interface SessionOptions {
  readonly account: Account;
  readonly home: string;
  /** Writes past this offset are refused, protecting the disk; the ingest limit is lower. */
  readonly maxUploadBytes: number;
  readonly quota?: UploadQuota | undefined;
  /** Shared by every session of the server, so that the folders are read once a second. */
  readonly waiting?: WaitingCounter | undefined;
  readonly logger: Logger;
  readonly onUpload?: (account: Account, virtualPath: string) => void;
  /** File operations for the audit trail; the server adds account and address. */
  readonly audit?: (event: SessionAuditEvent) => void;
  /** Called on every request (the idle timeout is pushed back). */
  readonly onActivity?: () => void;
}

export class SftpSession {
  readonly #sftp: SFTPWrapper;
  readonly #options: SessionOptions;
  readonly #handles = new Map<number, OpenHandle>();
  #nextHandle = 1;

  constructor(sftp: SFTPWrapper, options: SessionOptions) {
    this.#sftp = sftp;
    this.#options = options;
    this.#listen();
  }

  #listen(): void {
    const sftp = this.#sftp;
    const serve = (reqId: number, work: () => Promise<void>): void => {
      this.#options.onActivity?.();
      work().catch((error: unknown) => {
        const { code, message } = statusOf(error);
        if (!(error instanceof SftpRefusal)) {
          this.#options.logger.warn(
            { err: error, account: this.#options.account.login },
            'sftp request failed',
          );
        }
        sftp.status(reqId, code, message);
      });
    };
    sftp.on('REALPATH', (reqId: number, clientPath: string) => {
      this.#options.onActivity?.();
      const { virtual } = this.#resolve(clientPath);
      sftp.name(reqId, [{ filename: virtual, longname: virtual, attrs: {} as Attributes }]);
    });
    sftp.on('STAT', (reqId: number, p: string) => {
      serve(reqId, () => this.#stat(reqId, p));
    });
    sftp.on('LSTAT', (reqId: number, p: string) => {
      serve(reqId, () => this.#stat(reqId, p));
    });
    sftp.on('OPENDIR', (reqId: number, p: string) => {
      serve(reqId, () => this.#openDir(reqId, p));
    });
    sftp.on('READDIR', (reqId: number, h: Buffer) => {
      serve(reqId, () => this.#readDir(reqId, h));
    });
    sftp.on('OPEN', (reqId: number, p: string, flags: number) => {
      serve(reqId, () => this.#open(reqId, p, flags));
    });
    sftp.on('READ', (reqId: number, h: Buffer, offset: number, length: number) => {
      serve(reqId, () => this.#read(reqId, h, offset, length));
    });
    sftp.on('WRITE', (reqId: number, h: Buffer, offset: number, data: Buffer) => {
      serve(reqId, () => this.#write(reqId, h, offset, data));
    });
    sftp.on('FSTAT', (reqId: number, h: Buffer) => {
      serve(reqId, () => this.#fstat(reqId, h));
    });
    sftp.on('CLOSE', (reqId: number, h: Buffer) => {
      serve(reqId, () => this.#close(reqId, h));
    });
    sftp.on('REMOVE', (reqId: number, p: string) => {
      serve(reqId, () => this.#remove(reqId, p));
    });
    sftp.on('RENAME', (reqId: number, from: string, to: string) => {
      serve(reqId, () => this.#rename(reqId, from, to));
    });
    sftp.on('SETSTAT', (reqId: number) => {
      sftp.status(reqId, STATUS.OK);
    });
    sftp.on('FSETSTAT', (reqId: number) => {
      sftp.status(reqId, STATUS.OK);
    });
    for (const event of ['MKDIR', 'RMDIR', 'SYMLINK', 'READLINK'] as const) {
      sftp.on(event, (reqId: number) => {
        sftp.status(reqId, STATUS.PERMISSION_DENIED, 'Not allowed');
      });
    }
    sftp.on('close', () => void this.dispose());
  }

  #resolve(clientPath: string): HomePath {
    return resolveHomePath(this.#options.account.role, clientPath);
  }

  #real(resolved: HomePath): string {
    return realPathOf(this.#options.home, resolved);
  }

  /** lstat that refuses anything but a plain file or folder (a symlink leads nowhere). */
  async #plainStat(resolved: HomePath): Promise<Stats> {
    if (resolved.kind === 'outside') throw noSuchFile();
    const stats = await lstat(this.#real(resolved));
    const isExpected = resolved.kind === 'file' ? stats.isFile() : stats.isDirectory();
    if (!isExpected) throw noSuchFile();
    return stats;
  }

  async #stat(reqId: number, clientPath: string): Promise<void> {
    this.#sftp.attrs(reqId, attributesOf(await this.#plainStat(this.#resolve(clientPath))));
  }

  #addHandle(handle: OpenHandle): Buffer {
    const id = this.#nextHandle;
    this.#nextHandle += 1;
    this.#handles.set(id, handle);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    return buffer;
  }

  #handle(buffer: Buffer): OpenHandle {
    const handle = buffer.length === 4 ? this.#handles.get(buffer.readUInt32BE()) : undefined;
    if (!handle) throw new SftpRefusal(STATUS.FAILURE, 'Invalid handle');
    return handle;
  }

  async #openDir(reqId: number, clientPath: string): Promise<void> {
    const resolved = this.#resolve(clientPath);
    const { login, role } = this.#options.account;
    let entries: FileEntry[];
    if (resolved.kind === 'root') {
      const folders = Object.keys(FOLDER_RIGHTS[role]);
      entries = await Promise.all(
        folders.map(async (folder) =>
          fileEntryOf(folder, await lstat(path.join(this.#options.home, folder)), login),
        ),
      );
    } else if (resolved.kind === 'folder') {
      const dir = this.#real(resolved);
      await this.#plainStat(resolved);
      const names = (await readdir(dir, { withFileTypes: true }))
        .filter((entry) => entry.isFile() && !isTransientName(entry.name))
        .map((entry) => entry.name);
      const listed = await Promise.all(
        names.map(async (name) => {
          try {
            return fileEntryOf(name, await lstat(path.join(dir, name)), login);
          } catch {
            return undefined;
          }
        }),
      );
      entries = listed.filter((entry): entry is FileEntry => entry !== undefined);
    } else {
      throw noSuchFile();
    }
    this.#sftp.handle(reqId, this.#addHandle({ kind: 'dir', entries, next: 0 }));
  }

  async #readDir(reqId: number, buffer: Buffer): Promise<void> {
    const handle = this.#handle(buffer);
    if (handle.kind !== 'dir') throw new SftpRefusal(STATUS.FAILURE, 'Not a directory handle');
    if (handle.next >= handle.entries.length) {
      this.#sftp.status(reqId, STATUS.EOF);
      return;
    }
    // A NAME reply must fit in one SFTP packet (clients cap them at 256 KiB): send pages.
    const page = handle.entries.slice(handle.next, handle.next + READDIR_PAGE);
    handle.next += page.length;
    this.#sftp.name(reqId, page);
    await Promise.resolve();
  }

  async #open(reqId: number, clientPath: string, flags: number): Promise<void> {
    const resolved = this.#resolve(clientPath);
    if (resolved.kind !== 'file')
      throw resolved.kind === 'outside' ? noSuchFile() : denied('Not a file');
    const isWrite =
      (flags & (OPEN_MODE.WRITE | OPEN_MODE.APPEND | OPEN_MODE.CREAT | OPEN_MODE.TRUNC)) !== 0;
    if (!isWrite) {
      if (!resolved.rights.canRead) throw denied(`Files in ${resolved.folder}/ cannot be read`);
      await this.#plainStat(resolved);
      const file = await open(this.#real(resolved), constants.O_RDONLY | constants.O_NOFOLLOW);
      this.#sftp.handle(
        reqId,
        this.#addHandle({ kind: 'read', file, virtual: resolved.virtual, bytes: 0 }),
      );
      return;
    }
    try {
      await this.#openUpload(reqId, resolved);
    } catch (error) {
      this.#options.audit?.({
        event: 'upload_refused',
        file: resolved.virtual,
        result: statusOf(error).message,
      });
      throw error;
    }
  }

  async #openUpload(reqId: number, resolved: HomePath & { readonly kind: 'file' }): Promise<void> {
    if (!resolved.rights.canUpload) throw denied(`Files cannot be written in ${resolved.folder}/`);
    if (resolved.name.startsWith('.')) throw denied('Hidden file names are not accepted');
    if (Buffer.byteLength(resolved.name) > MAX_NAME_BYTES) throw nameTooLong();
    const finalPath = this.#real(resolved);
    const exists = await lstat(finalPath).then(
      () => true,
      () => false,
    );
    if (exists) throw new SftpRefusal(STATUS.FAILURE, 'A file with this name is already waiting');
    const quotaBytes = this.#options.quota
      ? await checkUploadQuota(
          this.#options.quota,
          path.dirname(finalPath),
          resolved.folder,
          this.#options.waiting ?? new WaitingCounter(),
        )
      : Number.POSITIVE_INFINITY;
    const tempPath = path.join(path.dirname(finalPath), `.${randomBytes(8).toString('hex')}.part`);
    const file = await open(
      tempPath,
      constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL,
      0o640,
    );
    this.#sftp.handle(
      reqId,
      this.#addHandle({
        kind: 'write',
        file,
        tempPath,
        finalPath,
        virtual: resolved.virtual,
        folder: resolved.folder,
        maxBytes: Math.min(quotaBytes, this.#options.maxUploadBytes),
        failure: undefined,
      }),
    );
  }

  async #read(reqId: number, buffer: Buffer, offset: number, length: number): Promise<void> {
    const handle = this.#handle(buffer);
    if (handle.kind !== 'read') throw new SftpRefusal(STATUS.FAILURE, 'Not open for reading');
    const chunk = Buffer.alloc(Math.min(length, 256 * 1024));
    const { bytesRead } = await handle.file.read(chunk, 0, chunk.length, offset);
    if (bytesRead === 0) this.#sftp.status(reqId, STATUS.EOF);
    else {
      handle.bytes += bytesRead;
      this.#sftp.data(reqId, chunk.subarray(0, bytesRead));
    }
  }

  async #write(reqId: number, buffer: Buffer, offset: number, data: Buffer): Promise<void> {
    const handle = this.#handle(buffer);
    if (handle.kind !== 'write') throw new SftpRefusal(STATUS.FAILURE, 'Not open for writing');
    if (handle.failure) throw handle.failure;
    if (offset + data.length > handle.maxBytes) {
      handle.failure =
        offset + data.length > this.#options.maxUploadBytes
          ? new SftpRefusal(STATUS.FAILURE, 'File too large for this gateway')
          : this.#options.quota
            ? quotaBytesRefusal(this.#options.quota, handle.folder)
            : new SftpRefusal(STATUS.FAILURE, 'File too large for this gateway');
      throw handle.failure;
    }
    try {
      await handle.file.write(data, 0, data.length, offset);
    } catch (error) {
      const { code, message } = statusOf(error);
      handle.failure = new SftpRefusal(code, message);
      throw error;
    }
    this.#sftp.status(reqId, STATUS.OK);
  }

  async #fstat(reqId: number, buffer: Buffer): Promise<void> {
    const handle = this.#handle(buffer);
    if (handle.kind === 'dir') throw new SftpRefusal(STATUS.FAILURE, 'Not a file handle');
    this.#sftp.attrs(reqId, attributesOf(await handle.file.stat()));
  }

  async #close(reqId: number, buffer: Buffer): Promise<void> {
    const handle = this.#handle(buffer);
    this.#handles.delete(buffer.readUInt32BE());
    if (handle.kind === 'read') {
      await handle.file.close();
      this.#auditDownload(handle);
    }
    if (handle.kind === 'write' && handle.failure) {
      // Nothing half-written is left, nor published: the client is told why once more.
      await handle.file.close().catch(() => undefined);
      await unlink(handle.tempPath).catch(() => undefined);
      this.#options.audit?.({
        event: 'upload_refused',
        file: handle.virtual,
        result: handle.failure.message,
      });
      throw handle.failure;
    }
    if (handle.kind === 'write') {
      await handle.file.sync();
      const { size } = await handle.file.stat();
      await handle.file.close();
      try {
        await link(handle.tempPath, handle.finalPath);
      } finally {
        await unlink(handle.tempPath).catch(() => undefined);
      }
      this.#options.waiting?.add(path.dirname(handle.finalPath), 0, size);
      this.#options.audit?.({ event: 'upload', file: handle.virtual, bytes: size });
      this.#options.onUpload?.(this.#options.account, handle.virtual);
    }
    this.#sftp.status(reqId, STATUS.OK);
  }

  async #remove(reqId: number, clientPath: string): Promise<void> {
    const resolved = this.#resolve(clientPath);
    if (resolved.kind !== 'file') throw noSuchFile();
    if (!resolved.rights.canRemove) throw denied(`Files in ${resolved.folder}/ cannot be removed`);
    const { size } = await this.#plainStat(resolved);
    await unlink(this.#real(resolved));
    this.#options.audit?.({ event: 'delete', file: resolved.virtual, bytes: size });
    this.#sftp.status(reqId, STATUS.OK);
  }

  /** Only the upload-then-rename habit of some clients: a temporary name to a final one, in an upload folder. */
  async #rename(reqId: number, fromPath: string, toPath: string): Promise<void> {
    const from = this.#resolve(fromPath);
    const to = this.#resolve(toPath);
    if (from.kind !== 'file' || to.kind !== 'file') throw noSuchFile();
    if (from.folder !== to.folder || !to.rights.canUpload)
      throw denied('Renaming is not allowed here');
    if (to.name.startsWith('.')) throw denied('Hidden file names are not accepted');
    if (Buffer.byteLength(to.name) > MAX_NAME_BYTES) throw nameTooLong();
    const { size } = await this.#plainStat(from);
    await link(this.#real(from), this.#real(to));
    await unlink(this.#real(from));
    this.#options.audit?.({
      event: 'rename',
      file: to.virtual,
      bytes: size,
      detail: `from ${from.virtual}`,
    });
    this.#options.onUpload?.(this.#options.account, to.virtual);
    this.#sftp.status(reqId, STATUS.OK);
  }

  /** A download is recorded when its handle closes, with the bytes actually read. */
  #auditDownload(handle: OpenHandle & { readonly kind: 'read' }): void {
    this.#options.audit?.({ event: 'download', file: handle.virtual, bytes: handle.bytes });
  }

  /** Closes what the client left open; unfinished uploads are discarded, never published. */
  async dispose(): Promise<void> {
    const handles = [...this.#handles.values()];
    this.#handles.clear();
    for (const handle of handles) {
      if (handle.kind === 'dir') continue;
      await handle.file.close().catch(() => undefined);
      if (handle.kind === 'read') this.#auditDownload(handle);
      if (handle.kind === 'write') await unlink(handle.tempPath).catch(() => undefined);
    }
  }
}
