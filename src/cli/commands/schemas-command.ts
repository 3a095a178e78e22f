import path from 'node:path';
import type { Command } from 'commander';
import {
  checkSchemas,
  installSchemas,
  type BundleCheck,
  type SchemasCheck,
} from '../../validate/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

interface SchemasOptions {
  readonly dir?: string;
}

function schemasDirFor(options: SchemasOptions & GlobalOptions): string {
  return options.dir === undefined ? configFor(options).schemasDir : path.resolve(options.dir);
}

function describeBundle(state: BundleCheck): string[] {
  const { bundle } = state;
  const total = Object.keys(bundle.files).length;
  const role = bundle.requiredBy === 'gateway' ? 'required' : 'tests only';
  if (state.missing.length === 0 && state.altered.length === 0)
    return [`ok       ${bundle.id} (${total} files, ${role})`];
  const lines = [
    `${bundle.requiredBy === 'gateway' ? 'MISSING ' : 'missing '} ${bundle.id} (${role}): ${state.intact}/${total} files intact, ${state.missing.length} missing, ${state.altered.length} altered`,
    `         ${bundle.name}`,
    ...bundle.download.map((address) => `         download: ${address}`),
  ];
  const shown = [
    ...state.altered.map((file) => `altered: ${file}`),
    ...state.missing.map((file) => `missing: ${file}`),
  ];
  lines.push(...shown.slice(0, 5).map((line) => `         ${line}`));
  if (shown.length > 5) lines.push(`         … and ${shown.length - 5} more`);
  return lines;
}

function printCheck(check: SchemasCheck): void {
  process.stdout.write(`schemas folder: ${check.schemasDir}\n`);
  for (const state of check.bundles) process.stdout.write(`${describeBundle(state).join('\n')}\n`);
  process.stdout.write(
    check.isGatewayReady
      ? 'The gateway has every schema it needs.\n'
      : 'The gateway cannot start: install the missing bundles with `passerelle schemas install <zip|folder>...`.\n',
  );
}

export function registerSchemasCommand(program: Command): void {
  const schemas = program
    .command('schemas')
    .description(
      'install and check the official schema bundles (see README, "Installing the schemas")',
    );
  schemas
    .command('check')
    .description(
      'report missing or altered official files (SHA-256 from schemas/manifest.json); exit 0 when the gateway has all it needs, 1 otherwise',
    )
    .option('--dir <folder>', 'schemas folder (default: the configured schemasDir)')
    .action((options: SchemasOptions, command: Command) => {
      const check = checkSchemas(
        schemasDirFor(command.optsWithGlobals<SchemasOptions & GlobalOptions>()),
      );
      printCheck(check);
      process.exitCode = check.isGatewayReady ? 0 : 1;
    });
  schemas
    .command('install <sources...>')
    .description(
      'take the downloaded archives (zip) or folders and lay out, in the schemas folder, every official file found intact; exit 0 when the gateway then has all it needs',
    )
    .option('--dir <folder>', 'schemas folder (default: the configured schemasDir)')
    .action(async (sources: string[], options: SchemasOptions, command: Command) => {
      const dir = schemasDirFor(command.optsWithGlobals<SchemasOptions & GlobalOptions>());
      const result = await installSchemas(sources, dir);
      for (const { source, reason } of result.unreadable)
        process.stderr.write(`${source}: cannot read (${reason})\n`);
      for (const { file, source } of result.rejected)
        process.stdout.write(`not taken: ${source} differs from the published ${file}\n`);
      process.stdout.write(`installed ${result.installed.length} files\n`);
      printCheck(result.check);
      if (result.unreadable.length > 0) throw new CliExit(2, 'some sources could not be read');
      process.exitCode = result.check.isGatewayReady ? 0 : 1;
    });
}
