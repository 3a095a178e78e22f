import { Command, CommanderError } from 'commander';
import { PasserelleError } from '../errors/index.js';
import { CliExit } from './cli-context.js';
import { registerAccountCommand } from './commands/account-command.js';
import { registerAuditCommand } from './commands/audit-command.js';
import { registerDirectoryCommand } from './commands/directory-command.js';
import { registerHostKeyCommand } from './commands/host-key-command.js';
import { registerOpsCommands } from './commands/ops-command.js';
import { registerSchemasCommand } from './commands/schemas-command.js';
import { registerStartCommand } from './commands/start-command.js';
import { registerStatusCommand } from './commands/status-command.js';
import { registerValidateCommand } from './commands/validate-command.js';

export function buildProgram(): Command {
  const program = new Command('passerelle')
    .description(
      'Passerelle: EDI gateway for batch e-invoice flows (SFTP → validation → routing → acknowledgements)',
    )
    .option(
      '-c, --config <file>',
      'JSON config file (default: $PASSERELLE_CONFIG, else embedded defaults)',
    )
    .showHelpAfterError()
    .exitOverride();
  registerStartCommand(program);
  registerAccountCommand(program);
  registerDirectoryCommand(program);
  registerValidateCommand(program);
  registerSchemasCommand(program);
  registerOpsCommands(program);
  registerStatusCommand(program);
  registerHostKeyCommand(program);
  registerAuditCommand(program);
  for (const command of program.commands) {
    command.exitOverride();
    for (const sub of command.commands) sub.exitOverride();
  }
  return program;
}

/** Runs the CLI; usage errors exit 2, operational errors print their code and exit 1 (or 2). */
export async function main(argv: readonly string[]): Promise<void> {
  try {
    await buildProgram().parseAsync([...argv]);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode === 0 ? 0 : 2;
      return;
    }
    if (error instanceof CliExit) {
      process.stderr.write(`passerelle: ${error.message}\n`);
      process.exitCode = error.exitCode;
      return;
    }
    if (error instanceof PasserelleError) {
      process.stderr.write(`passerelle: ${error.code}: ${error.message}\n`);
      process.exitCode =
        error.code === 'CONFIG_INVALID' || error.code === 'SCHEMAS_MISSING' ? 2 : 1;
      return;
    }
    throw error;
  }
}
