import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Command, CommanderError } from 'commander';
import { projectRoot } from '../config/index.js';
import { PasserelleError } from '../errors/index.js';
import { CliExit } from './cli-context.js';

type Register = (program: Command) => void;

/**
 * Command modules, loaded only for the command run: an operator command must not pay for
 * loading the validators and the pipeline it does not use.
 */
const COMMANDS: Readonly<Record<string, () => Promise<Register>>> = {
  start: async () => (await import('./commands/start-command.js')).registerStartCommand,
  account: async () => (await import('./commands/account-command.js')).registerAccountCommand,
  directory: async () => (await import('./commands/directory-command.js')).registerDirectoryCommand,
  validate: async () => (await import('./commands/validate-command.js')).registerValidateCommand,
  flows: async () => (await import('./commands/ops-command.js')).registerOpsCommands,
  queue: async () => (await import('./commands/ops-command.js')).registerOpsCommands,
  invoice: async () => (await import('./commands/invoice-command.js')).registerInvoiceCommand,
  status: async () => (await import('./commands/status-command.js')).registerStatusCommand,
  config: async () => (await import('./commands/config-command.js')).registerConfigCommand,
  operator: async () => (await import('./commands/operator-command.js')).registerOperatorCommand,
  schemas: async () => (await import('./commands/schemas-command.js')).registerSchemasCommand,
  'host-key': async () => (await import('./commands/host-key-command.js')).registerHostKeyCommand,
  audit: async () => (await import('./commands/audit-command.js')).registerAuditCommand,
  alert: async () => (await import('./commands/alert-command.js')).registerAlertCommand,
  partners: async () => (await import('./commands/partners-command.js')).registerPartnersCommand,
  flow: async () => (await import('./commands/flow-command.js')).registerFlowCommand,
};

function versionOf(): string {
  try {
    const manifest = JSON.parse(readFileSync(path.join(projectRoot(), 'package.json'), 'utf8')) as {
      version?: unknown;
    };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** The command word of argv (after node, the script and global options), if any. */
function commandWordOf(args: readonly string[]): string | undefined {
  for (let index = 0; index < args.length; index += 1) {
    const arg = args[index] ?? '';
    if (arg === '-c' || arg === '--config') {
      index += 1;
      continue;
    }
    if (arg.startsWith('-')) continue;
    return arg;
  }
  return undefined;
}

/** The program with every command (for help and tests), or only `only`'s module. */
export async function buildProgram(only?: string): Promise<Command> {
  const program = new Command('passerelle')
    .description(
      'Passerelle: EDI gateway for batch e-invoice flows (SFTP → validation → routing → acknowledgements)',
    )
    .version(versionOf(), '-V, --version', 'print the version')
    .option(
      '-c, --config <file>',
      'JSON config file (default: $PASSERELLE_CONFIG, /etc/passerelle/passerelle.json, passerelle.json in the install folder, else embedded defaults)',
    )
    .showHelpAfterError()
    .exitOverride();
  const loaders =
    only !== undefined && COMMANDS[only] !== undefined
      ? [COMMANDS[only]]
      : [...new Set(Object.values(COMMANDS))];
  const registered = new Set<Register>();
  for (const load of loaders) {
    const register = await load();
    if (registered.has(register)) continue;
    registered.add(register);
    register(program);
  }
  const override = (command: Command) => {
    command.exitOverride();
    for (const sub of command.commands) override(sub);
  };
  override(program);
  return program;
}

/** A reader that went away (`passerelle flows | head -1`) ends the command quietly. */
function endQuietlyOnClosedPipe(): void {
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

/** Runs the CLI; usage errors exit 2, operational errors print their code and exit 1 (or 2). */
export async function main(argv: readonly string[]): Promise<void> {
  endQuietlyOnClosedPipe();
  try {
    const program = await buildProgram(commandWordOf(argv.slice(2)));
    await program.parseAsync([...argv]);
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
