/**
 * `account show|disable|enable|set-password|add-key|remove-key|delete`: an account's life after
 * `account add`. Changes apply to the running gateway at the next login (it reads the store).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { hashPassword, pushTargetUrl } from '../../accounts/index.js';
import { openStores, type Stores } from '../../state/index.js';
import { dataLayoutOf } from '../../config/index.js';
import { publicKeyFingerprint, publicKeyLinesOf, waitingIn } from '../../sftp/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';
import { readStdin } from '../read-stdin.js';

/** The key lines of a public key file; every line must be a key ssh2 can read. */
export function readPublicKeys(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new CliExit(2, `cannot read public key file ${file}`);
  }
  const lines = publicKeyLinesOf(text);
  if (lines.length === 0) throw new CliExit(2, `${file} holds no public key`);
  for (const line of lines) {
    if (publicKeyFingerprint(line) === undefined) {
      throw new CliExit(2, `${file}: not an OpenSSH public key: ${line.slice(0, 40)}…`);
    }
  }
  return lines;
}

export async function readNewPassword(): Promise<string> {
  const password = (await readStdin()).replace(/\r?\n$/, '');
  if (password.length < 8) throw new CliExit(2, 'the password must have at least 8 characters');
  return hashPassword(password);
}

async function withStores<T>(
  command: Command,
  work: (stores: Stores, root: string) => Promise<T>,
): Promise<T> {
  const config = configFor(command.optsWithGlobals<GlobalOptions>());
  const stores = await openStores(config);
  try {
    return await work(stores, dataLayoutOf(config).root);
  } finally {
    await stores.db.close();
  }
}

async function accountOf(stores: Stores, login: string) {
  const account = await stores.accounts.get(login);
  if (!account) throw new CliExit(1, `no account ${login}`);
  return account;
}

