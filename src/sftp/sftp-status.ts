import ssh2 from 'ssh2';
import { MAX_NAME_BYTES } from './home-paths.js';

export const STATUS = ssh2.utils.sftp.STATUS_CODE;
export const OPEN_MODE = ssh2.utils.sftp.OPEN_MODE;

/** A refusal the client is told about with a given SFTP status and message. */
export class SftpRefusal extends Error {
  readonly status: number;

  constructor(status: number, message: string) {
    super(message);
    this.name = 'SftpRefusal';
    this.status = status;
  }
}

export const noSuchFile = (): SftpRefusal => new SftpRefusal(STATUS.NO_SUCH_FILE, 'No such file');
export const nameTooLong = (): SftpRefusal =>
  new SftpRefusal(STATUS.FAILURE, `File name too long (at most ${MAX_NAME_BYTES} bytes in UTF-8)`);
export const denied = (why: string): SftpRefusal => new SftpRefusal(STATUS.PERMISSION_DENIED, why);

/** SFTP status for an error thrown while serving a request. */
export function statusOf(error: unknown): { readonly code: number; readonly message: string } {
  if (error instanceof SftpRefusal) return { code: error.status, message: error.message };
  const code = (error as NodeJS.ErrnoException).code;
  if (code === 'ENOENT' || code === 'ENOTDIR')
    return { code: STATUS.NO_SUCH_FILE, message: 'No such file' };
  if (code === 'EACCES' || code === 'EPERM') {
    return { code: STATUS.PERMISSION_DENIED, message: 'Permission denied' };
  }
  if (code === 'ENAMETOOLONG') return { code: STATUS.FAILURE, message: 'File name too long' };
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return { code: STATUS.FAILURE, message: 'No space left on the gateway; try again later' };
  }
  if (code === 'EEXIST')
    return { code: STATUS.FAILURE, message: 'A file with this name is already waiting' };
  return { code: STATUS.FAILURE, message: 'Failure' };
}
