import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openStores } from '../../app/index.js';
import { dataLayoutOf } from '../../config/index.js';
import { parseDirectoryCsv } from '../../directory/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

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
    .action((file: string, options: { replace?: boolean }, command: Command) => {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        throw new CliExit(2, `cannot read ${file}`);
      }
      const parsed = parseDirectoryCsv(text);
      if (!parsed.ok)
        throw new CliExit(1, `${file}: nothing imported:\n  ${parsed.problems.join('\n  ')}`);
      const stores = openStores(dataLayoutOf(configFor(command.optsWithGlobals<GlobalOptions>())));
      try {
        const summary = stores.directory.importEntries(parsed.entries, options.replace === true);
        process.stdout.write(
          `imported ${summary.entities} entities and ${summary.services} services` +
            (options.replace
              ? `; removed ${summary.removedEntities} entities absent from the file`
              : '') +
            '\n',
        );
      } finally {
        stores.db.close();
      }
    });
}