export function registerAccountLifecycle(account: Command): void {
  account
    .command('show <login>')
    .description('an account: role, SIRET, state, login methods, key fingerprints, home')
    .option('--json', 'as JSON')
    .action(async (login: string, options: { json?: boolean }, command: Command) => {
      const { found, home } = await withStores(command, async (stores) => ({
        found: await accountOf(stores, login),
        home: stores.accounts.homeOf(login),
      }));
      const waiting = await waitingIn(path.join(home, 'in')).catch(() => ({ files: 0, bytes: 0 }));
      const shown = {
        login: found.login,
        role: found.role,
        siret: found.siret,
        state: found.disabled ? 'disabled' : 'enabled',
        createdAt: found.createdAt,
        password: found.passwordHash !== undefined,
        keys: found.publicKeys.map((line) => ({
          fingerprint: publicKeyFingerprint(line) ?? 'unreadable',
          type: line.split(' ')[0] ?? '',
          comment: line.split(' ').slice(2).join(' '),
        })),
        home,
        quota: found.quota ?? {},
        waitingInIn: waiting,
        push: found.push ?? null,
      };
      if (options.json) {
        process.stdout.write(`${JSON.stringify(shown, null, 2)}\n`);
        return;
      }
      const lines = [
        `login       ${shown.login}`,
        `role        ${shown.role}`,
        `SIRET       ${shown.siret}`,
        `state       ${shown.state}`,
        `created     ${shown.createdAt}`,
        `password    ${shown.password ? 'yes' : 'no'}`,
        ...shown.keys.map(
          (key) =>
            `key         ${key.fingerprint} ${key.type}${key.comment ? ` ${key.comment}` : ''}`,
        ),
        `home        ${shown.home}`,
        `in/         ${waiting.files} file(s) waiting, ${waiting.bytes} bytes`,
        `quota       ${shown.quota.maxFilesWaiting ?? 'configured'} files, ${shown.quota.maxBytesWaiting ?? 'configured'} bytes`,
        `delivery    ${found.push ? `push to ${pushTargetUrl(found.push)} (host key ${found.push.hostKeySha256})` : found.role === 'entity' ? 'inbox/ (pulled over SFTP)' : '-'}`,
      ];
      process.stdout.write(`${lines.join('\n')}\n`);
    });
  for (const [name, isDisabled] of [
    ['disable', true],
    ['enable', false],
  ] as const) {
    account
      .command(`${name} <login>`)
      .description(
        isDisabled
          ? 'refuse every login of the account (files, deliveries and records are kept)'
          : 'allow a disabled account to log in again',
      )
      .action(async (login: string, _options: unknown, command: Command) => {
        await withStores(command, async (stores) => {
          await accountOf(stores, login);
          await stores.accounts.setDisabled(login, isDisabled);
        });
        process.stdout.write(`${login}\t${isDisabled ? 'disabled' : 'enabled'}\n`);
      });
  }
  account
    .command('set-password <login>')
    .description('set or replace the password, read from standard input (stored as an scrypt hash)')
    .action(async (login: string, _options: unknown, command: Command) => {
      await withStores(command, (stores) => accountOf(stores, login));
      const hash = await readNewPassword();
      await withStores(command, (stores) => stores.accounts.setPasswordHash(login, hash));
      process.stdout.write(`${login}\tpassword set\n`);
    });
  account
    .command('add-key <login> <file>')
    .description(
      'authorize the OpenSSH public key(s) of a file for the account (key rotation: add, then remove)',
    )
    .action(async (login: string, file: string, _options: unknown, command: Command) => {
      const lines = readPublicKeys(file);
      await withStores(command, async (stores) => {
        const current = (await accountOf(stores, login)).publicKeys;
        const known = new Set(current.map((line) => publicKeyFingerprint(line)));
        const added = lines.filter((line) => !known.has(publicKeyFingerprint(line)));
        await stores.accounts.setPublicKeys(login, [...current, ...added]);
        for (const line of added)
          process.stdout.write(`${login}\tkey added\t${publicKeyFingerprint(line) ?? ''}\n`);
        if (added.length === 0) process.stdout.write(`${login}\tkey(s) already authorized\n`);
      });
    });
  account
    .command('remove-key <login> <fingerprint>')
    .description('remove an authorized key, named by its SHA256 fingerprint (see account show)')
    .action(async (login: string, fingerprint: string, _options: unknown, command: Command) => {
      await withStores(command, async (stores) => {
        const current = (await accountOf(stores, login)).publicKeys;
        const kept = current.filter((line) => publicKeyFingerprint(line) !== fingerprint);
        if (kept.length === current.length)
          throw new CliExit(1, `${login} has no key ${fingerprint}`);
        await stores.accounts.setPublicKeys(login, kept);
      });
      process.stdout.write(`${login}\tkey removed\t${fingerprint}\n`);
    });
  account
    .command('set-quota <login>')
    .description(
      'override the upload quota of the account (files and bytes waiting in in/); without options, back to the configured one (sftp.quota)',
    )
    .option('--max-files <n>', 'files waiting in in/')
    .option('--max-bytes <n>', 'bytes waiting in in/')
    .action(
      async (
        login: string,
        options: { maxFiles?: string; maxBytes?: string },
        command: Command,
      ) => {
        const count = (text: string | undefined, name: string) => {
          if (text === undefined) return undefined;
          const value = Number(text);
          if (!Number.isSafeInteger(value) || value < 1) {
            throw new CliExit(2, `${name}: a positive integer`);
          }
          return value;
        };
        const quota = {
          maxFilesWaiting: count(options.maxFiles, '--max-files'),
          maxBytesWaiting: count(options.maxBytes, '--max-bytes'),
        };
        await withStores(command, async (stores) => {
          await accountOf(stores, login);
          await stores.accounts.setQuota(login, quota);
        });
        process.stdout.write(
          `${login}\tquota: ${quota.maxFilesWaiting ?? 'configured'} files, ${quota.maxBytesWaiting ?? 'configured'} bytes waiting in in/\n`,
        );
      },
    );
  account
    .command('delete <login>')
    .description(
      'delete an account: no more logins nor deliveries, home moved to <dataDir>/deleted-homes/; flows, archive and audit trail are kept (see docs/sftp.md, retention)',
    )
    .action(async (login: string, _options: unknown, command: Command) => {
      const kept = await withStores(command, async (stores, root) => {
        await accountOf(stores, login);
        return stores.accounts.delete(login, path.join(root, 'deleted-homes'));
      });
      process.stdout.write(
        `${login}\tdeleted${kept ? `; its home was moved to ${kept}` : ''}; flows, archive and audit trail kept\n`,
      );
    });
}
