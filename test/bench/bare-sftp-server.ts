/**
 * The bench's yardstick: an ssh2 SFTP server that only stores uploaded files (no fsync, no
 * pipeline), to measure what one SFTP connection can carry on this machine. The gateway's
 * upload rate is reported as a ratio of it.
 */
import { mkdirSync } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import ssh2 from 'ssh2';
import { generateEd25519KeyPair, setNoDelay } from '../../src/sftp/index.js';

const { OPEN_MODE, STATUS_CODE } = ssh2.utils.sftp;

export class BareSftpServer {
  readonly #server: ssh2.Server;
  readonly #dir: string;

  constructor(dir: string) {
    this.#dir = dir;
    mkdirSync(dir, { recursive: true });
    this.#server = new ssh2.Server({ hostKeys: [generateEd25519KeyPair().private] }, (client) => {
      setNoDelay(client);
      client.on('authentication', (ctx) => {
        ctx.accept();
      });
      client.on('ready', () => {
        client.on('session', (accept) => {
          accept().on('sftp', (acceptSftp) => {
            this.#serve(acceptSftp());
          });
        });
      });
      client.on('error', () => undefined);
    });
  }

  #serve(sftp: ssh2.SFTPWrapper): void {
    const handles = new Map<number, FileHandle>();
    let next = 1;
    const handleOf = (buffer: Buffer) => handles.get(buffer.readUInt32BE(0));
    sftp.on('OPEN', (reqId, filename, flags) => {
      if ((flags & OPEN_MODE.WRITE) === 0) {
        sftp.status(reqId, STATUS_CODE.OP_UNSUPPORTED);
        return;
      }
      open(path.join(this.#dir, path.basename(filename)), 'w').then(
        (file) => {
          const id = next++;
          handles.set(id, file);
          const buffer = Buffer.alloc(4);
          buffer.writeUInt32BE(id, 0);
          sftp.handle(reqId, buffer);
        },
        () => {
          sftp.status(reqId, STATUS_CODE.FAILURE);
        },
      );
    });
    sftp.on('WRITE', (reqId, handle, offset, data) => {
      const file = handleOf(handle);
      if (!file) {
        sftp.status(reqId, STATUS_CODE.FAILURE);
        return;
      }
      file.write(data, 0, data.length, offset).then(
        () => {
          sftp.status(reqId, STATUS_CODE.OK);
        },
        () => {
          sftp.status(reqId, STATUS_CODE.FAILURE);
        },
      );
      return undefined;
    });
    sftp.on('CLOSE', (reqId, handle) => {
      const file = handleOf(handle);
      handles.delete(handle.readUInt32BE(0));
      if (!file) {
        sftp.status(reqId, STATUS_CODE.FAILURE);
        return;
      }
      file.close().then(
        () => {
          sftp.status(reqId, STATUS_CODE.OK);
        },
        () => {
          sftp.status(reqId, STATUS_CODE.FAILURE);
        },
      );
      return undefined;
    });
    sftp.on('REALPATH', (reqId, p) => {
      sftp.name(reqId, [{ filename: p, longname: p, attrs: {} as ssh2.Attributes }]);
    });
    sftp.on('STAT', (reqId) => {
      sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
    });
    sftp.on('LSTAT', (reqId) => {
      sftp.status(reqId, STATUS_CODE.NO_SUCH_FILE);
    });
  }

  listen(): Promise<number> {
    return new Promise((resolve) => {
      this.#server.listen(0, '127.0.0.1', () => {
        resolve((this.#server.address() as AddressInfo).port);
      });
    });
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.#server.close(() => {
        resolve();
      });
    });
  }
}
