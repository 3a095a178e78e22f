import { createHash } from 'node:crypto';
import ssh2 from 'ssh2';

/** Fingerprint of an OpenSSH public key line as `ssh-keygen -l` prints it; undefined if unreadable. */
export function publicKeyFingerprint(line: string): string | undefined {
  const parsed = ssh2.utils.parseKey(line);
  if (parsed instanceof Error) return undefined;
  const digest = createHash('sha256').update(parsed.getPublicSSH()).digest('base64');
  return `SHA256:${digest.replace(/=+$/, '')}`;
}

/** The key lines of an authorized_keys-style text (comments and blank lines skipped). */
export function publicKeyLinesOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'));
}
