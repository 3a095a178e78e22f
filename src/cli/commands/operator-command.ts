/** `passerelle operator add|list|remove`: the web console's operator accounts. */
import { Option, type Command } from 'commander';
import { OperatorStore, type OperatorRole } from '../../ops/index.js';
import { CliExit, readStores, writeStores } from '../cli-context.js';
import { writeJson, writeLine, writeRows } from '../output.js';
import { readStdin } from '../read-stdin.js';

export function registerOperatorCommand(program: Command): void {
  const operator = program
    .command('operator')
    .description(
      'operators of the web console (viewer: reads; operator: also retries and downloads)',
    );
  operator
    .command('add <name>')
    .description('create an operator; the password is read from standard input (12+ characters)')
    .addOption(
      new Option('--role <role>', 'viewer or operator')
        .choices(['viewer', 'operator'])
        .default('viewer'),
    )
    .requiredOption('--password-stdin', 'read the password from standard input')
    .action(async (name: string, options: { role: OperatorRole }, command: Command) => {
      const password = (await readStdin()).replace(/\r?\n$/, '');
      const stores = await writeStores(command);
      try {
        const created = await new OperatorStore(stores.db).add(name, options.role, password);
        writeLine(`operator ${created.name} (${created.role}) created`);
      } finally {
        await stores.db.close();
      }
    });
  operator
    .command('list')
    .description('list operators')
    .option('--json', 'print JSON')
    .action(async (options: { json?: boolean }, command: Command) => {
      const stores = await readStores(command);
      try {
        const operators = await new OperatorStore(stores.db).list();
        if (options.json) writeJson(operators);
        else if (operators.length === 0) writeLine('no operators');
        else writeRows(operators.map((item) => [item.name, item.role, item.createdAt]));
      } finally {
        await stores.db.close();
      }
    });
  operator
    .command('remove <name>')
    .description('delete an operator (their console sessions end at their next request)')
    .action(async (name: string, _options: unknown, command: Command) => {
      const stores = await readStores(command);
      try {
        if (!(await new OperatorStore(stores.db).remove(name)))
          throw new CliExit(1, `no operator ${name}`);
        writeLine(`operator ${name} removed`);
      } finally {
        await stores.db.close();
      }
    });
}
