import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { openStores, type Stores } from '../state/index.js';
import {
  dataLayoutOf,
  loadConfig,
  locateConfig,
  projectRoot,
  type Config,
  type ConfigLocation,
} from '../config/index.js';

export interface GlobalOptions {
  readonly config?: string;
}

/** Where the config was found, from --config, $PASSERELLE_CONFIG and the documented defaults. */
export function locationFor(options: GlobalOptions): ConfigLocation {
  return locateConfig({ explicit: options.config, checkoutDir: projectRoot() });
}

/** The config for a command, found the same way from any folder (docs/operations.md). */
export function configFor(options: GlobalOptions): Config {
  const location = locationFor(options);
  return loadConfig({ file: location.file, cwd: location.baseDir, envCwd: process.cwd() });
}

export function describeLocation(location: ConfigLocation): string {
  return location.file === undefined
    ? `no config file found (embedded defaults, base ${location.baseDir})`
    : `${location.file} (from ${location.source === 'option' ? '--config' : location.source === 'env' ? '$PASSERELLE_CONFIG' : location.source})`;
}

/** Thrown by commands to end with a message and an exit code, without a stack trace. */
export class CliExit extends Error {
  readonly exitCode: number;

  constructor(exitCode: number, message: string) {
    super(message);
    this.name = 'CliExit';
    this.exitCode = exitCode;
  }
}

function openLight(config: Config): Promise<Stores> {
  return openStores(config);
}

/**
 * The stores of an existing installation, for commands that read: when there is none they
 * say where they looked and create nothing.
 */
export function readStores(command: Command): Promise<Stores> {
  const options = command.optsWithGlobals<GlobalOptions>();
  const location = locationFor(options);
  const config = configFor(options);
  const layout = dataLayoutOf(config);
  if (config.registry.url === undefined && !existsSync(layout.database))
    throw new CliExit(
      1,
      `no gateway data in ${layout.root} (config: ${describeLocation(location)}). ` +
        'Give --config or set PASSERELLE_CONFIG to the gateway configuration (see docs/operations.md).',
    );
  return openLight(config);
}

/** The stores for commands that change data (created at the configured place when absent). */
export function writeStores(command: Command): Promise<Stores> {
  return openLight(configFor(command.optsWithGlobals<GlobalOptions>()));
}
