import { spawn } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/** What a run of Debian's OpenSSH client left: exit code (null when killed), output. */
export interface OpenSshRun {
  readonly code: number | null;
  readonly isKilled: boolean;
  readonly stdout: string;
  readonly stderr: string;
}

export type OpenSshAuth = { readonly keyFile: string } | { readonly password: string };

/** Hang guard, not a speed assertion: a client still running after this is a failure. */
export const OPENSSH_KILL_MS = 30_000;

const COMMON_OPTIONS = [
  '-o',
  'StrictHostKeyChecking=no',
  '-o',
  'UserKnownHostsFile=/dev/null',
  '-o',
  'ConnectTimeout=20',
  '-o',
  'LogLevel=ERROR',
];

/** `-o` options for one authentication method. Passwords go through sshpass (Debian's). */
function authArgs(auth: OpenSshAuth): { readonly prefix: string[]; readonly options: string[] } {
  if ('keyFile' in auth) {
    return {
      prefix: [],
      options: [
        '-i',
        auth.keyFile,
        '-o',
        'IdentitiesOnly=yes',
        '-o',
        'BatchMode=yes',
        '-o',
        'PreferredAuthentications=publickey',
      ],
    };
  }
  return {
    prefix: ['sshpass', '-e'],
    options: [
      '-o',
      'BatchMode=no',
      '-o',
      'PubkeyAuthentication=no',
      '-o',
      'PreferredAuthentications=password',
      '-o',
      'NumberOfPasswordPrompts=1',
    ],
  };
}

function run(argv: readonly string[], auth: OpenSshAuth, input: string): Promise<OpenSshRun> {
  const [command, ...args] = argv;
  return new Promise((resolve, reject) => {
    const child = spawn(command ?? 'false', args, {
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        ...('password' in auth ? { SSHPASS: auth.password } : {}),
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let isKilled = false;
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const timer = setTimeout(() => {
      isKilled = true;
      child.kill('SIGKILL');
    }, OPENSSH_KILL_MS);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, isKilled, stdout, stderr });
    });
    // A client that exits early (refused) closes its input: not an error here.
    child.stdin.on('error', () => undefined);
    child.stdin.end(input);
  });
}

/** `sftp -b -` with the given batch commands, as a supplier's cron job runs it. */
export function runSftpBatch(
  port: number,
  login: string,
  auth: OpenSshAuth,
  commands: readonly string[],
  extraOptions: readonly string[] = [],
): Promise<OpenSshRun> {
  const { prefix, options } = authArgs(auth);
  return run(
    [
      ...prefix,
      'sftp',
      // Before -b: sftp adds `-o BatchMode=yes` for -b, and ssh keeps the first value given.
      ...COMMON_OPTIONS,
      ...options,
      ...extraOptions,
      '-b',
      '-',
      '-P',
      String(port),
      `${login}@127.0.0.1`,
    ],
    auth,
    `${commands.join('\n')}\n`,
  );
}

/** Interactive `sftp` (no batch file) reading its commands from a pipe. */
export function runSftpInteractive(
  port: number,
  login: string,
  auth: OpenSshAuth,
  commands: readonly string[],
): Promise<OpenSshRun> {
  const { prefix, options } = authArgs(auth);
  return run(
    [...prefix, 'sftp', '-P', String(port), ...COMMON_OPTIONS, ...options, `${login}@127.0.0.1`],
    auth,
    `${commands.join('\n')}\n`,
  );
}

/** `ssh` with a remote command or options (exec, shell, subsystem, forwarding). */
export function runSsh(
  port: number,
  login: string,
  auth: OpenSshAuth,
  args: readonly string[],
): Promise<OpenSshRun> {
  const { prefix, options } = authArgs(auth);
  return run(
    [
      ...prefix,
      'ssh',
      '-p',
      String(port),
      ...COMMON_OPTIONS,
      ...options,
      `${login}@127.0.0.1`,
      ...args,
    ],
    auth,
    '',
  );
}

/** Writes an OpenSSH private key where ssh accepts it (mode 0600). */
export function writePrivateKey(dir: string, name: string, privateKey: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, privateKey.endsWith('\n') ? privateKey : `${privateKey}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return file;
}
