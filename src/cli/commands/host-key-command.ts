import type { Command } from 'commander';
import { dataLayoutOf } from '../../config/index.js';
import {
  hostKeyFileOf,
  hostKeyFingerprint,
  hostPublicKeyLine,
  loadOrCreateHostKey,
} from '../../sftp/index.js';
import { configFor, type GlobalOptions } from '../cli-context.js';

/** `passerelle host-key`: the SFTP host key's fingerprint, to give partners before they connect. */
export function registerHostKeyCommand(program: Command): void {
  program
    .command('host-key')
    .description(
      "print the SFTP host key's SHA256 fingerprint and public key (generated when absent)",
    )
    .action((_options: unknown, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>());
      const file = hostKeyFileOf(config.sftp.hostKeyFile, dataLayoutOf(config).root);
      const key = loadOrCreateHostKey(file);
      process.stdout.write(
        `${hostKeyFingerprint(key)} (ED25519)\n${hostPublicKeyLine(key)}\nkey file ${file}\n`,
      );
    });
}
