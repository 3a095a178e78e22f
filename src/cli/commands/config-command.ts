/** `passerelle config`: which configuration and data the CLI uses, and whether the gateway runs. */
import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import { dataLayoutOf } from '../../config/index.js';
import {
  CliExit,
  configFor,
  describeLocation,
  locationFor,
  type GlobalOptions,
} from '../cli-context.js';
import { externalRedisOf } from '../../queues/index.js';
import { readLiveRuntime } from '../gateway-link.js';
import { writeJson, writeLine } from '../output.js';

export function registerConfigCommand(program: Command): void {
  program
    .command('config')
    .description(
      'show where the configuration and the data are (lookup: --config, $PASSERELLE_CONFIG, /etc/passerelle/passerelle.json, passerelle.json in the install folder)',
    )
    .option('--json', 'print JSON')
    .action((options: { json?: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<GlobalOptions>();
      const location = locationFor(globals);
      const config = configFor(globals);
      const layout = dataLayoutOf(config);
      let gateway: { pid: number; startedAt: unknown; http: unknown } | { error: string };
      try {
        const runtime = readLiveRuntime(config);
        gateway = { pid: runtime.pid, startedAt: runtime.startedAt, http: runtime.http ?? null };
      } catch (error) {
        gateway = { error: error instanceof CliExit ? error.message : String(error) };
      }
      const report = {
        configFile: location.file ?? null,
        source: location.source,
        dataDir: layout.root,
        hasData: existsSync(layout.database),
        schemasDir: config.schemasDir,
        redis: externalRedisOf(config.redis) === undefined ? 'embedded' : 'external',
        role: config.role,
        http: config.http,
        gateway,
      };
      if (options.json) {
        writeJson(report);
        return;
      }
      writeLine(`config    ${describeLocation(location)}`);
      writeLine(`data      ${layout.root}${report.hasData ? '' : '  (no registry yet)'}`);
      writeLine(`schemas   ${config.schemasDir}`);
      writeLine(`redis     ${report.redis}`);
      writeLine(`role      ${report.role} (of passerelle start)`);
      writeLine(
        `http      ${config.http.enabled ? `${config.http.host}:${config.http.port}` : 'disabled'}`,
      );
      writeLine(`gateway   ${'pid' in gateway ? `running, pid ${gateway.pid}` : gateway.error}`);
    });
}
