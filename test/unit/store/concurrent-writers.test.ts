/**
 * Two processes writing one SQLite store (an SFTP process and a worker on one machine): a
 * transaction that reads then writes waits for the other process's write instead of failing
 * with SQLITE_BUSY. The other process is a real one (a child holding the write lock).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import Database from 'better-sqlite3';
import { openSqlite, type SqliteDatabase } from '../../../src/store/index.js';
import { REPO_ROOT } from '../../support/paths.js';

let dir: string;
let db: SqliteDatabase;

beforeEach(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'pl-sqlite-'));
  db = openSqlite(path.join(dir, 'passerelle.db'));
  await db.run('CREATE TABLE counter (n INTEGER NOT NULL)');
});

afterEach(async () => {
  await db.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * A child that takes the write lock, inserts a row and commits once `go` exists or after
 * `holdMs`; resolves when it holds the lock, with a promise of its exit.
 */
async function holdWriteLock(
  go: string,
  holdMs: number,
): Promise<{ readonly exited: Promise<number | null> }> {
  const script = `
    const Database = require('better-sqlite3');
    const fs = require('node:fs');
    const db = new Database(process.argv[1]);
    db.pragma('busy_timeout = 10000');
    db.exec('BEGIN IMMEDIATE');
    db.prepare('INSERT INTO counter (n) VALUES (100)').run();
    process.stdout.write('locked\\n');
    const until = Date.now() + Number(process.argv[3]);
    const poll = () => {
      if (fs.existsSync(process.argv[2]) || Date.now() > until) { db.exec('COMMIT'); db.close(); }
      else setTimeout(poll, 5);
    };
    poll();`;
  const child = spawn(
    process.execPath,
    ['-e', script, path.join(dir, 'passerelle.db'), go, String(holdMs)],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => {
      reject(new Error(`the lock holder exited with ${code}`));
    });
  });
  return { exited };
}

const count = async () =>
  (await db.get<{ n: number }>('SELECT COUNT(*) AS n FROM counter'))?.n ?? 0;

it('waits for another process to commit instead of failing with SQLITE_BUSY', async () => {
  const { exited } = await holdWriteLock(path.join(dir, 'never'), 500);
  const added = await db.transaction(async (tx) => {
    const before = (await tx.get<{ n: number }>('SELECT COUNT(*) AS n FROM counter'))?.n ?? 0;
    await tx.run('INSERT INTO counter (n) VALUES (?)', [before]);
    return before;
  });
  expect(await exited).toBe(0);
  expect(added).toBe(1);
  expect(await count()).toBe(2);
});

it('(the failure immediate transactions avoid: a deferred read-then-write gets SQLITE_BUSY)', async () => {
  const go = path.join(dir, 'go');
  const { exited } = await holdWriteLock(go, 30_000);
  // A plain better-sqlite3 connection, as the store was before its transactions were IMMEDIATE.
  const raw = new Database(path.join(dir, 'passerelle.db'));
  raw.pragma('busy_timeout = 10000');
  try {
    const readThenWrite = raw.transaction(() => {
      const before = (raw.prepare('SELECT COUNT(*) AS n FROM counter').get() as { n: number }).n;
      // The other process commits while this transaction still reads from before it.
      writeFileSync(go, '');
      raw.prepare('INSERT INTO counter (n) VALUES (?)').run(before);
    });
    expect(() => {
      readThenWrite.deferred();
    }).toThrow(/database is locked|SQLITE_BUSY/);
  } finally {
    raw.close();
  }
  expect(await exited).toBe(0);
  expect(await count()).toBe(1);
});
