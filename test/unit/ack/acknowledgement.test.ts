import { describe, expect, it } from 'vitest';
import { ackStateOf, buildAcknowledgement, type InvoiceResult } from '../../../src/ack/index.js';
import { issueOf, type ValidationIssue } from '../../../src/errors/index.js';
import { flowRecord, invoiceRecord } from '../../support/unit-ack-records.js';

const FATAL: ValidationIssue = issueOf('XML_MALFORMED');
const WARNING: ValidationIssue = { ...issueOf('XML_MALFORMED'), severity: 'warning' };

describe('ackStateOf', () => {
  const cases: readonly (readonly [string, ValidationIssue[], InvoiceResult[], string])[] = [
    ['file-level fatal, even with accepted invoices', [FATAL], ['ACCEPTED'], 'IN_REJETE'],
    ['file-level fatal among warnings', [WARNING, FATAL], [], 'IN_REJETE'],
    ['zero invoices', [], [], 'IN_REJETE'],
    ['zero invoices with only a warning', [WARNING], [], 'IN_REJETE'],
    ['one accepted', [], ['ACCEPTED'], 'IN_INTEGRE'],
    ['all accepted', [], ['ACCEPTED', 'ACCEPTED', 'ACCEPTED'], 'IN_INTEGRE'],
    ['all accepted with a file warning', [WARNING], ['ACCEPTED'], 'IN_INTEGRE'],
    ['mixed accepted and rejected', [], ['ACCEPTED', 'REJECTED'], 'IN_INTEGRE_PARTIEL'],
    ['mixed, rejected first', [], ['REJECTED', 'REJECTED', 'ACCEPTED'], 'IN_INTEGRE_PARTIEL'],
    ['all rejected', [], ['REJECTED', 'REJECTED'], 'IN_REJETE'],
    ['one incident', [], ['INCIDENT'], 'IN_INCIDENTE'],
    ['an incident among accepted', [], ['ACCEPTED', 'INCIDENT'], 'IN_INCIDENTE'],
    ['an incident among rejected', [], ['REJECTED', 'INCIDENT'], 'IN_INCIDENTE'],
    ['an incident in a mixed flow', [], ['ACCEPTED', 'REJECTED', 'INCIDENT'], 'IN_INCIDENTE'],
    ['an incident but a fatal file issue', [FATAL], ['INCIDENT'], 'IN_REJETE'],
  ];

  it.each(cases)('%s', (_label, fileIssues, results, expected) => {
    expect(ackStateOf(fileIssues, results)).toBe(expected);
  });

  it('does not depend on the order of the results', () => {
    const results: InvoiceResult[] = ['ACCEPTED', 'REJECTED', 'ACCEPTED', 'REJECTED'];
    expect(ackStateOf([], results)).toBe(ackStateOf([], [...results].reverse()));
  });
});

