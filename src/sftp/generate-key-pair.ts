import ssh2 from 'ssh2';

export interface OpenSshKeyPair {
  readonly private: string;
  readonly public: string;
}

/**
 * An Ed25519 key pair in OpenSSH format that ssh2 itself can read back. ssh2 1.17 strips a
 * leading zero byte from the public key, so about one pair in 256 cannot be parsed
 * (mscdex/ssh2#1390, #1513): such pairs are drawn again.
 */
export function generateEd25519KeyPair(): OpenSshKeyPair {
  for (let attempt = 0; attempt < 64; attempt += 1) {
    const pair = ssh2.utils.generateKeyPairSync('ed25519');
    const readable =
      !(ssh2.utils.parseKey(pair.private) instanceof Error) &&
      !(ssh2.utils.parseKey(pair.public) instanceof Error);
    if (readable) return { private: pair.private, public: pair.public };
  }
  throw new Error('could not generate a readable Ed25519 key pair');
}
