/**
 * `npm run bench -- e2e [--invoices=N] [--scenarios=zips,files,fsyncs,roles] [--parallel=16]
 *   [--registry=sqlite|postgres|sqlite,postgres] [--workers N] [--rounds=2]`
 * (`--registry=postgres` alone: SQLite, then PostgreSQL; `--workers` alone runs the `roles`
 * scenario of roles-bench.ts, on SQLite)
 * The whole gateway as a supplier meets it: a generated batch of valid French public-sector
 * invoices (from the project's own fixtures, renumbered), the real gateway process with its
 * private Redis, uploads over SFTP with a real client (ssh2-sftp-client), and the clock
 * stopped when every acknowledgement and every status file is on disk.
 * Prints invoices/s, CPU ms per invoice and peak RSS of the gateway's process tree, and, in
 * the `fsyncs` scenario (strace), fsyncs per invoice. The `files` scenario also uploads the
 * same files to a bare ssh2 server that only stores them, before and after, and prints the
 * ratio.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { E2eWorld, SUPPLIER } from '../support/e2e-world.js';
import { renumber } from '../support/frenchify.js';
import { REPO_ROOT } from '../support/paths.js';
import { SftpPartner } from '../support/sftp-partner.js';
import { buildZip } from '../support/zip-writer.js';
import { BareSftpServer } from './bare-sftp-server.js';
import { BenchRegistry, type RegistryKind } from './bench-registry.js';
import { TreeMonitor, treePids } from './process-tree.js';
import { formatMs, median } from './stats.js';

/** ssh2-sftp-client adds three listeners per operation in flight: quiet its leak warning. */
export function allowParallel(partner: SftpPartner, parallel: number): SftpPartner {
  (
    partner.client as unknown as { client: { setMaxListeners(n: number): void } }
  ).client.setMaxListeners(3 * parallel + 10);
  return partner;
}

const FIXTURES = path.join(REPO_ROOT, 'fixtures', 'invoices');
const MiB = 1024 * 1024;

export interface E2eBenchOptions {
  readonly invoices: number;
  readonly perZip: number;
  readonly parallel: number;
  readonly scenarios: readonly string[];
  readonly registries: readonly RegistryKind[];
  /** `--workers N`: one sftp process and 1..N worker processes beside the single process. */
  readonly workers: number;
  /** Rounds of the `--workers` comparison (configurations alternate within each round). */
  readonly rounds: number;
}

function registriesOf(flag: string | undefined): RegistryKind[] {
  if (flag === undefined) return ['sqlite'];
  // The PostgreSQL figures mean something next to SQLite's, measured in the same run.
  if (flag === 'postgres') return ['sqlite', 'postgres'];
  return flag
    .split(',')
    .filter((kind): kind is RegistryKind => kind === 'sqlite' || kind === 'postgres');
}

/** Parses `--name=value` flags; unknown ones are ignored by the other suites. */
export function e2eOptionsOf(argv: readonly string[]): E2eBenchOptions {
  const flag = (name: string) =>
    argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
  return {
    invoices: Number(flag('invoices') ?? process.env.BENCH_E2E_INVOICES ?? 10_000),
    perZip: Number(flag('per-zip') ?? 500),
    parallel: Number(flag('parallel') ?? 16),
    scenarios: (flag('scenarios') ?? (flag('workers') ? 'roles' : 'zips,files,fsyncs')).split(','),
    registries: registriesOf(flag('registry')),
    workers: Number(flag('workers') ?? 3),
    rounds: Number(flag('rounds') ?? 2),
  };
}

/** Distinct valid invoices, alternating UBL and CII, for the entities of the example directory. */
export class InvoiceFactory {
  readonly #ubl = readFileSync(path.join(FIXTURES, 'fr-ubl-valid.xml'));
  readonly #cii = readFileSync(path.join(FIXTURES, 'fr-cii-valid.xml'));
  readonly #tag: string;

  constructor(tag: string) {
    this.#tag = tag;
  }

  invoice(index: number): Buffer {
    return renumber(
      index % 2 === 0 ? this.#ubl : this.#cii,
      `${this.#tag}${String(index).padStart(7, '0')}`,
    );
  }
}

export async function pool(count: number, width: number, task: (index: number) => Promise<void>) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, count) }, lane));
}

export function countEnding(dir: string, suffix: string): number {
  try {
    return readdirSync(dir).filter((name) => name.endsWith(suffix)).length;
  } catch {
    return 0;
  }
}

interface Timeline {
  readonly uploadMs: number;
  readonly ackMs: number;
  readonly statusMs: number;
  readonly cpuMs: number;
  readonly peakRssBytes: number;
  /** CPU of the PostgreSQL server (its backends included), when the registry is there. */
  readonly serverCpuMs: number | undefined;
}

/** The gateway under test and the registry it runs on. */
interface Bench {
  readonly world: E2eWorld;
  readonly pid: number;
  readonly registry: BenchRegistry;
}

