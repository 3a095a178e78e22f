import { existsSync } from 'node:fs';
import path from 'node:path';

/** The system-wide config file, looked for after --config and $PASSERELLE_CONFIG. */
export const SYSTEM_CONFIG_FILE = '/etc/passerelle/passerelle.json';

/** The config file of a checkout, looked for in the checkout's own folder. */
export const CHECKOUT_CONFIG_NAME = 'passerelle.json';

export type ConfigSource = 'option' | 'env' | 'system' | 'checkout' | 'defaults';

/** Which config file the gateway and the CLI use, and the folder its relative paths start from. */
export interface ConfigLocation {
  readonly source: ConfigSource;
  /** Undefined when no file was found: the embedded defaults apply. */
  readonly file: string | undefined;
  /** Relative paths (dataDir, schemasDir) in the file, or defaulted, are resolved from here. */
  readonly baseDir: string;
}

export interface LocateConfigOptions {
  /** The --config option. */
  readonly explicit?: string | undefined;
  readonly env?: NodeJS.ProcessEnv;
  /** The checkout (or installed package) folder, found from the program's own location. */
  readonly checkoutDir: string;
  readonly cwd?: string;
  readonly systemFile?: string;
}

/**
 * The documented lookup (docs/operations.md): --config, then $PASSERELLE_CONFIG, then
 * /etc/passerelle/passerelle.json, then passerelle.json in the checkout, else the embedded
 * defaults with the checkout as base. It never depends on the current folder, except to
 * resolve a relative --config or $PASSERELLE_CONFIG path given by the operator.
 */
export function locateConfig(options: LocateConfigOptions): ConfigLocation {
  const env = options.env ?? process.env;
  const cwd = options.cwd ?? process.cwd();
  const fileAt = (source: ConfigSource, file: string): ConfigLocation => {
    const absolute = path.resolve(cwd, file);
    return { source, file: absolute, baseDir: path.dirname(absolute) };
  };
  if (options.explicit !== undefined && options.explicit !== '')
    return fileAt('option', options.explicit);
  const fromEnv = env.PASSERELLE_CONFIG;
  if (fromEnv !== undefined && fromEnv !== '') return fileAt('env', fromEnv);
  const systemFile = options.systemFile ?? SYSTEM_CONFIG_FILE;
  if (existsSync(systemFile)) return fileAt('system', systemFile);
  const checkoutFile = path.join(options.checkoutDir, CHECKOUT_CONFIG_NAME);
  if (existsSync(checkoutFile)) return fileAt('checkout', checkoutFile);
  return { source: 'defaults', file: undefined, baseDir: options.checkoutDir };
}