describe('buildAcknowledgement', () => {
  it('is undefined while any invoice is PENDING', () => {
    const flow = flowRecord();
    expect(buildAcknowledgement(flow, [invoiceRecord(1, 'PENDING')])).toBeUndefined();
    expect(
      buildAcknowledgement(flow, [invoiceRecord(1, 'DELIVERED'), invoiceRecord(2, 'PENDING')]),
    ).toBeUndefined();
  });

  it('maps settled invoices to results and counts them', () => {
    const ack = buildAcknowledgement(flowRecord(), [
      invoiceRecord(1, 'DELIVERED', { recipientSiret: '21750001600019' }),
      invoiceRecord(2, 'REJECTED', { issues: [FATAL] }),
      invoiceRecord(3, 'DELIVERED'),
    ]);
    expect(ack).toMatchObject({
      format: 'passerelle-ack/1.0',
      flowId: '20261124-0123456789abcdef',
      fileName: 'batch.zip',
      sha256: 'c'.repeat(64),
      sizeBytes: 4096,
      supplierAccount: 'acme',
      receivedAt: '2026-11-24T06:00:00.000Z',
      syntax: 'archive',
      state: 'IN_INTEGRE_PARTIEL',
      counts: { invoices: 3, accepted: 2, rejected: 1, incidents: 0 },
      issues: [],
    });
    expect(ack?.invoices.map((invoice) => [invoice.seq, invoice.result])).toEqual([
      [1, 'ACCEPTED'],
      [2, 'REJECTED'],
      [3, 'ACCEPTED'],
    ]);
    expect(ack?.invoices[0]?.recipientSiret).toBe('21750001600019');
    expect(ack?.invoices[1]?.recipientSiret).toBe('11000201100044');
    expect(ack?.invoices[1]?.issues).toEqual([FATAL]);
  });

  it('counts incidents and reports a file with no invoices as rejected', () => {
    const incident = buildAcknowledgement(flowRecord(), [
      invoiceRecord(1, 'INCIDENT'),
      invoiceRecord(2, 'DELIVERED'),
    ]);
    expect(incident?.state).toBe('IN_INCIDENTE');
    expect(incident?.counts).toEqual({ invoices: 2, accepted: 1, rejected: 0, incidents: 1 });
    const empty = buildAcknowledgement(flowRecord({ syntax: undefined, issues: [FATAL] }), []);
    expect(empty?.state).toBe('IN_REJETE');
    expect(empty?.invoices).toEqual([]);
    expect(empty?.issues).toEqual([FATAL]);
    expect(empty?.syntax).toBeUndefined();
  });

  it('takes its time from the registry, never the clock', () => {
    const invoices = [
      invoiceRecord(1, 'DELIVERED', { updatedAt: '2026-11-24T06:07:00.000Z' }),
      invoiceRecord(2, 'REJECTED', { updatedAt: '2026-11-24T06:09:00.000Z' }),
      invoiceRecord(3, 'DELIVERED', { updatedAt: '2026-11-24T06:03:00.000Z' }),
    ];
    expect(buildAcknowledgement(flowRecord(), invoices)?.acknowledgedAt).toBe(
      '2026-11-24T06:09:00.000Z',
    );
    expect(
      buildAcknowledgement(flowRecord({ ackAt: '2026-11-24T07:00:00.000Z' }), invoices)
        ?.acknowledgedAt,
    ).toBe('2026-11-24T07:00:00.000Z');
    expect(
      buildAcknowledgement(flowRecord({ updatedAt: '2026-11-24T06:30:00.000Z' }), [])
        ?.acknowledgedAt,
    ).toBe('2026-11-24T06:30:00.000Z');
  });

  it('is deterministic: the same records give the same acknowledgement', () => {
    const flow = flowRecord({ issues: [WARNING] });
    const invoices = [invoiceRecord(1, 'DELIVERED'), invoiceRecord(2, 'INCIDENT')];
    const first = buildAcknowledgement(flow, invoices);
    const second = buildAcknowledgement(structuredClone(flow), structuredClone(invoices));
    expect(second).toEqual(first);
    expect(JSON.stringify(second)).toBe(JSON.stringify(first));
  });
});

describe('what the acknowledgement says first', () => {
  const missingService = issueOf('ROUTE_SERVICE_CODE_REQUIRED');
  const warning = { ...issueOf('FR_RULE'), severity: 'warning' as const, rule: 'BR-FR-05' };
  const batch = (count: number) =>
    buildAcknowledgement(
      flowRecord({ syntax: 'archive' }),
      Array.from({ length: count }, (_, index) =>
        invoiceRecord(index + 1, 'REJECTED', {
          keys: { number: `FA-${index + 1}` },
          issues: index === 0 ? [warning, missingService, missingService] : [missingService],
        }),
      ),
    );

  it('lists fatal issues before warnings, each invoice keeping their order', () => {
    const ack = batch(1);
    expect(ack?.invoices[0]?.issues.map((issue) => issue.severity)).toEqual([
      'fatal',
      'fatal',
      'warning',
    ]);
  });

  it('groups a batch: each distinct error once, with how many invoices and their numbers', () => {
    const ack = batch(300);
    expect(ack?.errorSummary?.map((entry) => [entry.rule, entry.invoices])).toEqual([
      ['ROUTE_SERVICE_CODE_REQUIRED', 300],
      ['BR-FR-05', 1],
    ]);
    expect(ack?.errorSummary?.[0]?.numbers.slice(0, 2)).toEqual(['FA-1', 'FA-2']);
    expect(batch(1)?.errorSummary).toBeUndefined();
  });

  it('names the rule sets that judged the file', () => {
    expect(batch(1)?.ruleSets?.map((set) => `${set.id} ${set.version}`)).toEqual([
      'ubl-xsd 2.1',
      'cii-xsd D16B',
      'factur-x 1.0.9',
      'en16931 1.3.16',
      'fr 1.4.0',
    ]);
    const notInvoice = buildAcknowledgement(flowRecord({ syntax: undefined }), []);
    expect(notInvoice?.ruleSets).toBeUndefined();
  });
});