/** Waits for `acks` acknowledgements in the supplier's out/, then for every status file. */
async function waitForSettlement(
  bench: Bench,
  acks: number,
  start: number,
): Promise<{ ackMs: number; statusMs: number }> {
  const out = path.join(bench.world.homeOf(SUPPLIER.login), 'out');
  const deadline = Date.now() + 3_600_000;
  let ackMs: number | undefined;
  const unwritten = () =>
    bench.registry.count(
      bench.world.env.dataDir,
      'SELECT COUNT(*) AS n FROM status_feed WHERE written = 0',
    );
  for (;;) {
    if (ackMs === undefined && countEnding(out, '.ack.json') >= acks)
      ackMs = performance.now() - start;
    if (ackMs !== undefined && (await unwritten()) === 0)
      return { ackMs, statusMs: performance.now() - start };
    if (Date.now() > deadline) throw new Error('the batch did not settle within an hour');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function withGateway<T>(kind: RegistryKind, run: (bench: Bench) => Promise<T>): Promise<T> {
  const registry = await BenchRegistry.create(kind);
  const world = await E2eWorld.create({
    externalRedis: false,
    extraEnv: { PASSERELLE_LOG_LEVEL: 'warn', ...registry.env },
    // A backlog of a whole night's batch may wait in in/: the per-account quota must not refuse it.
    config: { sftp: { quota: { maxFilesWaiting: 1_000_000 } } },
    // To profile the gateway: BENCH_GATEWAY_NODE_ARGS='--cpu-prof --cpu-prof-dir=/tmp/prof'
    nodeArgs: (process.env.BENCH_GATEWAY_NODE_ARGS ?? '').split(' ').filter(Boolean),
  });
  try {
    await world.gateway.start();
    const pid = world.gateway.pid;
    if (pid === undefined) throw new Error('gateway has no pid');
    return await run({ world, pid, registry });
  } finally {
    await world.dispose();
  }
}

/** Uploads with `upload`, then times acknowledgements and status files. */
async function timeBatch(
  bench: Bench,
  invoices: number,
  acks: number,
  upload: (partner: SftpPartner) => Promise<void>,
): Promise<Timeline> {
  const partner = allowParallel(await bench.world.supplier(), 32);
  const monitor = new TreeMonitor(bench.pid);
  const serverMonitor = bench.registry.monitorServer();
  const start = performance.now();
  await upload(partner);
  const uploadMs = performance.now() - start;
  const { ackMs, statusMs } = await waitForSettlement(bench, acks, start);
  const { cpuMs, peakRssBytes } = monitor.stop();
  const serverCpuMs = serverMonitor?.stop().cpuMs;
  await partner.end();
  const accepted = await bench.registry.count(
    bench.world.env.dataDir,
    "SELECT COUNT(*) AS n FROM invoices WHERE state = 'DELIVERED'",
  );
  if (accepted !== invoices) throw new Error(`${accepted} of ${invoices} invoices delivered`);
  return { uploadMs, ackMs, statusMs, cpuMs, peakRssBytes, serverCpuMs };
}

function report(label: string, invoices: number, timeline: Timeline): void {
  const rate = (ms: number) => (invoices / (ms / 1000)).toFixed(0);
  console.log(`e2e ${label}`);
  console.log(
    `  upload ${formatMs(timeline.uploadMs)}; last ack ${formatMs(timeline.ackMs)} (${rate(timeline.ackMs)} invoices/s); last status file ${formatMs(timeline.statusMs)} (${(timeline.statusMs / timeline.ackMs).toFixed(2)}× the ack time)`,
  );
  console.log(
    `  CPU ${(timeline.cpuMs / invoices).toFixed(2)} ms per invoice (gateway tree, ${(timeline.cpuMs / (timeline.statusMs / 1000) / 1000).toFixed(2)} cores busy); peak RSS ${(timeline.peakRssBytes / MiB).toFixed(0)} MiB; load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')}`,
  );
  if (timeline.serverCpuMs !== undefined)
    console.log(
      `  PostgreSQL server CPU ${(timeline.serverCpuMs / invoices).toFixed(2)} ms per invoice; gateway + server ${((timeline.cpuMs + timeline.serverCpuMs) / invoices).toFixed(2)} ms per invoice`,
    );
}

async function runZips(options: E2eBenchOptions, kind: RegistryKind): Promise<void> {
  const zips = Math.ceil(options.invoices / options.perZip);
  const factory = new InvoiceFactory('Z');
  const timeline = await withGateway(kind, (bench) =>
    timeBatch(bench, options.invoices, zips, async (partner) => {
      await pool(zips, 2, async (zip) => {
        const first = zip * options.perZip;
        const size = Math.min(options.perZip, options.invoices - first);
        const entries = Array.from({ length: size }, (_, index) => ({
          name: `inv-${first + index}.xml`,
          data: factory.invoice(first + index),
        }));
        await partner.put(buildZip(entries), `/in/batch-${zip}.zip`);
      });
    }),
  );
  report(
    `zips on ${kind}: ${options.invoices} invoices as ${zips} zips of ≤ ${options.perZip}`,
    options.invoices,
    timeline,
  );
}

async function uploadFiles(
  partner: SftpPartner,
  files: readonly Buffer[],
  parallel: number,
  dir: string,
): Promise<void> {
  await pool(files.length, parallel, async (index) => {
    await partner.put(files[index] ?? Buffer.alloc(0), `${dir}inv-${index}.xml`);
  });
}

async function timeBare(files: readonly Buffer[], parallel: number): Promise<number> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pl-bare-'));
  const server = new BareSftpServer(dir);
  try {
    const port = await server.listen();
    const partner = allowParallel(
      await SftpPartner.connect(port, 'bench', { password: 'x' }),
      parallel,
    );
    const start = performance.now();
    await uploadFiles(partner, files, parallel, '/');
    const ms = performance.now() - start;
    await partner.end();
    return ms;
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runFiles(options: E2eBenchOptions, kind: RegistryKind): Promise<void> {
  const factory = new InvoiceFactory('F');
  const files = Array.from({ length: options.invoices }, (_, index) => factory.invoice(index));
  const bare = [await timeBare(files, options.parallel)];
  const timeline = await withGateway(kind, (bench) =>
    timeBatch(bench, options.invoices, options.invoices, (partner) =>
      uploadFiles(partner, files, options.parallel, '/in/'),
    ),
  );
  bare.push(await timeBare(files, options.parallel));
  const label = `files on ${kind}: ${options.invoices} single-invoice files, one SFTP connection, ${options.parallel} parallel puts`;
  report(label, options.invoices, timeline);
  const bareRate = options.invoices / (median(bare) / 1000);
  const gatewayRate = options.invoices / (timeline.uploadMs / 1000);
  console.log(
    `  uploads: gateway ${gatewayRate.toFixed(0)} files/s; bare ssh2 server ${bareRate.toFixed(0)} files/s (before ${formatMs(bare[0] ?? 0)}, after ${formatMs(bare[1] ?? 0)}); ratio ${(gatewayRate / bareRate).toFixed(2)}`,
  );
}

/** Counts fsync-family calls of the gateway tree with strace while `work` runs. */
async function countFsyncs(pids: readonly number[], work: () => Promise<void>): Promise<number> {
  const out = path.join(mkdtempSync(path.join(os.tmpdir(), 'pl-strace-')), 'summary');
  const strace = spawn(
    'strace',
    [
      '-f',
      '-c',
      '-o',
      out,
      '-e',
      'trace=fsync,fdatasync,sync_file_range,syncfs',
      ...pids.flatMap((pid) => ['-p', String(pid)]),
    ],
    { stdio: 'ignore' },
  );
  await new Promise((resolve) => setTimeout(resolve, 1000));
  try {
    await work();
  } finally {
    const exited = new Promise((resolve) => strace.once('exit', resolve));
    strace.kill('SIGINT');
    await exited;
  }
  const summary = readFileSync(out, 'utf8');
  const calls = summary
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter((fields) => /^(fsync|fdatasync|sync_file_range|syncfs)$/.test(fields.at(-1) ?? ''))
    .reduce((sum, fields) => sum + Number(fields[3] ?? 0), 0);
  return calls;
}

async function runFsyncs(options: E2eBenchOptions, kind: RegistryKind): Promise<void> {
  const count = Math.min(options.invoices, 1000);
  const factory = new InvoiceFactory('S');
  const files = Array.from({ length: count }, (_, index) => factory.invoice(index));
  const zip = buildZip(
    Array.from({ length: Math.min(count, options.perZip) }, (_, index) => ({
      name: `inv-${index}.xml`,
      data: new InvoiceFactory('T').invoice(index),
    })),
  );
  await withGateway(kind, async (bench) => {
    // The gateway, its Redis and the shell that runs its file-system syncs (strace -f then
    // follows each `sync -f` it forks).
    const pids = treePids(bench.pid);
    const single = await countFsyncs(pids, async () => {
      await timeBatch(bench, count, count, (partner) =>
        uploadFiles(partner, files, options.parallel, '/in/'),
      );
    });
    console.log(
      `e2e fsyncs and syncfs on ${kind} (strace, gateway process tree): ${count} single files: ${(single / count).toFixed(2)} per invoice`,
    );
  });
  await withGateway(kind, async (bench) => {
    const pids = treePids(bench.pid);
    const entries = Math.min(count, options.perZip);
    const batched = await countFsyncs(pids, async () => {
      await timeBatch(bench, entries, 1, (partner) => partner.put(zip, '/in/batch.zip'));
    });
    console.log(`e2e fsyncs: one zip of ${entries}: ${(batched / entries).toFixed(2)} per invoice`);
  });
}

export async function runE2eBench(options: E2eBenchOptions): Promise<void> {
  console.log(
    `e2e: ${os.cpus().length} cores, load ${os
      .loadavg()
      .map((load) => load.toFixed(2))
      .join(' ')} at start`,
  );
  try {
    for (const kind of options.registries) {
      if (options.scenarios.includes('zips')) await runZips(options, kind);
      if (options.scenarios.includes('files')) await runFiles(options, kind);
      if (options.scenarios.includes('fsyncs')) await runFsyncs(options, kind);
    }
  } finally {
    await BenchRegistry.stopAll();
  }
}
