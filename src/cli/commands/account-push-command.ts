/**
 * `account push set|show|clear|test <login>`: an entity's push target (docs/push-delivery.md).
 * The private key is named (a file, or an environment variable of the gateway), never stored.
 * A change applies to the next push of the running gateway (it reads the store each time).
 */
import type { Command } from 'commander';
import { pushTargetUrl, type PushTarget } from '../../accounts/index.js';
import { PasserelleError } from '../../errors/index.js';
import { PushConnection } from '../../sftp/index.js';
import { CliExit, configFor, readStores, writeStores, type GlobalOptions } from '../cli-context.js';
import { wholeNumber } from '../output.js';

interface SetOptions {
  readonly host: string;
  readonly port: number;
  readonly user: string;
  readonly keyFile?: string;
  readonly keyEnv?: string;
  readonly dir: string;
  readonly hostKey: string;
}

function describe(login: string, target: PushTarget | undefined): string {
  if (!target) return `${login}\tno push target: invoices are delivered to inbox/\n`;
  const key =
    target.keyFile !== undefined
      ? `key file ${target.keyFile}`
      : target.keyEnv !== undefined
        ? `key from $${target.keyEnv} (or $${target.keyEnv}_FILE)`
        : "the platform's key (delivery.push.keyFile or $PASSERELLE_PUSH_KEY)";
  return `${login}\tpush to ${pushTargetUrl(target)}\n\thost key ${target.hostKeySha256}\n\t${key}\n`;
}

export function registerAccountPush(account: Command): void {
  const push = account
    .command('push')
    .description("push delivery to an entity's own SFTP server (docs/push-delivery.md)");
  push
    .command('set <login>')
    .description("push this entity's invoices and status files to its server instead of inbox/")
    .requiredOption('--host <host>', 'the server (name or address)')
    .option('--port <port>', 'its SSH port', wholeNumber(1, 65535), 22)
    .requiredOption('--user <user>', 'the login on that server')
    .option('--key-file <file>', 'absolute path of the private key (OpenSSH or PEM, no passphrase)')
    .option(
      '--key-env <NAME>',
      "an environment variable of the gateway holding the key (or NAME_FILE naming a file); neither: the platform's key",
    )
    .requiredOption(
      '--dir <folder>',
      'the remote folder (absolute, or relative to the login folder)',
    )
    .requiredOption(
      '--host-key <SHA256:…>',
      'the server host key fingerprint, as ssh-keygen -lf or passerelle host-key print it',
    )
    .action((login: string, options: SetOptions, command: Command) => {
      const stores = writeStores(command);
      try {
        if (!stores.accounts.get(login)) throw new CliExit(1, `no account ${login}`);
        const target: PushTarget = {
          host: options.host,
          port: options.port,
          user: options.user,
          ...(options.keyFile === undefined ? {} : { keyFile: options.keyFile }),
          ...(options.keyEnv === undefined ? {} : { keyEnv: options.keyEnv }),
          remoteDir: options.dir,
          hostKeySha256: options.hostKey,
        };
        try {
          stores.accounts.setPushTarget(login, target);
        } catch (error) {
          if (error instanceof PasserelleError) throw new CliExit(2, error.message);
          throw error;
        }
        process.stdout.write(describe(login, target));
      } finally {
        stores.db.close();
      }
    });
  push
    .command('show <login>')
    .description('the push target of an account')
    .option('--json', 'as JSON')
    .action((login: string, options: { json?: boolean }, command: Command) => {
      const stores = readStores(command);
      try {
        const found = stores.accounts.get(login);
        if (!found) throw new CliExit(1, `no account ${login}`);
        if (options.json) process.stdout.write(`${JSON.stringify(found.push ?? null, null, 2)}\n`);
        else process.stdout.write(describe(login, found.push));
      } finally {
        stores.db.close();
      }
    });
  push
    .command('clear <login>')
    .description('stop pushing: later invoices go to inbox/ (pushes still owed go there too)')
    .action((login: string, _options: unknown, command: Command) => {
      const stores = writeStores(command);
      try {
        if (!stores.accounts.get(login)) throw new CliExit(1, `no account ${login}`);
        stores.accounts.setPushTarget(login, undefined);
        process.stdout.write(describe(login, undefined));
      } finally {
        stores.db.close();
      }
    });
  push
    .command('test <login>')
    .description('connect to the push target, check its host key and login, list the folder')
    .action(async (login: string, _options: unknown, command: Command) => {
      const config = configFor(command.optsWithGlobals<GlobalOptions>());
      const stores = readStores(command);
      let target: PushTarget | undefined;
      try {
        target = stores.accounts.get(login)?.push;
      } finally {
        stores.db.close();
      }
      if (!target) throw new CliExit(1, `${login} has no push target`);
      const found = target;
      // Loaded here only: the pipeline area pulls in BullMQ and the validators.
      const { pushKeyOf } = await import('../../pipeline/index.js');
      try {
        const connection = await PushConnection.open({
          host: found.host,
          port: found.port,
          user: found.user,
          hostKeySha256: found.hostKeySha256,
          privateKey: pushKeyOf(found, config.delivery.push.keyFile),
          connectTimeoutMs: config.delivery.push.connectTimeoutMs,
        });
        try {
          const files = await connection.run('list', (client) => client.list(found.remoteDir));
          process.stdout.write(
            `${pushTargetUrl(found)}: host key matches, login ok, ${files.length} entr${files.length === 1 ? 'y' : 'ies'} in the folder\n`,
          );
        } finally {
          await connection.close();
        }
      } catch (error) {
        if (error instanceof PasserelleError)
          throw new CliExit(1, `${error.code}: ${error.message}`);
        throw error;
      }
    });
}
