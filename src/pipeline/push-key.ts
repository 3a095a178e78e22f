/**
 * The private key a push target connects with: its key file, else the environment variable it
 * names (or that variable's `_FILE` twin), else the platform's key (`delivery.push.keyFile`,
 * then PASSERELLE_PUSH_KEY or PASSERELLE_PUSH_KEY_FILE). Read at each connection, never stored.
 */
import { readFileSync } from 'node:fs';
import type { PushTarget } from '../accounts/index.js';
import { readSecretEnv } from '../config/index.js';
import { PasserelleError } from '../errors/index.js';

export const PLATFORM_PUSH_KEY_ENV = 'PASSERELLE_PUSH_KEY';

function readKeyFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (error) {
    throw new PasserelleError(
      'PUSH_KEY_UNAVAILABLE',
      `the push private key file ${file} cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function readKeyEnv(name: string): string | undefined {
  try {
    return readSecretEnv(name);
  } catch (error) {
    throw new PasserelleError(
      'PUSH_KEY_UNAVAILABLE',
      `the file named by ${name}_FILE cannot be read: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

export function pushKeyOf(target: PushTarget, platformKeyFile: string | undefined): string {
  if (target.keyFile !== undefined) return readKeyFile(target.keyFile);
  if (target.keyEnv !== undefined) {
    const key = readKeyEnv(target.keyEnv);
    if (key === undefined)
      throw new PasserelleError(
        'PUSH_KEY_UNAVAILABLE',
        `neither ${target.keyEnv} nor ${target.keyEnv}_FILE is set in the gateway's environment`,
      );
    return key;
  }
  if (platformKeyFile !== undefined) return readKeyFile(platformKeyFile);
  const key = readKeyEnv(PLATFORM_PUSH_KEY_ENV);
  if (key === undefined)
    throw new PasserelleError(
      'PUSH_KEY_UNAVAILABLE',
      `the push target names no key and the platform has none (delivery.push.keyFile, ${PLATFORM_PUSH_KEY_ENV} or ${PLATFORM_PUSH_KEY_ENV}_FILE)`,
    );
  return key;
}
