import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { issueOf, type IssueCode } from '../../../src/errors/index.js';
import { failedOnPlatformSide, originalOf } from '../../../src/pipeline/duplicate-flow.js';
import { SqlRegistry, type FlowRecord } from '../../../src/registry/index.js';
import { openSqlite } from '../../../src/store/index.js';

describe('exact resends after a platform-side rejection', () => {
  let dir: string;
  let registry: SqlRegistry;

  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'pl-dup-'));
    registry = new SqlRegistry(openSqlite(path.join(dir, 'passerelle.db')));
  });
  afterEach(async () => {
    await registry.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An acknowledged single-invoice flow of acme, rejected with `code`, and its resend. */
  async function rejectedThenResent(
    code: IssueCode,
    id: string,
  ): Promise<{ original: FlowRecord; resend: FlowRecord }> {
    const flow = (flowId: string, receivedAt: string) => ({
      id: flowId,
      account: 'acme',
      fileName: 'invoice.xml',
      sha256: id.repeat(64).slice(0, 64),
      sizeBytes: 10,
      archivePath: `/archive/${flowId}`,
      receivedAt,
      kind: 'invoices' as const,
    });
    await registry.createFlows([
      flow(`${id}-1`, '2026-12-01T00:00:00.000Z'),
      flow(`${id}-2`, '2026-12-02T00:00:00.000Z'),
    ]);
    await registry.recordIntake(`${id}-1`, {
      syntax: 'ubl-invoice',
      issues: [],
      invoices: [
        {
          id: `${id}-1-0001`,
          seq: 1,
          syntax: 'ubl-invoice',
          sourceName: 'invoice.xml',
          sourcePath: `/archive/${id}-1`,
          sha256: 'c'.repeat(64),
          keys: { number: 'F-1' },
          state: 'PENDING',
          issues: [],
        },
      ],
    });
    await registry.settleInvoice(`${id}-1-0001`, { state: 'REJECTED', issues: [issueOf(code)] });
    await registry.markAcked(`${id}-1`, 'IN_REJETE', '2026-12-01T00:00:01.000Z');
    const original = await registry.getFlow(`${id}-1`);
    const resend = await registry.getFlow(`${id}-2`);
    if (!original || !resend) throw new Error('flows missing');
    return { original, resend };
  }

  it('processes anew a resend of a file rejected only because the entity had no account', async () => {
    const { original, resend } = await rejectedThenResent('ROUTE_RECIPIENT_NO_ACCOUNT', 'a');
    expect(await failedOnPlatformSide(registry, original)).toBe(true);
    expect(await originalOf(registry, resend)).toBeUndefined();
  });

  it('still answers FLOW_DUPLICATE when the supplier\u2019s own data was at fault', async () => {
    const { original, resend } = await rejectedThenResent('ROUTE_SERVICE_CODE_UNKNOWN', 'b');
    expect(await failedOnPlatformSide(registry, original)).toBe(false);
    expect((await originalOf(registry, resend))?.id).toBe(original.id);
  });
});
