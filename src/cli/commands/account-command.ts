import { Option, type Command } from 'commander';
import { ACK_LANGUAGES, isAckLanguage } from '../../errors/index.js';
import { hashPassword, pushTargetUrl, type AccountRole } from '../../accounts/index.js';
import { openStores } from '../../state/index.js';
import { STATUS_FORMAT_PREFERENCES, isStatusFormatPreference } from '../../registry/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';
import { readStdin } from '../read-stdin.js';
import { readPublicKeys, registerAccountLifecycle } from './account-lifecycle-command.js';
import { registerAccountMandates } from './account-mandate-command.js';
import { registerAccountPush } from './account-push-command.js';

interface AddOptions {
  readonly role: AccountRole;
  readonly siret: string;
  readonly passwordStdin?: boolean;
  readonly publicKey?: string;
  readonly force?: boolean;
}

export function registerAccountCommand(program: Command): void {
  const account = program
    .command('account')
    .description('manage partner accounts (suppliers and public entities)');
  account
    .command('add <login>')
    .description('create an account and its SFTP home (supplier: in/ out/; entity: inbox/ out/)')
    .addOption(
      new Option('--role <role>', 'supplier or entity')
        .choices(['supplier', 'entity'])
        .makeOptionMandatory(),
    )
    .requiredOption('--siret <siret>', 'SIRET of the supplier or of the public entity (14 digits)')
    .option(
      '--password-stdin',
      'read the password from standard input (stored as an scrypt hash only)',
    )
    .option('--public-key <file>', 'an OpenSSH public key file (authorized for this account)')
    .option(
      '--force',
      'create an entity account for a SIRET that is not in the directory (with a warning)',
    )
    .action(async (login: string, options: AddOptions, command: Command) => {
      if (!options.passwordStdin && options.publicKey === undefined) {
        throw new CliExit(2, 'give --password-stdin or --public-key <file> (or both)');
      }
      let passwordHash: string | undefined;
      if (options.passwordStdin) {
        const password = (await readStdin()).replace(/\r?\n$/, '');
        if (password.length < 8)
          throw new CliExit(2, 'the password must have at least 8 characters');
        passwordHash = await hashPassword(password);
      }
      const publicKeys = options.publicKey === undefined ? [] : readPublicKeys(options.publicKey);
      const stores = await openStores(configFor(command.optsWithGlobals<GlobalOptions>()));
      try {
        if (options.role === 'entity' && !(await stores.directory.findEntity(options.siret))) {
          if (!options.force) {
            throw new CliExit(
              1,
              `SIRET ${options.siret} is not in the directory: import it first (directory import), or give --force`,
            );
          }
          process.stderr.write(
            `passerelle: warning: SIRET ${options.siret} is not in the directory; invoices cannot be routed to it until it is imported\n`,
          );
        }
        const created = await stores.accounts.add({
          login,
          role: options.role,
          siret: options.siret,
          passwordHash,
          publicKeys,
        });
        process.stdout.write(
          `account ${created.login} (${created.role}, SIRET ${created.siret}) created; home ${stores.accounts.homeOf(created.login)}\n`,
        );
      } finally {
        await stores.db.close();
      }
    });
  account
    .command('list')
    .description('list accounts')
    .action(async (_options: unknown, command: Command) => {
      const stores = await openStores(configFor(command.optsWithGlobals<GlobalOptions>()));
      try {
        for (const item of await stores.accounts.list()) {
          const methods = [
            item.passwordHash ? 'password' : '',
            item.publicKeys.length > 0 ? `${item.publicKeys.length} key(s)` : '',
            item.disabled ? 'DISABLED' : '',
            item.push ? `push ${pushTargetUrl(item.push)}` : '',
          ]
            .filter(Boolean)
            .join(', ');
          process.stdout.write(`${item.login}\t${item.role}\t${item.siret}\t${methods}\n`);
        }
      } finally {
        await stores.db.close();
      }
    });
  registerAccountLifecycle(account);
  registerAccountMandates(account);
  registerAccountPush(account);
  account
    .command('set-language <login> <language>')
    .description("language of the account's acknowledgements: fr (default) or en")
    .action(async (login: string, language: string, _options: unknown, command: Command) => {
      if (!isAckLanguage(language))
        throw new CliExit(2, `language must be one of ${ACK_LANGUAGES.join(', ')}`);
      const stores = await openStores(configFor(command.optsWithGlobals<GlobalOptions>()));
      try {
        if (!(await stores.registry.setLanguage(login, language)))
          throw new CliExit(1, `no account ${login}`);
        process.stdout.write(`${login}\tlanguage ${language}\n`);
      } finally {
        await stores.db.close();
      }
    });
  account
    .command('set-status-format <login> <format>')
    .description(
      'format of the status files written for the account: xml, cdar, both or cppstatut (Chorus Pro CPP Statut)',
    )
    .action(async (login: string, format: string, _options: unknown, command: Command) => {
      if (!isStatusFormatPreference(format))
        throw new CliExit(2, `format must be one of ${STATUS_FORMAT_PREFERENCES.join(', ')}`);
      const stores = await openStores(configFor(command.optsWithGlobals<GlobalOptions>()));
      try {
        if (!(await stores.registry.setStatusFormat(login, format)))
          throw new CliExit(1, `no account ${login}`);
        process.stdout.write(`${login}\tstatus format ${format}\n`);
      } finally {
        await stores.db.close();
      }
    });
}
