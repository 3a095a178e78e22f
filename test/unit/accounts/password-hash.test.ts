import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from '../../../src/accounts/index.js';

describe('hashPassword / verifyPassword', () => {
  it('verifies the right password and refuses a wrong one', async () => {
    const stored = await hashPassword('correct horse battery staple');
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true);
    expect(await verifyPassword('correct horse battery stapl', stored)).toBe(false);
    expect(await verifyPassword('Correct horse battery staple', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('writes a self-describing scrypt hash that never holds the password', async () => {
    const password = 'S3cret-pässwörd-🔑';
    const stored = await hashPassword(password);
    expect(stored).toMatch(/^scrypt\$32768\$8\$1\$[A-Za-z0-9+/]+=*\$[A-Za-z0-9+/]+=*$/);
    expect(stored).not.toContain(password);
    expect(stored).not.toContain(Buffer.from(password).toString('base64'));
    expect(await verifyPassword(password, stored)).toBe(true);
  });

  it('salts: two hashes of the same password differ and both verify', async () => {
    const [first, second] = await Promise.all([hashPassword('same'), hashPassword('same')]);
    expect(first).not.toBe(second);
    expect(await verifyPassword('same', first)).toBe(true);
    expect(await verifyPassword('same', second)).toBe(true);
  });

  it('handles an empty password like any other', async () => {
    const stored = await hashPassword('');
    expect(await verifyPassword('', stored)).toBe(true);
    expect(await verifyPassword(' ', stored)).toBe(false);
  });

  it.each([
    '',
    'plain-text-password',
    'bcrypt$10$abc',
    'scrypt$32768$8$1$c2FsdA==',
    'scrypt$32768$8$1$$a2V5',
    'scrypt$$8$1$c2FsdA==$a2V5',
    'scrypt$32768$0$1$c2FsdA==$a2V5',
  ])('returns false for the malformed stored hash %j', async (stored) => {
    await expect(verifyPassword('password', stored)).resolves.toBe(false);
  });

  it('returns false when the stored key has another length', async () => {
    const stored = await hashPassword('password');
    const parts = stored.split('$');
    parts[5] = Buffer.alloc(16).toString('base64');
    await expect(verifyPassword('password', parts.join('$'))).resolves.toBe(false);
  });

  // BUG: verifyPassword passes the stored N/r/p straight to scrypt, which throws on invalid
  // or oversized parameters, so the promise rejects instead of resolving to false:
  // verifyPassword('x', 'scrypt$abc$8$1$c2FsdA==$a2V5') rejects with ERR_OUT_OF_RANGE;
  // N=3 (not a power of two) and N=2**30 (over maxmem) reject with
  // ERR_CRYPTO_INVALID_SCRYPT_PARAMS.
  it.each([
    'scrypt$abc$8$1$c2FsdA==$a2V5',
    'scrypt$3$8$1$c2FsdA==$a2V5',
    `scrypt$${2 ** 30}$8$1$c2FsdA==$a2V5`,
  ])('returns false (does not reject) for bad scrypt parameters in %j', async (stored) => {
    await expect(verifyPassword('password', stored)).resolves.toBe(false);
  });
});
