/**
 * `npm run bench -- e2e --workers N [--invoices=N] [--rounds=2]`: the gateway as one process
 * (`--role all`) next to one `--role sftp` process with 1..N `--role worker` processes, all
 * on one external redis-server and one data directory (SQLite registry; the registry is
 * whatever the world's configuration selects). The configurations alternate within each
 * round so that a change of machine load spreads over all of them. Zips of `--per-zip`
 * invoices, the clock stopped when every acknowledgement and status file is on disk; CPU
 * summed over every gateway process and the Redis server.
 */
import os from 'node:os';
import path from 'node:path';
import { openSqlite } from '../../src/store/index.js';
import { E2eWorld, SUPPLIER } from '../support/e2e-world.js';
import { GatewayProcess } from '../support/gateway-process.js';
import { buildZip } from '../support/zip-writer.js';
import {
  allowParallel,
  countEnding,
  InvoiceFactory,
  pool,
  type E2eBenchOptions,
} from './e2e-bench.js';
import { TreeMonitor } from './process-tree.js';
import { median } from './stats.js';

/** The registry of the comparison: SQLite, or PostgreSQL at BENCH_DATABASE_URL. */
function registryEnvOf(): Record<string, string> {
  const url = process.env.BENCH_DATABASE_URL;
  return url === undefined ? {} : { DATABASE_URL: url };
}

/** Waits for `acks` acknowledgements in the supplier's out/, then for every status file. */
async function waitForSettlement(
  world: E2eWorld,
  acks: number,
  start: number,
): Promise<{ ackMs: number; statusMs: number }> {
  const out = path.join(world.homeOf(SUPPLIER.login), 'out');
  const deadline = Date.now() + 3_600_000;
  let ackMs: number | undefined;
  for (;;) {
    if (ackMs === undefined && countEnding(out, '.ack.json') >= acks)
      ackMs = performance.now() - start;
    if (ackMs !== undefined && (await unwrittenStatusFiles(world)) === 0)
      return { ackMs, statusMs: performance.now() - start };
    if (Date.now() > deadline) throw new Error('the batch did not settle within an hour');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function countOf(world: E2eWorld, sql: string): Promise<number> {
  const db = openSqlite(path.join(world.env.dataDir, 'passerelle.db'));
  try {
    return (await db.get<{ n: number }>(sql))?.n ?? 0;
  } finally {
    await db.close();
  }
}

const unwrittenStatusFiles = (world: E2eWorld) =>
  countOf(world, 'SELECT COUNT(*) AS n FROM status_feed WHERE written = 0');
const acceptedCount = (world: E2eWorld) =>
  countOf(world, "SELECT COUNT(*) AS n FROM invoices WHERE state = 'DELIVERED'");

interface Figure {
  readonly label: string;
  readonly rate: number;
  readonly cpuMsPerInvoice: number;
  readonly load: number;
}

/** `all` or the number of worker processes beside one sftp process. */
type Shape = 'all' | number;

async function startCluster(world: E2eWorld, shape: Shape): Promise<GatewayProcess[]> {
  const processes =
    shape === 'all'
      ? [world.gateway]
      : [
          new GatewayProcess({ ...world.env, role: 'sftp' }),
          ...Array.from(
            { length: shape },
            () => new GatewayProcess({ ...world.env, role: 'worker' }),
          ),
        ];
  await Promise.all(processes.map((process) => process.start()));
  return processes;
}

async function measure(options: E2eBenchOptions, shape: Shape, round: number): Promise<Figure> {
  const world = await E2eWorld.create({
    externalRedis: true,
    extraEnv: { PASSERELLE_LOG_LEVEL: 'warn', ...registryEnvOf() },
    config: { sftp: { quota: { maxFilesWaiting: 1_000_000 } } },
  });
  let processes: GatewayProcess[] = [];
  try {
    processes = await startCluster(world, shape);
    const pids = [...processes.map((process) => process.pid), world.redis?.pid].filter(
      (pid): pid is number => pid !== undefined,
    );
    const zips = Math.ceil(options.invoices / options.perZip);
    const factory = new InvoiceFactory(`R${round}`);
    const partner = allowParallel(await world.supplier(), 4);
    const monitor = new TreeMonitor(pids);
    const start = performance.now();
    await pool(zips, 2, async (zip) => {
      const first = zip * options.perZip;
      const size = Math.min(options.perZip, options.invoices - first);
      const entries = Array.from({ length: size }, (_, index) => ({
        name: `inv-${first + index}.xml`,
        data: factory.invoice(first + index),
      }));
      await partner.put(buildZip(entries), `/in/batch-${zip}.zip`);
    });
    const { statusMs } = await waitForSettlement(world, zips, start);
    const { cpuMs } = monitor.stop();
    await partner.end();
    const accepted = await acceptedCount(world);
    if (accepted !== options.invoices)
      throw new Error(`${accepted} of ${options.invoices} invoices delivered`);
    return {
      label: shape === 'all' ? 'one process (--role all)' : `sftp + ${shape} worker(s)`,
      rate: options.invoices / (statusMs / 1000),
      cpuMsPerInvoice: cpuMs / options.invoices,
      load: os.loadavg()[0] ?? 0,
    };
  } finally {
    await Promise.all(processes.map((process) => process.stop()));
    await world.dispose();
  }
}

export async function runRolesBench(options: E2eBenchOptions): Promise<void> {
  const shapes: Shape[] = ['all', ...Array.from({ length: options.workers }, (_, i) => i + 1)];
  console.log(
    `e2e roles: registry ${process.env.BENCH_DATABASE_URL === undefined ? 'sqlite' : 'postgres'}, ${options.invoices} invoices as zips of ≤ ${options.perZip}, shapes ${shapes.join(', ')}, ${options.rounds} round(s) alternating; ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} at start`,
  );
  const figures = new Map<Shape, Figure[]>();
  for (let round = 0; round < options.rounds; round += 1) {
    for (const shape of shapes) {
      const figure = await measure(options, shape, round);
      figures.set(shape, [...(figures.get(shape) ?? []), figure]);
      console.log(
        `  round ${round + 1} ${figure.label}: ${figure.rate.toFixed(0)} invoices/s, ${figure.cpuMsPerInvoice.toFixed(2)} ms CPU per invoice (load ${figure.load.toFixed(2)})`,
      );
    }
  }
  for (const shape of shapes) {
    const runs = figures.get(shape) ?? [];
    console.log(
      `e2e roles ${runs[0]?.label ?? String(shape)}: median ${median(runs.map((run) => run.rate)).toFixed(0)} invoices/s, ${median(runs.map((run) => run.cpuMsPerInvoice)).toFixed(2)} ms CPU per invoice (gateway processes and Redis)`,
    );
  }
}
