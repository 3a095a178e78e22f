/**
 * Where an entity's invoices and status files are pushed, when it does not poll its own
 * `inbox/` (docs/push-delivery.md). The private key is never stored: only the path of a key
 * file, or the name of an environment variable holding the key (its `<NAME>_FILE` twin names
 * a file), read when the gateway connects.
 */
export interface PushTarget {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  /**
   * Path of an OpenSSH or PEM private key file (without passphrase), readable by the gateway.
   * Neither this nor `keyEnv`: the platform's key (`delivery.push.keyFile`, PASSERELLE_PUSH_KEY).
   */
  readonly keyFile?: string | undefined;
  /** Name of an environment variable holding the private key, or `<NAME>_FILE` a key file. */
  readonly keyEnv?: string | undefined;
  /** Folder on the remote server, absolute or relative to the login folder. */
  readonly remoteDir: string;
  /** The remote host key's fingerprint as OpenSSH and `passerelle host-key` print it. */
  readonly hostKeySha256: string;
}

/** `SHA256:` and 43 characters of unpadded base64: the only host-key pin accepted. */
export const HOST_KEY_SHA256_PATTERN = /^SHA256:[A-Za-z0-9+/]{43}$/;
const HOST_PATTERN = /^[A-Za-z0-9]([A-Za-z0-9.-]{0,252})$|^\[?[0-9A-Fa-f:.]+\]?$/;
const USER_PATTERN = /^[A-Za-z0-9._][A-Za-z0-9._-]{0,63}$/;
const ENV_NAME_PATTERN = /^[A-Z_][A-Z0-9_]{0,99}$/;

/** Every problem of a push target at once; empty when it is usable. */
export function pushTargetProblems(target: PushTarget): string[] {
  const problems: string[] = [];
  if (!HOST_PATTERN.test(target.host))
    problems.push(`host "${target.host}" is not a host name or address`);
  if (!Number.isInteger(target.port) || target.port < 1 || target.port > 65535)
    problems.push('port must be 1-65535');
  if (!USER_PATTERN.test(target.user)) problems.push(`user "${target.user}" is not a login name`);
  if (target.keyFile !== undefined && target.keyEnv !== undefined)
    problems.push('give a key file or a key environment variable, not both');
  if (target.keyEnv !== undefined && !ENV_NAME_PATTERN.test(target.keyEnv))
    problems.push(
      `key environment variable "${target.keyEnv}" must be upper-case letters, digits and _`,
    );
  if (target.keyFile !== undefined && !target.keyFile.startsWith('/'))
    problems.push('the key file must be an absolute path');
  if (
    target.remoteDir === '' ||
    target.remoteDir.includes('\0') ||
    target.remoteDir.split('/').includes('..')
  )
    problems.push('the remote folder must be a plain path without ".."');
  if (!HOST_KEY_SHA256_PATTERN.test(target.hostKeySha256))
    problems.push(
      'the host key fingerprint must look like SHA256:<43 base64 characters> (as ssh-keygen -lf and passerelle host-key print it)',
    );
  return problems;
}

/** `sftp://user@host:port/dir`, for logs, listings and the delivered path of a pushed invoice. */
export function pushTargetUrl(target: PushTarget, name?: string): string {
  const dir = target.remoteDir.replace(/\/+$/, '');
  const suffix = name === undefined ? dir : `${dir}/${name}`;
  return `sftp://${target.user}@${target.host}:${target.port}${suffix.startsWith('/') ? '' : '/~/'}${suffix}`;
}
