import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { parseDirectoryCsv } from '../../directory/index.js';
import { describeEntity, listEntities } from '../../ops/index.js';
import { CliExit, readStores, writeStores } from '../cli-context.js';
import { siretOption, wholeNumber, writeJson, writeLine, writeRows } from '../output.js';

export function registerDirectoryCommand(program: Command): void {
  const directory = program
    .command('directory')
    .description('the directory of public entities and their services');
  directory
    .command('import <file>')
    .description(
      'import public entities from a CSV file, one row per service (see docs/directory.md); all or nothing',
    )
    .option('--replace', 'remove the entities that are not in the file')
    .action(async (file: string, options: { replace?: boolean }, command: Command) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliExit(2, `cannot read ${file}`);
      }
      const parsed = parseDirectoryCsv(text);
      if (!parsed.ok)
        throw new CliExit(1, `${file}: nothing imported:\n  ${parsed.problems.join('\n  ')}`);
      const stores = await writeStores(command);
      try {
        const summary = await stores.directory.importEntries(
          parsed.entries,
          options.replace === true,
        );
        process.stdout.write(
          `imported ${summary.entities} entities and ${summary.services} services` +
            (options.replace
              ? `; removed ${summary.removedEntities} entities absent from the file`
              : '') +
            '\n',
        );
      } finally {
        await stores.db.close();
      }
    });
  directory
    .command('list')
    .description('public entities, by SIRET, with their number of services and their account')
    .option('--search <text>', 'part of the name or of the SIRET')
    .option('--limit <n>', 'how many (1-10000)', wholeNumber(1, 10_000), 100)
    .option('--offset <n>', 'skip this many', wholeNumber(0, Number.MAX_SAFE_INTEGER), 0)
    .option('--json', 'print JSON')
    .action(
      async (
        options: { search?: string; limit: number; offset: number; json?: boolean },
        command: Command,
      ) => {
        const stores = await readStores(command);
        try {
          const entities = await listEntities(stores, options);
          if (options.json) {
            writeJson(entities);
            return;
          }
          if (entities.length === 0) writeLine('no public entity found');
          writeRows(
            entities.map((entity) => [
              entity.siret,
              entity.isActive ? 'active' : 'inactive',
              `${entity.services} service(s)`,
              entity.account ?? '(no account)',
              entity.name,
            ]),
          );
        } finally {
          await stores.db.close();
        }
      },
    );
  directory
    .command('show')
    .description('one public entity: its rules, services and account')
    .argument('<siret>', 'SIRET of the entity (14 digits)', siretOption)
    .option('--json', 'print JSON')
    .action(async (siret: string, options: { json?: boolean }, command: Command) => {
      const checked = siret;
      const stores = await readStores(command);
      try {
        const view = await describeEntity(stores, checked);
        if (!view) throw new CliExit(1, `no public entity ${checked} in the directory`);
        const account =
          view.account === undefined
            ? null
            : { login: view.account.login, siret: view.account.siret, role: view.account.role };
        if (options.json) {
          writeJson({ entity: view.entity, services: view.services, account });
          return;
        }
        const { entity } = view;
        writeLine(`${entity.siret}\t${entity.name}\t${entity.isActive ? 'active' : 'inactive'}`);
        writeLine(
          `  requires    service code: ${entity.isServiceCodeRequired ? 'yes' : 'no'}, commitment: ${entity.isCommitmentRequired ? 'yes' : 'no'}, one of them: ${entity.isServiceOrCommitmentRequired ? 'yes' : 'no'}`,
        );
        writeLine(`  account     ${account?.login ?? '(none: invoices to it are incidents)'}`);
        writeLine(`  services    ${view.services.length}`);
        for (const service of view.services)
          writeLine(
            `    ${service.code}\t${service.isActive ? 'active' : 'inactive'}\t${service.name}`,
          );
      } finally {
        await stores.db.close();
      }
    });
}
