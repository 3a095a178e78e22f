import { describe, expect, it } from 'vitest';
import {
  parseStatusUpdateFile,
  type StatusUpdateFileResult,
  type StatusUpdateLineResult,
} from '../../../src/status/index.js';
import { detectStatusUpdateFormat } from '../../../src/status/parse-status-update-file.js';
import { parseStatusUpdateCsv } from '../../../src/status/parse-status-update-csv.js';
import { readRepoFile } from './xsd-check.js';

function linesOf(result: StatusUpdateFileResult): readonly StatusUpdateLineResult[] {
  if (!result.ok) {
    throw new Error(`file refused: ${result.issues.map((issue) => issue.code).join(', ')}`);
  }
  return result.lines;
}

function codesOf(line: StatusUpdateLineResult | undefined): string[] {
  return line === undefined || line.ok ? [] : line.issues.map((issue) => issue.code);
}

const HEADER = 'invoice_id;supplier_siret;invoice_number;status;reason;date';

describe('parseStatusUpdateCsv', () => {
  it('reads the valid fixture (CRLF, quoted separators, a value over two lines)', () => {
    const lines = linesOf(
      parseStatusUpdateCsv(readRepoFile('fixtures/status/status-update-valid.csv')),
    );
    expect(lines.map((line) => [line.ok, line.line])).toEqual([
      [true, 2],
      [true, 3],
      [true, 4],
      [true, 6],
    ]);
    expect(lines[1]?.ok && lines[1].update).toEqual({
      line: 3,
      target: {
        kind: 'supplier-invoice',
        supplierSiret: '12345678200010',
        invoiceNumber: 'FA-2026/0815',
      },
      status: 'SUSPENDUE',
      reason: 'Bon de livraison manquant; date absente',
      date: '2026-11-21T09:30:00+01:00',
    });
    expect(lines[2]?.ok && lines[2].update.reason).toBe('Code service inconnu :\nSERVICE-TECH');
  });

  it('reports each bad record with its line and codes, and keeps reading after it', () => {
    const lines = linesOf(
      parseStatusUpdateCsv(readRepoFile('fixtures/status/status-update-mixed.csv')),
    );
    expect(lines.map((line) => [line.line, line.ok, codesOf(line)])).toEqual([
      [2, true, []],
      [3, false, ['STATUS_REASON_REQUIRED']],
      [4, false, ['STATUS_UPDATE_TARGET_AMBIGUOUS']],
      [5, false, ['STATUS_UPDATE_DATE_INVALID']],
      [6, false, ['STATUS_REASON_CODE_INVALID']],
      [7, false, ['STATUS_CSV_MALFORMED', 'STATUS_UPDATE_DATE_INVALID']],
      [9, false, ['STATUS_UNKNOWN']],
      [10, true, []],
    ]);
    expect(lines[4]?.reference).toEqual({ invoiceId: 'INV-2026-000046', status: 'SUSPENDUE' });
    expect(lines[6]?.reference.status).toBe('"SERVICE_FAIT"x');
  });

  it('accepts a BOM, comma separators, header names in any order and case', () => {
    const csv =
      '\uFEFFDate,Status,Invoice_Id,Reason,Supplier_Siret,Invoice_Number\n2026-01-05,MANDATEE,A1,,,\n';
    const lines = linesOf(parseStatusUpdateCsv(Buffer.from(csv, 'utf8')));
    expect(lines[0]?.ok && lines[0].update).toEqual({
      line: 2,
      target: { kind: 'invoice-id', invoiceId: 'A1' },
      status: 'MANDATEE',
      date: '2026-01-05',
    });
  });

  it('refuses the whole file for a bad header, bad encoding or no records', () => {
    expect(parseStatusUpdateCsv('invoice;status;date\nA1;MANDATEE;2026-01-05\n')).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_CSV_HEADER_INVALID', line: 1 }],
    });
    expect(parseStatusUpdateCsv(`${HEADER};status\n`)).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_CSV_HEADER_INVALID' }],
    });
    const latin1 = Buffer.from(
      `${HEADER}\nA1;;;REJETEE;Pi\u00e8ce manquante;2026-01-05\n`,
      'latin1',
    );
    expect(parseStatusUpdateCsv(latin1)).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_CSV_ENCODING_INVALID' }],
    });
    expect(parseStatusUpdateCsv('')).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_UPDATE_EMPTY' }],
    });
    expect(parseStatusUpdateCsv(`${HEADER}\n\n\n`)).toMatchObject({
      ok: false,
      issues: [{ code: 'STATUS_UPDATE_EMPTY' }],
    });
  });

  it('reports an unclosed quote where parsing stopped, keeping the records before it', () => {
    const csv = `${HEADER}\nA1;;;MANDATEE;;2026-01-05\nA2;;;REJETEE;"motif;2026-01-05\nA3;;;MANDATEE;;2026-01-05\n`;
    const lines = linesOf(parseStatusUpdateCsv(csv));
    expect(lines[0]).toMatchObject({ ok: true, line: 2 });
    expect(lines[1]).toMatchObject({
      ok: false,
      line: 4,
      issues: [{ code: 'STATUS_CSV_MALFORMED', line: 4 }],
    });
    expect(lines).toHaveLength(2);
  });
});

describe('parseStatusUpdateFile', () => {
  it('tells XML from CSV by content, whatever the file is called', () => {
    expect(detectStatusUpdateFormat(readRepoFile('fixtures/status/status-update-valid.xml'))).toBe(
      'xml',
    );
    expect(detectStatusUpdateFormat('\uFEFF  \n<StatusUpdates/>')).toBe('xml');
    expect(detectStatusUpdateFormat(readRepoFile('fixtures/status/status-update-valid.csv'))).toBe(
      'csv',
    );
    const csv = parseStatusUpdateFile(readRepoFile('fixtures/status/status-update-valid.csv'));
    expect(csv.format).toBe('csv');
    expect(csv.result.ok && csv.result.lines).toHaveLength(4);
    const xml = parseStatusUpdateFile(readRepoFile('fixtures/status/status-update-valid.xml'));
    expect(xml.format).toBe('xml');
    expect(xml.result.ok && xml.result.lines).toHaveLength(3);
  });
});
