import { describe, expect, it } from 'vitest';
import {
  type StatusUpdateFileResult,
  type StatusUpdateLineResult,
} from '../../../src/status/index.js';
import { parseStatusUpdateXml } from '../../../src/status/parse-status-update-xml.js';
import { readRepoFile, xsdErrors } from './xsd-check.js';

const SCHEMA = 'passerelle-status-update-1.0.xsd';

function linesOf(result: StatusUpdateFileResult): readonly StatusUpdateLineResult[] {
  if (!result.ok) {
    throw new Error(`file refused: ${result.issues.map((issue) => issue.code).join(', ')}`);
  }
  return result.lines;
}

function codesOf(line: StatusUpdateLineResult | undefined): string[] {
  return line === undefined || line.ok ? [] : line.issues.map((issue) => issue.code);
}

function wrap(updates: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<StatusUpdates xmlns="urn:passerelle:status-update:1" version="1.0">\n${updates}\n</StatusUpdates>\n`;
}

describe('parseStatusUpdateXml', () => {
  it('reads every update of the valid fixture, keeping the line of each Update', () => {
    const source = readRepoFile('fixtures/status/status-update-valid.xml');
    expect(xsdErrors(SCHEMA, source)).toEqual([]);
    const lines = linesOf(parseStatusUpdateXml(source));
    expect(lines.map((line) => [line.ok, line.line])).toEqual([
      [true, 3],
      [true, 8],
      [true, 15],
    ]);
    expect(lines[0]?.ok && lines[0].update).toEqual({
      line: 3,
      target: { kind: 'invoice-id', invoiceId: 'INV-2026-000042' },
      status: 'SERVICE_FAIT',
      date: '2026-11-20',
    });
    expect(lines[1]?.ok && lines[1].update).toEqual({
      line: 8,
      target: {
        kind: 'supplier-invoice',
        supplierSiret: '12345678200010',
        invoiceNumber: 'FA-2026/0815',
      },
      status: 'SUSPENDUE',
      reason: 'Bon de livraison manquant & date de service absente',
      reasonCode: 'PJ_MANQUANTE',
      date: '2026-11-21T09:30:00+01:00',
    });
  });

  it('reports bad updates with their line and codes and keeps the good ones', () => {
    const source = readRepoFile('fixtures/status/status-update-mixed.xml');
    const lines = linesOf(parseStatusUpdateXml(source));
    expect(lines.map((line) => line.ok)).toEqual([true, false, false, false, true]);
    expect(lines[1]).toMatchObject({
      line: 8,
      reference: { invoiceId: 'INV-2026-000043', status: 'REJETEE' },
    });
    expect(codesOf(lines[1])).toEqual(['STATUS_REASON_REQUIRED']);
    expect(codesOf(lines[2]).sort()).toEqual([
      'STATUS_UNKNOWN',
      'STATUS_UPDATE_DATE_INVALID',
      'STATUS_UPDATE_SIRET_INVALID',
    ]);
    expect(lines[2]?.ok === false && lines[2].issues.every((issue) => issue.line === 13)).toBe(
      true,
    );
    expect(codesOf(lines[3])).toEqual([
      'STATUS_UPDATE_FIELD_UNEXPECTED',
      'STATUS_UPDATE_FIELD_UNEXPECTED',
    ]);
    expect(lines[3]?.ok === false && lines[3].issues.map((issue) => issue.line)).toEqual([22, 23]);
    expect(lines[4]?.ok && lines[4].update.date).toBe('2026-11-23T16:45:00Z');
    // The schema refuses the same file as a whole; the gateway only refuses the bad updates.
    expect(xsdErrors(SCHEMA, source)).not.toEqual([]);
  });

  it('refuses a DOCTYPE before parsing, so no entity is ever expanded', () => {
    const result = parseStatusUpdateXml(readRepoFile('fixtures/status/status-update-doctype.xml'));
    expect(result).toMatchObject({ ok: false, issues: [{ code: 'XML_DOCTYPE_FORBIDDEN' }] });
  });

  it('refuses files that are not well-formed XML, with the position', () => {
    const result = parseStatusUpdateXml(wrap('<Update><InvoiceId>A</Update>'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues[0]).toMatchObject({ code: 'XML_MALFORMED', line: 3 });
    expect(parseStatusUpdateXml('')).toMatchObject({
      ok: false,
      issues: [{ code: 'XML_NOT_XML' }],
    });
    expect(parseStatusUpdateXml('invoice_id;status\n')).toMatchObject({
      ok: false,
      issues: [{ code: 'XML_NOT_XML' }],
    });
    const truncated = wrap('<Update><InvoiceId>A</InvoiceId>').slice(0, 120);
    expect(parseStatusUpdateXml(truncated)).toMatchObject({
      ok: false,
      issues: [{ code: 'XML_MALFORMED' }],
    });
  });

  it('refuses encodings other than UTF-8 and accepts a BOM', () => {
    const utf16 = Buffer.from(`\uFEFF${wrap('')}`, 'utf16le');
    expect(parseStatusUpdateXml(utf16)).toMatchObject({
      ok: false,
      issues: [{ code: 'XML_ENCODING_UNSUPPORTED' }],
    });
    const latin1 = wrap('').replace('UTF-8', 'ISO-8859-1');
    expect(parseStatusUpdateXml(latin1)).toMatchObject({
      ok: false,
      issues: [{ code: 'XML_ENCODING_UNSUPPORTED' }],
    });
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        wrap(
          '<Update><InvoiceId>A1</InvoiceId><Status>MANDATEE</Status><Date>2026-01-05</Date></Update>',
        ),
      ),
    ]);
    expect(linesOf(parseStatusUpdateXml(bom)).map((line) => line.ok)).toEqual([true]);
  });

  it('refuses another root or namespace, and a file without updates', () => {
    const otherNamespace = wrap('').replace(
      'urn:passerelle:status-update:1',
      'urn:passerelle:status:1',
    );
    expect(parseStatusUpdateXml(otherNamespace)).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_UPDATE_ROOT_INVALID' }],
    });
    expect(parseStatusUpdateXml(wrap(''))).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_UPDATE_EMPTY' }],
    });
    expect(
      parseStatusUpdateXml(wrap('').replace('version="1.0">', 'version="2.0">')),
    ).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_UPDATE_ROOT_INVALID' }],
    });
  });

  it('turns stray elements under the root into failed lines', () => {
    const lines = linesOf(
      parseStatusUpdateXml(
        wrap(
          '<Note>x</Note>\n<Update><InvoiceId>A1</InvoiceId><Status>MANDATEE</Status><Date>2026-01-05</Date></Update>',
        ),
      ),
    );
    expect(lines.map((line) => [line.ok, line.line])).toEqual([
      [false, 3],
      [true, 4],
    ]);
    expect(codesOf(lines[0])).toEqual(['STATUS_UPDATE_FIELD_UNEXPECTED']);
  });

  it('checks the identification of the invoice', () => {
    const lines = linesOf(
      parseStatusUpdateXml(
        wrap(
          [
            '<Update><InvoiceId>A1</InvoiceId><SupplierSiret>12345678200010</SupplierSiret><Status>MANDATEE</Status><Date>2026-01-05</Date></Update>',
            '<Update><SupplierSiret>12345678200010</SupplierSiret><Status>MANDATEE</Status><Date>2026-01-05</Date></Update>',
            '<Update><InvoiceId>../etc/passwd</InvoiceId><Status>MANDATEE</Status><Date>2026-01-05</Date></Update>',
            `<Update><SupplierSiret>12345678200010</SupplierSiret><InvoiceNumber>${'9'.repeat(130)}</InvoiceNumber><Status>MANDATEE</Status><Date>2026-01-05</Date></Update>`,
          ].join('\n'),
        ),
      ),
    );
    expect(lines.map(codesOf)).toEqual([
      ['STATUS_UPDATE_TARGET_AMBIGUOUS'],
      ['STATUS_UPDATE_TARGET_MISSING'],
      ['STATUS_UPDATE_INVOICE_ID_INVALID'],
      ['STATUS_UPDATE_INVOICE_NUMBER_INVALID'],
    ]);
    expect(lines[3]?.reference.invoiceNumber).toBe(`${'9'.repeat(120)}…`);
  });
});
