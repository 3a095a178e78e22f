/**
 * `npm run bench -- console`: every console page (HTTP GET with a logged-in session against
 * a real ops server on the seeded registry) and every CLI listing (a real `passerelle`
 * process on that data folder), medians over BENCH_RUNS runs after one warm-up, against the
 * 150 ms goal. The registry (CONSOLE_FLOWS flows, default 1,000,000, of 5 invoices) is seeded
 * once under CONSOLE_SCRATCH (default $TMPDIR/passerelle-console-bench) and kept.
 */
import { execFile } from 'node:child_process';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { pino } from 'pino';
import { AccountStore } from '../../src/accounts/index.js';
import { DirectoryStore } from '../../src/directory/index.js';
import { OpsServer, Metrics, registerConsole, type ConsoleQueue } from '../../src/http/index.js';
import { OperatorStore } from '../../src/ops/index.js';
import { SqliteRegistry } from '../../src/registry/index.js';
import { openDatabase } from '../../src/store/index.js';
import { buildProgram } from '../../src/cli/index.js';
import { REPO_ROOT } from '../support/paths.js';
import { seedFactsOf, seedRegistry, type SeedShape } from './console-seed.js';
import { median } from './stats.js';

const GOAL_MS = 150;
const run = promisify(execFile);

/** Queues with nothing in them: the pages' Redis part is not what this measures. */
const EMPTY_QUEUE: ConsoleQueue = {
  getJobCounts: () => Promise.resolve({ waiting: 0, active: 0, delayed: 0, failed: 0 }),
  getFailed: () => Promise.resolve([]),
};

