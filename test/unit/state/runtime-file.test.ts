/**
 * Which processes may share a data directory: one claiming process (all or sftp), any number
 * of workers. A real second process stands for a running gateway (its command line names
 * `passerelle start`, as the check requires).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { conflictingProcess, listRuntimes } from '../../../src/state/runtime-file.js';
import { dataLayoutOf } from '../../../src/config/index.js';

let dir: string;
let other: ChildProcess;

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-run-'));
  other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)', 'passerelle', 'start'], {
    stdio: 'ignore',
  });
});

afterAll(() => {
  other.kill('SIGKILL');
  rmSync(dir, { recursive: true, force: true });
});

function runFile(name: string, info: Record<string, unknown>): string {
  const layout = dataLayoutOf({ dataDir: dir });
  mkdirSync(layout.runDir, { recursive: true });
  const file = path.join(layout.runDir, name);
  writeFileSync(file, JSON.stringify(info));
  return file;
}

it('refuses a second claimer beside a live one, never a worker; forgets dead processes', () => {
  const layout = dataLayoutOf({ dataDir: dir });
  const here = os.hostname();
  const pid = other.pid ?? -1;
  const dead = runFile(`all-${here}-4194400.json`, { pid: 2 ** 22 + 96, host: here, role: 'all' });
  const elsewhere = runFile('sftp-elsewhere-1.json', { pid: 1, host: 'elsewhere', role: 'sftp' });
  const worker = runFile(`worker-${here}-${pid}.json`, { pid, host: here, role: 'worker' });
  expect(conflictingProcess(layout, 'sftp')).toBeUndefined();
  expect(existsSync(dead)).toBe(false);
  // A process of another machine cannot be checked from here: kept, and not a conflict.
  expect(existsSync(elsewhere)).toBe(true);
  expect(listRuntimes(layout).find((found) => found.file === elsewhere)?.isAlive).toBeUndefined();
  rmSync(worker);
  runFile(`sftp-${here}-${pid}.json`, { pid, host: here, role: 'sftp' });
  expect(conflictingProcess(layout, 'sftp')?.info.pid).toBe(pid);
  expect(conflictingProcess(layout, 'all')?.info.pid).toBe(pid);
  expect(conflictingProcess(layout, 'worker')).toBeUndefined();
});

it('reads the single run/gateway.json of older releases as an all process', () => {
  const layout = dataLayoutOf({ dataDir: dir });
  runFile('gateway.json', { pid: other.pid, redis: { url: 'redis://127.0.0.1:1' } });
  const found = listRuntimes(layout).find((runtime) => runtime.file.endsWith('gateway.json'));
  expect(found?.isAlive).toBe(true);
  expect(conflictingProcess(layout, 'all')).toBeDefined();
});
