import ssh2, { type AuthContext } from 'ssh2';
import { verifyPassword, type Account } from '../accounts/index.js';

/** A well-formed hash of a random password, checked when the login is unknown so timing tells nothing. */
const DECOY_HASH =
  'scrypt$32768$8$1$c2FsdHNhbHRzYWx0c2FsdA==$zWw3a7J1w0Qk7x3Yl9V1pYl0T8n2o8m9X3j0b2d8h5k=';

function matchesAuthorizedKey(account: Account, data: Buffer): ssh2.ParsedKey | undefined {
  for (const line of account.publicKeys) {
    const parsed = ssh2.utils.parseKey(line);
    if (parsed instanceof Error) continue;
    if (parsed.getPublicSSH().equals(data)) return parsed;
  }
  return undefined;
}

/**
 * Decides one authentication attempt. Resolves to the account when the attempt succeeds,
 * `undefined` otherwise; `accept`/`reject` on the context are the caller's.
 */
export async function authenticate(
  ctx: AuthContext,
  findAccount: (login: string) => Account | undefined,
): Promise<{ readonly account: Account | undefined; readonly isKeyQuery: boolean }> {
  const account = findAccount(ctx.username);
  if (ctx.method === 'password') {
    const isMatch = await verifyPassword(ctx.password, account?.passwordHash ?? DECOY_HASH);
    return { account: isMatch && account?.passwordHash ? account : undefined, isKeyQuery: false };
  }
  if (ctx.method === 'publickey' && account) {
    const key = matchesAuthorizedKey(account, ctx.key.data);
    if (!key) return { account: undefined, isKeyQuery: false };
    if (!ctx.signature || !ctx.blob) return { account, isKeyQuery: true };
    const isSigned = key.verify(ctx.blob, ctx.signature, ctx.hashAlgo);
    return { account: isSigned ? account : undefined, isKeyQuery: false };
  }
  return { account: undefined, isKeyQuery: false };
}
