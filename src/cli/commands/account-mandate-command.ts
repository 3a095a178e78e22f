/**
 * `account grant|revoke|mandates`: deposit rights. An account deposits in its own name (its
 * SIRET or SIREN) and for the sellers it is granted, such as an EDI operator's customers;
 * any other invoice is rejected with ROUTE_SELLER_NOT_AUTHORIZED.
 */
import type { Command } from 'commander';
import { normalizeSellerId } from '../../accounts/index.js';
import { openStores, type Stores } from '../../state/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

/** A SIRET, a SIREN, a VAT number or another registration id, spaces removed. */
const SELLER_ID = /^[^\s\p{Cc}]{1,64}$/u;

async function withSupplier<T>(
  command: Command,
  login: string,
  work: (stores: Stores) => Promise<T>,
): Promise<T> {
  const stores = await openStores(configFor(command.optsWithGlobals<GlobalOptions>()));
  try {
    const account = await stores.accounts.get(login);
    if (!account) throw new CliExit(1, `no account ${login}`);
    if (account.role !== 'supplier')
      throw new CliExit(
        2,
        `${login} is a public entity's account: only suppliers deposit invoices`,
      );
    return await work(stores);
  } finally {
    await stores.db.close();
  }
}

function sellerIdOf(raw: string): string {
  const sellerId = normalizeSellerId(raw);
  if (!SELLER_ID.test(sellerId))
    throw new CliExit(
      2,
      `"${raw}" is not a seller id (a SIRET, a SIREN or another registration id: 1 to 64 visible characters)`,
    );
  return sellerId;
}

export function registerAccountMandates(account: Command): void {
  account
    .command('grant <login> <sellerId>')
    .description(
      'let a supplier account deposit invoices in the name of this seller (SIRET, SIREN or other id)',
    )
    .action(async (login: string, raw: string, _options: unknown, command: Command) => {
      const sellerId = sellerIdOf(raw);
      const isNew = await withSupplier(command, login, (stores) =>
        stores.accounts.mandates.grant(login, sellerId),
      );
      process.stdout.write(
        `${login}\tmay deposit for ${sellerId}${isNew ? '' : ' (already granted)'}\n`,
      );
    });
  account
    .command('revoke <login> <sellerId>')
    .description('withdraw a deposit mandate')
    .action(async (login: string, raw: string, _options: unknown, command: Command) => {
      const sellerId = sellerIdOf(raw);
      const removed = await withSupplier(command, login, (stores) =>
        stores.accounts.mandates.revoke(login, sellerId),
      );
      if (!removed) throw new CliExit(1, `${login} holds no mandate for ${sellerId}`);
      process.stdout.write(`${login}\tno longer deposits for ${sellerId}\n`);
    });
  account
    .command('mandates <login>')
    .description('the sellers a supplier account may deposit for besides itself')
    .option('--json', 'as JSON')
    .action(async (login: string, options: { json?: boolean }, command: Command) => {
      const sellers = await withSupplier(command, login, async (stores) => [
        ...(await stores.accounts.mandates.of(login)),
      ]);
      if (options.json === true) process.stdout.write(`${JSON.stringify({ login, sellers })}\n`);
      else if (sellers.length === 0)
        process.stdout.write(`${login}\tno mandate (own SIRET and SIREN only)\n`);
      else for (const seller of sellers) process.stdout.write(`${login}\t${seller}\n`);
    });
}
