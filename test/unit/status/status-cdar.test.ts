import { describe, expect, it } from 'vitest';
import {
  readStatusCdar,
  renderStatusCdar,
  statusUpdatesOfCdar,
} from '../../../src/status/index.js';
import { DEFAULT_CDAR_PLATFORM } from '../../../src/status/render-status-cdar.js';
import {
  type CdarReadResult,
  type CdarStatusMessage,
} from '../../../src/status/read-status-cdar.js';
import { DEPOSIT, SUSPENSION } from './notification-fixture.js';
import { readRepoFile, xsdErrors } from './xsd-check.js';

const SCHEMA = 'passerelle-cdar-subset-1.0.xsd';

function messageOf(result: CdarReadResult): CdarStatusMessage {
  if (!result.ok) {
    throw new Error(`CDAR refused: ${result.issues.map((issue) => issue.code).join(', ')}`);
  }
  return result.message;
}

function codesOf(result: CdarReadResult): string[] {
  return result.ok ? [] : result.issues.map((issue) => issue.code);
}

describe('renderStatusCdar', () => {
  it('writes messages that conform to the CDAR subset schema', () => {
    expect(xsdErrors(SCHEMA, renderStatusCdar(SUSPENSION))).toEqual([]);
    expect(xsdErrors(SCHEMA, renderStatusCdar(DEPOSIT))).toEqual([]);
    expect(
      xsdErrors(SCHEMA, renderStatusCdar({ ...SUSPENSION, changedBy: { actor: 'supplier' } })),
    ).toEqual([]);
  });

  it('is caught by the schema when the structure is wrong', () => {
    const broken = renderStatusCdar(SUSPENSION).replace(
      /<ram:ProcessConditionCode>208<\/ram:ProcessConditionCode>/,
      '',
    );
    expect(xsdErrors(SCHEMA, broken)).not.toEqual([]);
  });

  it('is deterministic: the same notification gives the same bytes', () => {
    expect(renderStatusCdar(structuredClone(SUSPENSION))).toBe(renderStatusCdar(SUSPENSION));
  });

  it('reads back as the same status change', () => {
    const message = messageOf(readStatusCdar(renderStatusCdar(SUSPENSION)));
    expect(message.documentId).toBe('STATUS_0000000042_INV-2026-000042');
    expect(message.sender).toEqual({
      id: DEFAULT_CDAR_PLATFORM.id,
      name: DEFAULT_CDAR_PLATFORM.name,
      role: 'WK',
    });
    expect(message.issuer).toMatchObject({
      globalId: '21750001600019',
      scheme: '0009',
      role: 'BY',
    });
    expect(message.recipient).toMatchObject({ globalId: '12345678200010', role: 'SE' });
    expect(message.statuses).toEqual([
      {
        line: 41,
        invoiceNumber: 'FA-2026/0815',
        invoiceIssueDate: '2026-11-02',
        invoiceTypeCode: '380',
        seller: {
          globalId: '12345678200010',
          scheme: '0009',
          name: 'ACME & Fils <SAS>',
          role: 'SE',
        },
        buyer: {
          globalId: '21750001600019',
          scheme: '0009',
          name: 'Commune "exemple"',
          role: 'BY',
        },
        reformCode: '208',
        status: 'SUSPENDUE',
        reasonCode: 'PJ_MANQUANTE',
        reason: 'Bon de livraison manquant\net date de service absente',
        statusDate: '2026-11-21T08:30:00Z',
      },
    ]);
  });

  it('names the gateway as issuer for platform changes and writes to the buyer for COMPLETEE', () => {
    const deposit = messageOf(
      readStatusCdar(renderStatusCdar(DEPOSIT, { id: 'GW-1', name: 'Gateway' })),
    );
    expect(deposit.issuer).toEqual({ id: 'GW-1', name: 'Gateway', role: 'WK' });
    expect(deposit.statuses[0]).toMatchObject({
      reformCode: '200',
      status: 'DEPOSEE',
      statusDate: '2026-11-20T23:30:00Z',
    });
    expect(deposit.statuses[0]?.reason).toBeUndefined();
    const completed = messageOf(
      readStatusCdar(
        renderStatusCdar({
          ...SUSPENSION,
          status: 'COMPLETEE',
          previousStatus: 'SUSPENDUE',
          changedBy: { actor: 'supplier' },
        }),
      ),
    );
    expect(completed.issuer).toMatchObject({ role: 'SE' });
    expect(completed.recipient).toMatchObject({ role: 'BY', globalId: '21750001600019' });
  });

  it('throws for a change time that cannot be written as format 204', () => {
    expect(() => renderStatusCdar({ ...DEPOSIT, changedAt: '2026-11-20 23:30' })).toThrow(
      RangeError,
    );
  });
});

