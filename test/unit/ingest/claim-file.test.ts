import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dataLayoutOf, type DataLayout } from '../../../src/config/index.js';
import { claimFile, newFlowId, recoverClaims } from '../../../src/ingest/index.js';
import type { ClaimContext } from '../../../src/ingest/index.js';
import { SqlRegistry } from '../../../src/registry/index.js';
import { openSqlite } from '../../../src/store/index.js';

const BODY = Buffer.from(
  '<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"/>\n',
);

function sha256Of(bytes: Buffer): string {
  return createHash('sha256').update(bytes).digest('hex');
}

describe('claimFile and recoverClaims', () => {
  let dir: string;
  let layout: DataLayout;
  let registry: SqlRegistry;
  let context: ClaimContext;
  let inDir: string;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-unit-'));
    layout = dataLayoutOf({ dataDir: path.join(dir, 'data') });
    registry = new SqlRegistry(openSqlite(layout.database));
    context = { layout, registry, kindOf: () => Promise.resolve('invoices' as const) };
    inDir = path.join(layout.homes, 'acme', 'in');
    mkdirSync(inDir, { recursive: true });
  });

  afterEach(async () => {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  });

  function drop(name: string, body: Buffer = BODY): string {
    const file = path.join(inDir, name);
    writeFileSync(file, body);
    return file;
  }

  function journals(): string[] {
    return existsSync(layout.claims) ? readdirSync(layout.claims) : [];
  }

  /** A journal as claimFile writes it, and where its file would be archived. */
  function writeJournal(name: string, fileName: string): { flowId: string; archivePath: string } {
    const flowId = newFlowId(new Date('2026-11-24T06:00:00.000Z'));
    const archivePath = path.join(layout.archive, '2026', '11', '24', flowId);
    mkdirSync(layout.claims, { recursive: true });
    writeFileSync(
      path.join(layout.claims, name === '' ? `${flowId}.json` : name),
      JSON.stringify({
        flowId,
        account: 'acme',
        fileName,
        archivePath,
        receivedAt: '2026-11-24T06:00:00.000Z',
      }),
    );
    return { flowId, archivePath };
  }

  describe('claimFile', () => {
    it('moves the file into the read-only archive and registers a RECEIVED flow', async () => {
      const file = drop('facture 01.xml');
      const flow = await claimFile(context, 'acme', file);
      expect(flow).toBeDefined();
      if (!flow) return;
      expect(existsSync(file)).toBe(false);
      expect(readdirSync(inDir)).toEqual([]);
      expect(flow).toMatchObject({
        account: 'acme',
        fileName: 'facture 01.xml',
        sha256: sha256Of(BODY),
        sizeBytes: BODY.length,
        state: 'RECEIVED',
      });
      expect(flow.id).toMatch(/^\d{8}-[0-9a-f]{16}$/);
      expect(flow.archivePath.startsWith(`${layout.archive}${path.sep}`)).toBe(true);
      expect(path.basename(flow.archivePath)).toBe(flow.id);
      expect(readFileSync(flow.archivePath).equals(BODY)).toBe(true);
      expect(statSync(flow.archivePath).mode & 0o777).toBe(0o440);
      expect(await registry.getFlow(flow.id)).toEqual(flow);
      expect(journals()).toEqual([]);
    });

    it('hashes an empty file and a binary one correctly', async () => {
      const empty = await claimFile(context, 'acme', drop('empty.xml', Buffer.alloc(0)));
      expect(empty).toMatchObject({ sizeBytes: 0, sha256: sha256Of(Buffer.alloc(0)) });
      const binary = Buffer.from(Array.from({ length: 3000 }, (_, index) => (index * 7) % 256));
      const claimed = await claimFile(context, 'acme', drop('scan.pdf', binary));
      expect(claimed).toMatchObject({ sizeBytes: 3000, sha256: sha256Of(binary) });
    });

    it('gives each claim its own flow, even for the same name and content', async () => {
      const first = await claimFile(context, 'acme', drop('same.xml'));
      const second = await claimFile(context, 'acme', drop('same.xml'));
      expect(first?.id).not.toBe(second?.id);
      expect(first?.archivePath).not.toBe(second?.archivePath);
      expect((await registry.countFlows()).received).toBe(2);
    });

    it('returns undefined for a vanished file and leaves no journal', async () => {
      const flow = await claimFile(context, 'acme', path.join(inDir, 'gone.xml'));
      expect(flow).toBeUndefined();
      expect(journals()).toEqual([]);
      expect(await registry.countFlows()).toEqual({ received: 0, processing: 0, acked: 0 });
    });

    it('lets only one of two concurrent claims of the same file win', async () => {
      const file = drop('race.xml');
      const results = await Promise.all([
        claimFile(context, 'acme', file),
        claimFile(context, 'acme', file),
      ]);
      expect(results.filter((result) => result !== undefined)).toHaveLength(1);
      expect((await registry.countFlows()).received).toBe(1);
      expect(journals()).toEqual([]);
    });
  });

  describe('recoverClaims', () => {
    it('does nothing without a claims folder', async () => {
      await expect(recoverClaims(context)).resolves.toEqual([]);
    });

    it('(a) registers a file that was moved but not registered', async () => {
      const { flowId, archivePath } = writeJournal('', 'lost.xml');
      mkdirSync(path.dirname(archivePath), { recursive: true });
      writeFileSync(archivePath, BODY);

      const recovered = await recoverClaims(context);

      expect(recovered).toHaveLength(1);
      expect(recovered[0]).toMatchObject({
        id: flowId,
        account: 'acme',
        fileName: 'lost.xml',
        archivePath,
        receivedAt: '2026-11-24T06:00:00.000Z',
        sha256: sha256Of(BODY),
        sizeBytes: BODY.length,
        state: 'RECEIVED',
      });
      expect(await registry.getFlow(flowId)).toEqual(recovered[0]);
      expect(statSync(archivePath).mode & 0o777).toBe(0o440);
      expect(journals()).toEqual([]);
    });

    it('(b) removes the journal of a file never moved and leaves the file in in/', async () => {
      const file = drop('waiting.xml');
      const { flowId, archivePath } = writeJournal('', 'waiting.xml');

      expect(await recoverClaims(context)).toEqual([]);

      expect(journals()).toEqual([]);
      expect(await registry.getFlow(flowId)).toBeUndefined();
      expect(existsSync(archivePath)).toBe(false);
      expect(readFileSync(file).equals(BODY)).toBe(true);
      const claimed = await claimFile(context, 'acme', file);
      expect(claimed?.fileName).toBe('waiting.xml');
    });

    it('(c) removes torn, empty and temporary journals without error', async () => {
      mkdirSync(layout.claims, { recursive: true });
      writeFileSync(path.join(layout.claims, '20261124-00000000000000aa.json'), '{"flowId":"2026');
      writeFileSync(path.join(layout.claims, '20261124-00000000000000bb.json'), '');
      writeFileSync(path.join(layout.claims, '20261124-00000000000000cc.json'), 'null');
      writeFileSync(
        path.join(layout.claims, `.20261124-00000000000000dd.json.${process.pid}.tmp`),
        '{"flowId":',
      );
      const file = drop('untouched.xml');

      expect(await recoverClaims(context)).toEqual([]);

      expect(journals()).toEqual([]);
      expect(readFileSync(file).equals(BODY)).toBe(true);
      expect(await registry.countFlows()).toEqual({ received: 0, processing: 0, acked: 0 });
    });

    it('(c) removes journals of the wrong shape without error', async () => {
      mkdirSync(layout.claims, { recursive: true });
      for (const [index, text] of ['{}', '[]', '42', '"x"', '{"flowId":5}'].entries()) {
        writeFileSync(path.join(layout.claims, `20261124-00000000000000e${index}.json`), text);
      }
      await expect(recoverClaims(context)).resolves.toEqual([]);
      expect(journals()).toEqual([]);
    });

    it('(d) removes the journal of a flow already registered, changing nothing', async () => {
      const flow = await claimFile(context, 'acme', drop('done.xml'));
      if (!flow) throw new Error('claim failed');
      mkdirSync(layout.claims, { recursive: true });
      writeFileSync(
        path.join(layout.claims, `${flow.id}.json`),
        JSON.stringify({
          flowId: flow.id,
          account: 'someone-else',
          fileName: 'other.xml',
          archivePath: flow.archivePath,
          receivedAt: '2030-01-01T00:00:00.000Z',
        }),
      );

      expect(await recoverClaims(context)).toEqual([]);

      expect(journals()).toEqual([]);
      expect(await registry.getFlow(flow.id)).toEqual(flow);
      expect((await registry.countFlows()).received).toBe(1);
    });

    it('handles several journals in different states in one pass', async () => {
      const moved = writeJournal('', 'moved.xml');
      mkdirSync(path.dirname(moved.archivePath), { recursive: true });
      writeFileSync(moved.archivePath, BODY);
      const notMoved = writeJournal('', 'not-moved.xml');
      writeFileSync(path.join(layout.claims, 'torn.json'), '{');

      const recovered = await recoverClaims(context);

      expect(recovered.map((flow) => flow.id)).toEqual([moved.flowId]);
      expect(await registry.getFlow(notMoved.flowId)).toBeUndefined();
      expect(journals()).toEqual([]);
      expect(await recoverClaims(context)).toEqual([]);
    });
  });
});
