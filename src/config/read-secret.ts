/**
 * Secrets from the environment (STYLE: never from `config/`): `NAME` holds the secret itself,
 * or `NAME_FILE` names a file holding it (container secrets). Read when needed, never stored.
 */
import { readFileSync } from 'node:fs';

/** The secret, or undefined when neither variable is set; throws when `NAME_FILE` cannot be read. */
export function readSecretEnv(
  name: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const direct = env[name];
  if (direct !== undefined && direct !== '') return direct;
  const file = env[`${name}_FILE`];
  if (file === undefined || file === '') return undefined;
  return readFileSync(file, 'utf8');
}