describe('readStatusCdar', () => {
  it('reads the refusal fixture of another platform', () => {
    const message = messageOf(
      readStatusCdar(readRepoFile('fixtures/status/cdar-incoming-refusee.xml')),
    );
    expect(message.documentId).toBe('CDV-20261123-0007');
    expect(message.sender).toEqual({
      globalId: '9998',
      scheme: '0238',
      name: 'Plateforme exemple',
      role: 'WK',
    });
    expect(message.statuses).toEqual([
      {
        line: 41,
        invoiceNumber: 'FA-2026/0815',
        invoiceIssueDate: '2026-11-02',
        invoiceTypeCode: '380',
        seller: { globalId: '12345678200010', scheme: '0009', role: 'SE' },
        buyer: { globalId: '21750001600019', scheme: '0009', role: 'BY' },
        reformCode: '210',
        status: 'REJETEE',
        reasonCode: 'DOUBLON',
        reason: 'Facture déjà reçue sous le numéro FA-2026/0801',
        statusDate: '2026-11-23T10:12:00Z',
      },
    ]);
  });

  it('refuses codes without a Chorus Pro status, with where they are', () => {
    const source = readRepoFile('fixtures/status/cdar-incoming-refusee.xml')
      .toString('utf8')
      .replace('>210<', '>212<');
    const result = readStatusCdar(source);
    expect(codesOf(result)).toEqual(['STATUS_CDAR_CODE_UNSUPPORTED']);
    expect(!result.ok && result.issues[0]?.xpath).toBe(
      '/rsm:CrossDomainAcknowledgementAndResponse/rsm:AcknowledgementDocument/ram:ReferenceReferencedDocument[1]/ram:ProcessConditionCode',
    );
  });

  it('refuses missing fields and unreadable dates', () => {
    const fixture = readRepoFile('fixtures/status/cdar-incoming-refusee.xml').toString('utf8');
    expect(
      codesOf(
        readStatusCdar(fixture.replace(/<ram:IssuerAssignedID>.*<\/ram:IssuerAssignedID>/, '')),
      ),
    ).toEqual(['STATUS_CDAR_FIELD_MISSING']);
    expect(
      codesOf(readStatusCdar(fixture.replace('format="102">20261102', 'format="102">20261332'))),
    ).toEqual(['STATUS_CDAR_DATE_INVALID']);
    expect(codesOf(readStatusCdar(fixture.replaceAll('format="204"', 'format="203"')))).toEqual([
      'STATUS_CDAR_DATE_INVALID',
      'STATUS_CDAR_DATE_INVALID',
    ]);
    const noAckDate = fixture.replace(
      /<ram:TypeCode>305<\/ram:TypeCode>\s*<ram:IssueDateTime>[\s\S]*?<\/ram:IssueDateTime>/,
      '',
    );
    expect(messageOf(readStatusCdar(noAckDate)).statuses[0]?.statusDate).toBe(
      '2026-11-23T10:15:00Z',
    );
    const noDate = fixture.replace(/<ram:IssueDateTime>[\s\S]*?<\/ram:IssueDateTime>/g, '');
    expect(codesOf(readStatusCdar(noDate))).toEqual(['STATUS_CDAR_FIELD_MISSING']);
  });

  it('refuses other documents and hostile XML', () => {
    expect(
      codesOf(readStatusCdar(readRepoFile('fixtures/status/status-update-valid.xml'))),
    ).toEqual(['STATUS_CDAR_ROOT_INVALID']);
    expect(
      codesOf(readStatusCdar(readRepoFile('fixtures/status/status-update-doctype.xml'))),
    ).toEqual(['XML_DOCTYPE_FORBIDDEN']);
    expect(codesOf(readStatusCdar('<rsm:CrossDomainAcknowledgementAndResponse'))).toEqual([
      'XML_MALFORMED',
    ]);
  });
});

describe('statusUpdatesOfCdar', () => {
  const fixture = readRepoFile('fixtures/status/cdar-incoming-refusee.xml').toString('utf8');

  it('turns each referenced invoice into a status update named by seller SIRET and number', () => {
    expect(statusUpdatesOfCdar(messageOf(readStatusCdar(fixture)))).toEqual([
      {
        ok: true,
        line: 41,
        reference: {
          supplierSiret: '12345678200010',
          invoiceNumber: 'FA-2026/0815',
          status: 'REJETEE',
        },
        update: {
          line: 41,
          target: {
            kind: 'supplier-invoice',
            supplierSiret: '12345678200010',
            invoiceNumber: 'FA-2026/0815',
          },
          status: 'REJETEE',
          reason: 'Facture déjà reçue sous le numéro FA-2026/0801',
          reasonCode: 'DOUBLON',
          date: '2026-11-23T10:12:00Z',
        },
      },
    ]);
  });

  it('applies the same rules as status files: a refusal needs a reason, a seller needs a SIRET', () => {
    const noReason = fixture.replace(
      /<ram:SpecifiedDocumentStatus>[\s\S]*<\/ram:SpecifiedDocumentStatus>/,
      '',
    );
    const [refusal] = statusUpdatesOfCdar(messageOf(readStatusCdar(noReason)));
    expect(refusal?.ok === false && refusal.issues.map((issue) => issue.code)).toEqual([
      'STATUS_REASON_REQUIRED',
    ]);
    const sirenOnly = fixture.replace(
      '<ram:GlobalID schemeID="0009">12345678200010</ram:GlobalID>\n        <ram:RoleCode>SE',
      '<ram:GlobalID schemeID="0002">123456782</ram:GlobalID>\n        <ram:RoleCode>SE',
    );
    const [unnamed] = statusUpdatesOfCdar(messageOf(readStatusCdar(sirenOnly)));
    expect(unnamed?.ok === false && unnamed.issues.map((issue) => issue.code)).toEqual([
      'STATUS_UPDATE_TARGET_MISSING',
    ]);
  });
});
