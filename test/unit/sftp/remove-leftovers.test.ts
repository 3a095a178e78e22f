import { existsSync, mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { removeLeftovers } from '../../../src/sftp/index.js';

describe('removeLeftovers', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('removes old upload and atomic-write temporaries, and nothing else', async () => {
    const homes = mkdtempSync(path.join(os.tmpdir(), 'pl-leftovers-'));
    dirs.push(homes);
    const inDir = path.join(homes, 'acme', 'in');
    const outDir = path.join(homes, 'acme', 'out');
    const inbox = path.join(homes, 'mairie', 'inbox');
    for (const dir of [inDir, outDir, inbox]) mkdirSync(dir, { recursive: true });
    const old = new Date(Date.now() - 3600_000);
    const files = {
      upload: path.join(inDir, '.0123456789abcdef.part'),
      // Pids above Linux's pid_max (2^22): processes that cannot be alive.
      ackTemp: path.join(outDir, `.x.xml.20261124-0123456789abcdef.ack.json.${2 ** 22 + 42}.tmp`),
      inboxTemp: path.join(inbox, `.INV-1.xml.${2 ** 22 + 17}.tmp`),
      // Written by another live process of this machine (a worker beside the SFTP process).
      liveTemp: path.join(inbox, `.INV-2.xml.${process.pid}.tmp`),
      clientPart: path.join(inDir, 'invoice.xml.part'),
      invoice: path.join(inDir, 'invoice.xml'),
      fresh: path.join(inDir, '.fedcba9876543210.part'),
    };
    for (const file of Object.values(files)) writeFileSync(file, 'x');
    for (const [name, file] of Object.entries(files)) {
      if (name !== 'fresh') utimesSync(file, old, old);
    }
    const removed = await removeLeftovers(homes, pino({ level: 'silent' }), Date.now() - 60_000);
    expect(removed).toBe(3);
    expect(existsSync(files.upload)).toBe(false);
    expect(existsSync(files.ackTemp)).toBe(false);
    expect(existsSync(files.inboxTemp)).toBe(false);
    // A client's own temporary name is its business; files newer than the process are kept.
    expect(existsSync(files.clientPart)).toBe(true);
    expect(existsSync(files.invoice)).toBe(true);
    expect(existsSync(files.fresh)).toBe(true);
    expect(existsSync(files.liveTemp)).toBe(true);
  });

  it('is quiet about a missing homes folder', async () => {
    expect(await removeLeftovers('/nonexistent/pl', pino({ level: 'silent' }))).toBe(0);
  });
});
