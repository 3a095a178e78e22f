import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AlertStore,
  AlertWebhook,
  ExpectedBatchStore,
  runAlertChecks,
  type AlertCheckDeps,
  type AlertEvent,
  type AlertPayload,
} from '../../../src/alerts/index.js';
import { openDatabase, type SqliteDatabase } from '../../../src/store/index.js';

const logger = pino({ level: 'silent' });
let dir: string;
let db: SqliteDatabase;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pl-alerts-'));
  db = openDatabase(path.join(dir, 'passerelle.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

function depsOf(overrides: Partial<AlertCheckDeps> = {}): AlertCheckDeps {
  const batches = new ExpectedBatchStore(db);
  return {
    alerts: new AlertStore(db),
    expectedBatches: () => batches.list(),
    hasFlowSince: () => false,
    unacknowledgedBefore: () => ({ count: 0, oldestId: undefined }),
    deadLetters: () => Promise.resolve(0),
    freeDiskBytes: () => 10 * 1024 ** 3,
    unacknowledgedAfterMinutes: 30,
    minFreeDiskBytes: 1024 ** 3,
    logger,
    ...overrides,
  };
}

describe('alert checks', () => {
  it('raise a late batch once and resolve it when the batch comes', async () => {
    new ExpectedBatchStore(db).add(
      'acme',
      { days: ['mon', 'tue', 'wed', 'thu', 'fri'], before: '02:00', timeZone: 'Europe/Paris' },
      'alice',
      new Date('2026-01-01T00:00:00Z'),
    );
    let arrived = false;
    const events: AlertEvent[] = [];
    const deps = depsOf({ hasFlowSince: () => arrived, notify: (event) => events.push(event) });
    const first = await runAlertChecks(deps, new Date('2026-01-13T08:00:00Z'));
    expect(first.raised.map((alert) => alert.kind)).toEqual(['BATCH_LATE']);
    const again = await runAlertChecks(deps, new Date('2026-01-13T08:05:00Z'));
    expect(again.raised).toEqual([]);
    arrived = true;
    const after = await runAlertChecks(deps, new Date('2026-01-13T09:00:00Z'));
    expect(after.resolved.map((alert) => alert.kind)).toEqual(['BATCH_LATE']);
    expect(new AlertStore(db).listActive()).toEqual([]);
    const [recent] = new AlertStore(db).listRecent(10);
    expect(recent).toMatchObject({
      kind: 'BATCH_LATE',
      subject: 'acme#1',
      raisedAt: '2026-01-13T08:00:00.000Z',
      resolvedAt: '2026-01-13T09:00:00.000Z',
    });
    expect(events.map((event) => event.event)).toEqual(['raised', 'resolved']);
  });

  it('raise dead letters, open flows and low disk, and resolve them when they clear', async () => {
    let deadLetters = 3;
    let free = 100 * 1024 ** 2;
    let open = { count: 2, oldestId: '20260113-00000000000000aa' };
    const deps = depsOf({
      deadLetters: () => Promise.resolve(deadLetters),
      freeDiskBytes: () => free,
      unacknowledgedBefore: () => open,
    });
    const now = new Date('2026-01-13T08:00:00Z');
    const raised = await runAlertChecks(deps, now);
    expect(raised.raised.map((alert) => alert.kind).sort()).toEqual([
      'DEAD_LETTERS',
      'DISK_LOW',
      'FLOW_NOT_ACKNOWLEDGED',
    ]);
    expect(new AlertStore(db).listActive().find((a) => a.kind === 'DEAD_LETTERS')?.message).toBe(
      '3 dead letters wait for an operator',
    );
    deadLetters = 0;
    free = 10 * 1024 ** 3;
    open = { count: 0, oldestId: '' };
    const cleared = await runAlertChecks(deps, new Date('2026-01-13T08:01:00Z'));
    expect(cleared.resolved).toHaveLength(3);
  });

  it('keep checking when one source fails', async () => {
    const deps = depsOf({
      deadLetters: () => Promise.reject(new Error('redis down')),
      freeDiskBytes: () => 1,
    });
    const result = await runAlertChecks(deps, new Date());
    expect(result.raised.map((alert) => alert.kind)).toEqual(['DISK_LOW']);
  });
});

describe('alert webhook', () => {
  let server: Server;
  let received: { payload: AlertPayload; secret: string | undefined }[];
  let failuresLeft: number;

  beforeEach(async () => {
    received = [];
    failuresLeft = 2;
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        if (failuresLeft > 0) {
          failuresLeft -= 1;
          response.statusCode = 503;
          response.end('busy');
          return;
        }
        received.push({
          payload: JSON.parse(body) as AlertPayload,
          secret: request.headers['x-passerelle-secret'] as string | undefined,
        });
        response.end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await new Promise((resolve) => server.close(resolve));
  });

  it('retries a failing receiver until it takes the alert, without blocking the checks', async () => {
    const { port } = server.address() as AddressInfo;
    const webhook = new AlertWebhook({
      url: `http://127.0.0.1:${port}/hook`,
      headerName: 'x-passerelle-secret',
      secret: 's3cret',
      attempts: 5,
      backoffMs: 10,
      timeoutMs: 2000,
      logger,
      source: 'passerelle@test',
    });
    const deps = depsOf({
      deadLetters: () => Promise.resolve(1),
      notify: (event) => {
        webhook.notify(event);
      },
    });
    const result = await runAlertChecks(deps, new Date('2026-01-13T08:00:00Z'));
    // The checks returned while the receiver still refused.
    expect(result.raised).toHaveLength(1);
    await webhook.idle();
    expect(failuresLeft).toBe(0);
    expect(received).toHaveLength(1);
    expect(received[0]?.secret).toBe('s3cret');
    expect(received[0]?.payload).toMatchObject({
      source: 'passerelle@test',
      event: 'raised',
      kind: 'DEAD_LETTERS',
      subject: 'queues',
      raisedAt: '2026-01-13T08:00:00.000Z',
      resolvedAt: null,
    });
  });

  it('gives up after its attempts and goes on with the next event', async () => {
    failuresLeft = 3;
    const { port } = server.address() as AddressInfo;
    const webhook = new AlertWebhook({
      url: `http://127.0.0.1:${port}/hook`,
      attempts: 2,
      backoffMs: 5,
      timeoutMs: 2000,
      logger,
      source: 'test',
    });
    const alert = {
      id: 1,
      kind: 'DISK_LOW' as const,
      subject: 'data',
      message: 'low',
      raisedAt: '2026-01-13T08:00:00.000Z',
      resolvedAt: undefined,
    };
    webhook.notify({ event: 'raised', alert });
    webhook.notify({
      event: 'resolved',
      alert: { ...alert, resolvedAt: '2026-01-13T09:00:00.000Z' },
    });
    await webhook.idle();
    // Two refusals for the first event, one for the second, then its retry went through.
    expect(received.map((item) => item.payload.event)).toEqual(['resolved']);
  });
});
