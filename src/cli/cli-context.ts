import { loadConfig, type Config } from '../config/index.js';

export interface GlobalOptions {
  readonly config?: string;
}

/** The config for a command, from --config, $PASSERELLE_CONFIG and the environment. */
export function configFor(options: GlobalOptions): Config {
  return loadConfig({ file: options.config });
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
