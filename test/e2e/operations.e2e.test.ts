/**
 * Operating a running gateway: the CLI's queue commands and invoice lookup, /metrics moving
 * with an upload, a broken delivery seen as a dead letter grouped by code and retried by
 * code, and /readyz turning not ready when Redis dies.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { E2eWorld } from '../support/e2e-world.js';
import { runCli } from '../support/gateway-process.js';
import { REPO_ROOT } from '../support/paths.js';
import type { SftpPartner } from '../support/sftp-partner.js';

const VALID = readFileSync(
  path.join(REPO_ROOT, 'fixtures', 'invoices', 'fr-ubl-valid.xml'),
  'utf8',
);

let world: E2eWorld;
let acme: SftpPartner;

async function waitFor<T>(
  what: string,
  probe: () => Promise<T | undefined> | T | undefined,
): Promise<T> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function scrape(): Promise<string> {
  const response = await fetch(`${world.gateway.httpUrl()}/metrics`);
  expect(response.status).toBe(200);
  return response.text();
}

function sample(text: string, name: string): number {
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  return line === undefined ? Number.NaN : Number(line.slice(name.length + 1));
}

let configDir: string;

beforeAll(async () => {
  configDir = mkdtempSync(path.join(os.tmpdir(), 'pl-e2e-ops-'));
  const config = path.join(configDir, 'passerelle.json');
  // Two quick attempts, so that a broken delivery becomes a dead letter at once.
  writeFileSync(config, JSON.stringify({ pipeline: { attempts: 2, backoffMs: 100 } }));
  world = await E2eWorld.create({ externalRedis: true, extraEnv: { PASSERELLE_CONFIG: config } });
  await world.gateway.start();
  acme = await world.supplier();
});

afterAll(async () => {
  await acme.end();
  await world.dispose();
  rmSync(configDir, { recursive: true, force: true });
});

describe('a running gateway, operated', () => {
  it('counts an upload in /metrics and finds the invoice by number', async () => {
    const before = await scrape();
    expect(sample(before, 'passerelle_files_received_total')).toBe(0);
    expect(before).toContain('process_cpu_user_seconds_total');
    await acme.put(VALID, '/in/first.xml');
    const acks = await acme.waitForAcks(['first.xml']);
    expect(acks.get('first.xml')?.state).toBe('IN_INTEGRE');
    const after = await waitFor('the end-to-end latency', async () => {
      const text = await scrape();
      return sample(text, 'passerelle_flow_end_to_end_seconds_count') === 1 ? text : undefined;
    });
    expect(sample(after, 'passerelle_files_received_total')).toBe(1);
    expect(sample(after, 'passerelle_flows{state="ACKED"}')).toBe(1);
    expect(sample(after, 'passerelle_invoices{state="DELIVERED"}')).toBe(1);
    expect(sample(after, 'passerelle_flows_acknowledged{ack_state="IN_INTEGRE"}')).toBe(1);
    expect(after).toMatch(/passerelle_stage_duration_seconds_count\{stage="intake"\} [1-9]/);
    expect(sample(after, 'passerelle_queue_jobs{queue="route",state="failed"}')).toBe(0);

    const shown = runCli(world.env, ['invoice', 'show', 'FA-2026-000123']);
    expect(shown.status, shown.stderr).toBe(0);
    expect(shown.stdout).toContain('recipient   ministere (SIRET 11000201100044');
    expect(shown.stdout).toContain('first.xml');
    const status = runCli(world.env, ['queue', 'status', '--json']);
    expect(status.status, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toHaveProperty('intake');
    const empty = runCli(world.env, ['queue', 'failed']);
    expect(empty.stdout.trim()).toBe('no dead letters');
  });

  it('ends quietly when its reader closes the pipe', () => {
    // More output than a pipe holds, so that the writer really meets the closed pipe (EPIPE).
    const db = new Database(path.join(world.env.dataDir, 'passerelle.db'));
    const insert = db.prepare(
      "INSERT INTO flows (id, account, file_name, sha256, size_bytes, archive_path, received_at, state, ack_state, ack_at, updated_at) VALUES (?, 'acme', ?, ?, 1, '/nowhere', '2020-01-01T00:00:00.000Z', 'ACKED', 'IN_REJETE', '2020-01-01T00:00:01.000Z', '2020-01-01T00:00:01.000Z')",
    );
    db.transaction(() => {
      for (let index = 0; index < 1000; index += 1)
        insert.run(
          `20200101-${String(index).padStart(16, '0')}`,
          `${'x'.repeat(200)}.xml`,
          'f'.repeat(64),
        );
    })();
    db.close();
    const launcher = path.join(REPO_ROOT, 'bin', 'passerelle.js');
    const result = spawnSync(
      'bash',
      ['-c', `node "${launcher}" flows --limit 1000 --json | head -c 1`],
      {
        env: { ...process.env, PASSERELLE_DATA_DIR: world.env.dataDir, PASSERELLE_CONFIG: '' },
        encoding: 'utf8',
      },
    );
    expect(result.status).toBe(0);
    expect(result.stdout).toBe('{');
    expect(result.stderr).toBe('');
  });

  it('shows a broken delivery as a dead letter by code, and retries it by code', async () => {
    const inbox = path.join(world.homeOf('ministere'), 'inbox');
    rmSync(inbox, { recursive: true, force: true });
    writeFileSync(inbox, 'not a folder');
    await acme.put(VALID.replace('FA-2026-000123', 'FA-2026-000124'), '/in/second.xml');
    const groups = await waitFor('a dead letter', () => {
      const result = runCli(world.env, ['queue', 'failed', '--json']);
      const parsed = JSON.parse(result.stdout) as { code: string; count: number }[];
      return parsed.length > 0 ? parsed : undefined;
    });
    const code = groups[0]?.code ?? '';
    expect(code).toMatch(/^E[A-Z]+$/);
    const text = runCli(world.env, ['queue', 'failed']);
    expect(text.stdout).toContain(`${code}\t1 job(s)`);
    const metrics = await scrape();
    // A one-invoice file is routed in its intake job (docs/decisions.md, the pipeline's shape).
    expect(sample(metrics, 'passerelle_dead_letters{queue="intake"}')).toBe(1);

    rmSync(inbox, { force: true });
    mkdirSync(inbox);
    const retried = runCli(world.env, ['queue', 'retry', '--code', code]);
    expect(retried.status, retried.stderr).toBe(0);
    expect(retried.stdout).toContain('requeued 1 job(s)');
    const acks = await acme.waitForAcks(['second.xml']);
    expect(acks.get('second.xml')?.state).toBe('IN_INTEGRE');
    expect(runCli(world.env, ['queue', 'failed']).stdout.trim()).toBe('no dead letters');
  });

  it('reports not ready while Redis is down, and ready again after', async () => {
    const readyz = async () => {
      const response = await fetch(`${world.gateway.httpUrl()}/readyz`);
      return {
        status: response.status,
        body: (await response.json()) as {
          status: string;
          checks: Record<string, { ok: boolean }>;
        },
      };
    };
    expect((await readyz()).status).toBe(200);
    const health = await fetch(`${world.gateway.httpUrl()}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok' });
    await world.redis?.stop('SIGKILL');
    const down = await waitFor('not ready', async () => {
      const result = await readyz();
      return result.status === 503 ? result : undefined;
    });
    expect(down.body.status).toBe('not ready');
    expect(down.body.checks.redis?.ok).toBe(false);
    expect(down.body.checks.registry?.ok).toBe(true);
    const queue = runCli(world.env, ['queue', 'status']);
    expect(queue.status).toBe(1);
    expect(queue.stderr).toContain('does not answer');
    await world.redis?.restart();
    await waitFor('ready again', async () => ((await readyz()).status === 200 ? true : undefined));
  });
});
