import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  renderStatusUpdateAckJson,
  renderStatusUpdateAckXml,
  renderStatusXml,
  type StatusNotification,
} from '../../../src/status/index.js';
import { buildStatusUpdateAck } from '../../../src/status/render-status-update-ack.js';
import { parseStatusUpdateCsv } from '../../../src/status/parse-status-update-csv.js';
import { parseStatusUpdateXml } from '../../../src/status/parse-status-update-xml.js';
import { repoPath, xsdErrors } from './xsd-check.js';

const doc = readFileSync(repoPath('docs/status-formats.md'), 'utf8');

/** The fenced block of `language` whose text contains `marker`. */
function example(language: string, marker: string): string {
  const blocks = [...doc.matchAll(new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'g'))];
  const block = blocks.map((match) => match[1] ?? '').find((text) => text.includes(marker));
  if (block === undefined) {
    throw new Error(`No ${language} example with ${marker}`);
  }
  return block;
}

/** The status update file of the acknowledgement example. */
const ACKED_CSV = [
  'invoice_id;supplier_siret;invoice_number;status;reason;date',
  'INV-2026-000042;;;MANDATEE;;2026-11-22',
  'INV-2026-000043;;;REJETEE;;2026-11-22',
].join('\n');

describe('docs/status-formats.md examples', () => {
  it('shows a status update file the schema and the parser accept', () => {
    const xml = example('xml', '<StatusUpdates');
    expect(xsdErrors('passerelle-status-update-1.0.xsd', xml)).toEqual([]);
    const parsed = parseStatusUpdateXml(xml);
    expect(parsed.ok && parsed.lines.every((line) => line.ok)).toBe(true);
    const csv = parseStatusUpdateCsv(example('csv', 'invoice_id;supplier_siret'));
    expect(csv.ok && csv.lines.map((line) => line.ok)).toEqual([true, true]);
  });

  it('shows exactly what renderStatusXml writes', () => {
    const notification: StatusNotification = {
      accountId: 'fournisseur-acme',
      sequence: 42,
      invoiceId: 'INV-2026-000042',
      supplier: { siret: '12345678200010', name: 'ACME SAS' },
      invoiceNumber: 'FA-2026/0815',
      invoiceIssueDate: '2026-11-02',
      recipient: { siret: '21750001600019', serviceCode: 'SERVICE-TECH', name: 'Commune exemple' },
      status: 'SUSPENDUE',
      previousStatus: 'MISE_A_DISPOSITION',
      reason: 'Bon de livraison manquant',
      reasonCode: 'PJ_MANQUANTE',
      changedBy: { actor: 'entity', name: 'Service facturier' },
      changedAt: '2026-11-21T09:30:00+01:00',
    };
    expect(renderStatusXml(notification)).toBe(example('xml', '<StatusNotification'));
  });

  it('shows exactly the acknowledgement of its example file, in XML and JSON', () => {
    const ack = buildStatusUpdateAck(
      { fileName: 'statuts-20261122.csv', format: 'csv', receivedAt: '2026-11-22T10:00:00Z' },
      parseStatusUpdateCsv(ACKED_CSV),
    );
    expect(renderStatusUpdateAckXml(ack)).toBe(example('xml', '<StatusUpdateAck'));
    expect(JSON.parse(renderStatusUpdateAckJson(ack))).toEqual(
      JSON.parse(example('json', 'passerelle-status-update-ack')),
    );
  });
});