async function login(base: string): Promise<string> {
  const form = await fetch(`${base}/login`);
  const loginCookie = (form.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await form.text())?.[1] ?? '';
  const response = await fetch(`${base}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: loginCookie },
    body: new URLSearchParams({ _csrf: csrf, name: 'bench', password: 'a bench password' }),
  });
  const session = (
    response.headers.getSetCookie().find((item) => item.startsWith('pl_session=')) ?? ''
  ).split(';')[0];
  if (!session) throw new Error(`login failed: HTTP ${response.status}`);
  return session;
}

async function timeIt(
  runs: number,
  work: () => Promise<void>,
): Promise<{ first: number; median: number }> {
  const times: number[] = [];
  for (let index = 0; index <= runs; index += 1) {
    const start = performance.now();
    await work();
    times.push(performance.now() - start);
  }
  return { first: times[0] ?? 0, median: median(times.slice(1)) };
}

export async function runConsoleBench(runs: number): Promise<void> {
  const shape: SeedShape = {
    flows: Number(process.env.CONSOLE_FLOWS ?? 1_000_000),
    invoicesPerFlow: 5,
    suppliers: 300,
    entities: 200,
  };
  const scratch = process.env.CONSOLE_SCRATCH ?? path.join(tmpdir(), 'passerelle-console-bench');
  const seedStart = performance.now();
  const { file, seededAt } = seedRegistry(scratch, shape);
  console.log(
    `console: registry ${file} (${shape.flows} flows, ${shape.flows * shape.invoicesPerFlow} invoices), ready in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`,
  );
  const facts = seedFactsOf(shape, seededAt);
  const dataDir = path.dirname(file);
  const db = openDatabase(file);
  const operators = new OperatorStore(db);
  if (!operators.get('bench')) await operators.add('bench', 'operator', 'a bench password');
  const server = new OpsServer({
    host: '127.0.0.1',
    port: 0,
    metrics: new Metrics(),
    logger: pino({ level: 'silent' }),
    readiness: () => Promise.resolve({ ready: true, checks: {} }),
    extend: (app) =>
      registerConsole(app, {
        stores: {
          db,
          registry: new SqliteRegistry(db),
          accounts: new AccountStore(db, path.join(dataDir, 'homes')),
          directory: new DirectoryStore(db),
        },
        queues: { intake: EMPTY_QUEUE, route: EMPTY_QUEUE, ack: EMPTY_QUEUE, status: EMPTY_QUEUE },
        logger: pino({ level: 'silent' }),
        secureCookies: false,
        enqueueAck: () => Promise.resolve(),
      }),
  });
  const port = await server.listen();
  const base = `http://127.0.0.1:${port}`;
  const rows: { what: string; first: number; median: number }[] = [];
  try {
    const cookie = await login(base);
    const firstPage = await (await fetch(`${base}/flows`, { headers: { cookie } })).text();
    const older = /href="(\/flows\?after=[^"]+)"/.exec(firstPage)?.[1]?.replaceAll('&amp;', '&');
    const pages = [
      '/',
      '/flows',
      older ?? '/flows',
      '/flows?state=PROCESSING',
      '/flows?state=ACKED',
      `/flows?account=${facts.account}`,
      `/flows?q=${facts.invoiceNumber}`,
      `/flows?q=${facts.buyerSiret}`,
      `/flows?q=${facts.supplierSiret}`,
      `/flows?file=${facts.fileNamePrefix}`,
      '/flows?from=2026-01-01&to=2026-01-31',
      `/flows/${facts.flowId}`,
      `/invoices/${facts.invoiceId}`,
      '/dead-letters',
      '/alerts',
      '/partners',
      '/partners?days=30',
      '/directory?q=Entit',
      '/metrics',
    ];
    for (const page of pages) {
      const result = await timeIt(runs, async () => {
        const response = await fetch(`${base}${page}`, { headers: { cookie } });
        await response.text();
        if (response.status !== 200) throw new Error(`${page}: HTTP ${response.status}`);
      });
      rows.push({ what: `GET ${page}`, ...result });
    }
  } finally {
    await server.close();
    db.close();
  }
  const cli = [
    ['flows'],
    ['flows', '--state', 'PROCESSING'],
    ['flows', '--account', facts.account],
    ['flows', '--search', facts.invoiceNumber],
    ['flows', '--search', facts.buyerSiret],
    ['flows', '--search', facts.supplierSiret],
    ['invoice', 'show', facts.invoiceNumber],
    ['status', 'history', facts.invoiceId],
    ['directory', 'list'],
    ['partners'],
    ['alert', 'list'],
    ['alert', 'expected'],
    ['operator', 'list'],
    ['audit', '--limit', '100'],
    ['--version'],
  ];
  const bin = path.join(REPO_ROOT, 'bin', 'passerelle.js');
  const env = { ...process.env, PASSERELLE_DATA_DIR: dataDir, PASSERELLE_CONFIG: '' };
  for (const args of cli) {
    const result = await timeIt(runs, async () => {
      await run(process.execPath, [bin, ...args], { env, maxBuffer: 64 * 1024 * 1024 });
    });
    rows.push({ what: `passerelle ${args.join(' ')}`, ...result });
  }
  // The same commands run in this process: the command's own work (config, open the
  // registry, query, print), without starting Node and loading modules.
  process.env.PASSERELLE_DATA_DIR = dataDir;
  const write = process.stdout.write.bind(process.stdout);
  for (const args of cli.filter((item) => item[0] !== '--version')) {
    const result = await timeIt(runs, async () => {
      const program = await buildProgram(args[0]);
      process.stdout.write = () => true;
      try {
        await program.parseAsync(['node', 'passerelle', ...args]);
      } finally {
        process.stdout.write = write;
      }
    });
    rows.push({ what: `(in process) passerelle ${args.join(' ')}`, ...result });
  }
  const bare = await timeIt(runs, async () => {
    await run(process.execPath, ['-e', '0']);
  });
  rows.push({ what: 'node -e 0 (bare Node start, for reference)', ...bare });
  const [one, five] = loadavg();
  console.log(
    `console: medians of ${runs} runs after a cold one; load average ${one?.toFixed(2)} / ${five?.toFixed(2)}; goal ${GOAL_MS} ms`,
  );
  console.log('| what | cold ms | median ms | |');
  console.log('| --- | ---: | ---: | --- |');
  for (const row of rows)
    console.log(
      `| \`${row.what}\` | ${row.first.toFixed(1)} | ${row.median.toFixed(1)} | ${row.median > GOAL_MS ? 'over' : ''} |`,
    );
  const over = rows.filter((row) => row.median > GOAL_MS);
  console.log(
    over.length === 0
      ? `console: every page and listing under ${GOAL_MS} ms`
      : `console: over ${GOAL_MS} ms: ${over.map((row) => row.what).join(', ')}`,
  );
}
