import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { Gateway } from '../../app/index.js';
import { GATEWAY_ROLES, type GatewayRole } from '../../config/index.js';
import { describeRedisTarget } from '../../queues/index.js';
import { createLogger } from '../../logging/index.js';
import { hostKeyFileOf, hostKeyFingerprint } from '../../sftp/index.js';
import { configFor, type GlobalOptions } from '../cli-context.js';

export function registerStartCommand(program: Command): void {
  program
    .command('start')
    .description(
      'start the gateway: SFTP server, watchers, pipeline workers (and a private Redis unless REDIS_URL is set)',
    )
    .addOption(
      new Option(
        '--role <role>',
        'what this process runs: all (default), sftp (SFTP server and claiming) or worker (pipeline workers); also PASSERELLE_ROLE',
      ).choices(GATEWAY_ROLES),
    )
    .action(async (options: { role?: GatewayRole }, command: Command) => {
      const loaded = configFor(command.optsWithGlobals<GlobalOptions>());
      const config = { ...loaded, role: options.role ?? loaded.role };
      const logger = createLogger(config.log.level);
      const gateway = new Gateway(config, logger);
      let status: Awaited<ReturnType<Gateway['start']>>;
      try {
        status = await gateway.start();
      } catch (error) {
        // What did start (Redis, workers, SFTP) is stopped, so the error ends the process.
        await gateway.stop().catch(() => undefined);
        setTimeout(() => process.exit(process.exitCode ?? 1), 500).unref();
        throw error;
      }
      const sftp =
        status.sftpPort === undefined
          ? 'disabled'
          : `sftp://${config.sftp.host}:${status.sftpPort}  host key ${hostKeyFingerprint(
              readFileSync(hostKeyFileOf(config.sftp.hostKeyFile, status.layout.root)),
            )}`;
      process.stderr.write(
        [
          '',
          'Passerelle is running.',
          `  Role        ${status.role}`,
          `  SFTP        ${sftp}`,
          `  Redis       ${describeRedisTarget(status.redis)}`,
          `  HTTP        ${status.httpPort === undefined ? 'disabled' : `http://${config.http.host}:${status.httpPort}/ (metrics, healthz, readyz)`}`,
          `  Workers     ${status.role === 'sftp' ? 'none in this process (role sftp)' : 'intake, route, ack, status'}`,
          `  Data        ${status.layout.root} (homes, archive, registry passerelle.db)`,
          `  Schemas     ${config.schemasDir}`,
          '',
          'Next steps (in another terminal; the CLI finds this gateway from any folder):',
          '  bin/passerelle.js directory import config/directory.example.csv',
          "  echo 's3cret-pass' | bin/passerelle.js account add acme --role supplier --siret 12345678901234 --password-stdin",
          `  sftp -P ${status.sftpPort ?? 2222} acme@${config.sftp.host}    then: put invoice.xml in/  and later: get out/*`,
          'Stop with Ctrl-C. Logs (JSON) follow on stdout.',
          '',
        ].join('\n'),
      );
      await new Promise<void>((resolve) => {
        const stop = (signal: NodeJS.Signals) => {
          logger.info({ signal }, 'stopping');
          // A second signal (Ctrl-C again) or a stop that outlasts its deadline ends the process
          // at once: nothing is lost, jobs that were running are re-run once their lock expires.
          const giveUp = (reason: string) => {
            logger.error(
              { step: gateway.stoppingStep, resources: process.getActiveResourcesInfo() },
              `${reason}: exiting without a clean stop; unfinished jobs run again after pipeline.lockDurationMs`,
            );
            logger.flush();
            process.exit(1);
          };
          setTimeout(() => {
            giveUp(`still stopping after ${String(config.pipeline.stopTimeoutMs)} ms`);
          }, config.pipeline.stopTimeoutMs).unref();
          process.removeListener(signal === 'SIGINT' ? 'SIGTERM' : 'SIGINT', stop);
          const again = (second: NodeJS.Signals) => {
            giveUp(`${second} received while stopping`);
          };
          process.once('SIGINT', again);
          process.once('SIGTERM', again);
          gateway.stop().then(resolve, (error: unknown) => {
            logger.error({ err: error }, 'error while stopping');
            resolve();
          });
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      logger.info('stopped');
      logger.flush();
      // Everything is closed in order above, so the process ends by itself. Should a library
      // leave a handle open, say which, rather than hang a service manager's stop.
      setTimeout(() => {
        logger.warn(
          { resources: process.getActiveResourcesInfo() },
          'still running 5 s after stopping: exiting',
        );
        logger.flush();
        process.exit(process.exitCode ?? 0);
      }, 5000).unref();
    });
}
