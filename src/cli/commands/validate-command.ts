import { existsSync, readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { openStores, type Stores } from '../../state/index.js';
import { dataLayoutOf, type Config } from '../../config/index.js';
import { isFatal, type ValidationIssue } from '../../errors/index.js';
import { decideRecipient } from '../../route/index.js';
import {
  findMissingSchemas,
  SchemaCatalog,
  validateFile,
  type ValidationLayer,
  ALL_LAYERS,
} from '../../validate/index.js';
import { CliExit, configFor, type GlobalOptions } from '../cli-context.js';

interface ValidateOptions {
  readonly json?: boolean;
  readonly layers: string;
  readonly directory: boolean;
}

/**
 * The gateway's directory (and entity accounts), when this configuration has one: routing
 * refuses invoices the layers accept (service code or commitment number required…).
 */
async function openDirectory(config: Config): Promise<Stores | string> {
  const layout = dataLayoutOf(config);
  if (config.registry.url === undefined && !existsSync(layout.database))
    return `no gateway data at ${layout.database} (give the gateway's --config, or import a directory)`;
  return openStores(config);
}

async function routingIssues(
  stores: Stores,
  report: { keys: Parameters<typeof decideRecipient>[0]; syntax: string },
): Promise<ValidationIssue[]> {
  const decision = await decideRecipient(report.keys, report.syntax, {
    findEntity: (siret) => stores.directory.findEntity(siret),
    findService: (siret, code) => stores.directory.findService(siret, code),
    findEntityAccount: (siret) => stores.accounts.findEntityAccount(siret),
  });
  return decision.ok ? [] : [...decision.issues];
}

function parseLayers(text: string): ValidationLayer[] {
  const layers = text
    .split(',')
    .map((layer) => layer.trim())
    .filter((layer) => layer !== '');
  const unknown = layers.filter((layer) => !(ALL_LAYERS as readonly string[]).includes(layer));
  if (unknown.length > 0)
    throw new CliExit(
      2,
      `unknown layer(s): ${unknown.join(', ')} (known: ${ALL_LAYERS.join(', ')})`,
    );
  return layers as ValidationLayer[];
}

export function registerValidateCommand(program: Command): void {
  program
    .command('validate <files...>')
    .description(
      'check files offline as the gateway would; exit 0 when all are valid, 1 when any is invalid, 2 on usage or I/O errors',
    )
    .option('--json', 'print one JSON object per file (JSON lines)')
    .option(
      '--layers <list>',
      `comma-separated subset of ${ALL_LAYERS.join(',')}`,
      ALL_LAYERS.join(','),
    )
    .option(
      '--no-directory',
      "skip the routing checks against the gateway's directory (applied with the fr layer)",
    )
    .action(async (files: string[], options: ValidateOptions, command: Command) => {
      const layers = parseLayers(options.layers);
      const config = configFor(command.optsWithGlobals<GlobalOptions>());
      const missing = findMissingSchemas(config.schemasDir);
      if (missing.length > 0)
        throw new CliExit(
          2,
          `official schemas not found in ${config.schemasDir}; see README, "Installing the schemas"`,
        );
      const schemas = new SchemaCatalog(config.schemasDir);
      const directory =
        options.directory && layers.includes('fr')
          ? await openDirectory(config)
          : 'not asked (--no-directory or no fr layer)';
      if (typeof directory === 'string')
        process.stderr.write(`passerelle: directory checks not applied: ${directory}\n`);
      let anyInvalid = false;
      let anyUnreadable = false;
      try {
        for (const file of files) {
          let bytes: Buffer;
          try {
            bytes = readFileSync(file);
          } catch (error) {
            anyUnreadable = true;
            process.stderr.write(
              `${file}: cannot read (${(error as NodeJS.ErrnoException).code ?? 'error'})\n`,
            );
            continue;
          }
          const validated = await validateFile(bytes, {
            schemas,
            layers,
            facturx: config.facturx,
            frRules: config.validation.fr.rules,
          });
          // As the gateway: only an invoice the layers accept is routed.
          const routed =
            typeof directory === 'string' || !validated.isValid
              ? []
              : await routingIssues(directory, validated);
          const report = {
            ...validated,
            issues: [...validated.issues, ...routed],
            isValid: validated.isValid && !routed.some(isFatal),
          };
          anyInvalid ||= !report.isValid;
          const issues = report.issues.map((issue) => ({
            layer: issue.layer,
            code: issue.code,
            rule: issue.rule,
            severity: issue.severity,
            message: issue.message,
            line: issue.line ?? null,
            xpath: issue.xpath ?? null,
          }));
          if (options.json) {
            process.stdout.write(
              `${JSON.stringify({ file, syntax: report.syntax, valid: report.isValid, directoryChecked: typeof directory !== 'string', keys: report.keys, issues })}\n`,
            );
          } else {
            process.stdout.write(
              `${file}: ${report.isValid ? 'valid' : 'INVALID'} (${report.syntax})\n`,
            );
            for (const issue of issues) {
              const where = [issue.line === null ? '' : `line ${issue.line}`, issue.xpath ?? '']
                .filter(Boolean)
                .join(' ');
              process.stdout.write(
                `  ${issue.severity} ${issue.code}${issue.rule === issue.code ? '' : ` ${issue.rule}`}${where ? ` [${where}]` : ''}: ${issue.message}\n`,
              );
            }
          }
        }
      } finally {
        schemas.dispose();
        if (typeof directory !== 'string') await directory.db.close();
      }
      if (anyUnreadable) throw new CliExit(2, 'some files could not be read');
      process.exitCode = anyInvalid ? 1 : 0;
    });
}
