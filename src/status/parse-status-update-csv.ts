/**
 * Reads a status file in the CSV format of docs/status-formats.md: UTF-8, a header naming the
 * columns, `;` (or `,`) separated, one status update per record.
 * Input: the file bytes. Output: one result per record, keeping the line where it starts.
 * Codes: STATUS_CSV_ENCODING_INVALID, STATUS_CSV_HEADER_INVALID, STATUS_CSV_MALFORMED,
 * STATUS_UPDATE_EMPTY and the field codes of `checkStatusUpdate`.
 */
import { CsvError, parse } from 'csv-parse/sync';
import type { ValidationIssue } from '../errors/index.js';
import { statusIssueOf } from './status-issue.js';
import {
  checkStatusUpdate,
  type RawStatusUpdate,
  type StatusUpdateFileResult,
  type StatusUpdateLineResult,
} from './status-update.js';

type FieldName = Exclude<keyof RawStatusUpdate, 'line'>;

const COLUMNS: Readonly<Record<string, FieldName>> = {
  invoice_id: 'invoiceId',
  supplier_siret: 'supplierSiret',
  invoice_number: 'invoiceNumber',
  status: 'status',
  reason: 'reason',
  reason_code: 'reasonCode',
  date: 'date',
};
const REQUIRED_COLUMNS = [
  'invoice_id',
  'supplier_siret',
  'invoice_number',
  'status',
  'reason',
  'date',
];

interface CsvRecord {
  readonly record: string[];
  readonly info: { readonly lines: number };
}

export function parseStatusUpdateCsv(source: Uint8Array | string): StatusUpdateFileResult {
  const decoded = decodeUtf8(source);
  if (decoded === undefined) {
    return { ok: false, issues: [statusIssueOf('STATUS_CSV_ENCODING_INVALID')] };
  }
  // csv-parse miscounts lines when a quoted value holds CRLF; with LF only its count is exact.
  const text = decoded.replace(/\r\n?/g, '\n');
  const skipped: StatusUpdateLineResult[] = [];
  let records: CsvRecord[];
  try {
    const parsed: unknown = parse(text, {
      delimiter: guessDelimiter(text),
      bom: true,
      info: true,
      // Without it one stray quote swallows every later record; with it the quote stays in
      // the value, which then fails its own field check on that line only.
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_error: true,
      on_skip: (error) => {
        skipped.push(malformedLine(error));
        return undefined;
      },
    });
    records = asCsvRecords(parsed);
  } catch (error) {
    if (error instanceof CsvError) {
      return { ok: false, issues: [malformedIssue(error)] };
    }
    throw error;
  }
  const [header, ...rows] = records;
  if (header === undefined) {
    return { ok: false, issues: [statusIssueOf('STATUS_UPDATE_EMPTY')] };
  }
  const columns = readHeader(header);
  if (!Array.isArray(columns)) {
    return { ok: false, issues: [columns] };
  }
  const lines = [...rows.map((row) => readRow(row, columns)), ...skipped];
  if (lines.length === 0) {
    return { ok: false, issues: [statusIssueOf('STATUS_UPDATE_EMPTY')] };
  }
  return { ok: true, lines: lines.sort((a, b) => a.line - b.line) };
}

function readHeader(header: CsvRecord): FieldName[] | ValidationIssue {
  const names = header.record.map((name) => name.trim().toLowerCase());
  const fields = names.map((name) => (Object.hasOwn(COLUMNS, name) ? COLUMNS[name] : undefined));
  const unique = new Set(names).size === names.length;
  const complete = REQUIRED_COLUMNS.every((name) => names.includes(name));
  if (!fields.every((field) => field !== undefined) || !unique || !complete) {
    return statusIssueOf('STATUS_CSV_HEADER_INVALID', { line: startLine(header) });
  }
  return fields;
}

function readRow(row: CsvRecord, columns: readonly FieldName[]): StatusUpdateLineResult {
  const line = startLine(row);
  const fields: { -readonly [K in FieldName]?: string } = {};
  columns.forEach((field, index) => {
    fields[field] = row.record[index];
  });
  const issues =
    row.record.length === columns.length
      ? []
      : [
          statusIssueOf('STATUS_CSV_MALFORMED', {
            line,
            message: `The record has ${row.record.length} columns; the header has ${columns.length}.`,
          }),
        ];
  return checkStatusUpdate({ line, ...fields }, issues);
}

/** csv-parse counts the line where a record ends; quoted values may span several lines. */
function startLine(row: CsvRecord): number {
  const breaks = row.record.reduce((sum, value) => sum + (value.match(/\n/g)?.length ?? 0), 0);
  return row.info.lines - breaks;
}

function malformedLine(error: CsvError | undefined): StatusUpdateLineResult {
  const issue = error === undefined ? statusIssueOf('STATUS_CSV_MALFORMED') : malformedIssue(error);
  return { ok: false, line: issue.line ?? 0, reference: {}, issues: [issue] };
}

function malformedIssue(error: CsvError): ValidationIssue {
  const { lines } = error as { lines?: unknown };
  return statusIssueOf('STATUS_CSV_MALFORMED', {
    message: `The CSV record cannot be read: ${error.message}`,
    ...(typeof lines === 'number' ? { line: lines } : {}),
  });
}

/** Spreadsheets in France export with `;`; a header without one is taken as comma-separated. */
function guessDelimiter(text: string): string {
  const firstLine = text.split('\n', 1)[0] ?? '';
  return firstLine.includes(';') ? ';' : ',';
}

/** With `info: true` csv-parse wraps each record, which its typings do not say. */
function asCsvRecords(parsed: unknown): CsvRecord[] {
  if (Array.isArray(parsed) && parsed.every(isCsvRecord)) {
    return parsed;
  }
  throw new Error('csv-parse returned records without their info');
}

function isCsvRecord(value: unknown): value is CsvRecord {
  if (typeof value !== 'object' || value === null) {
    return false;
  }
  const { record, info } = value as { record?: unknown; info?: { lines?: unknown } };
  return (
    Array.isArray(record) &&
    record.every((field) => typeof field === 'string') &&
    typeof info?.lines === 'number'
  );
}

function decodeUtf8(source: Uint8Array | string): string | undefined {
  if (typeof source === 'string') {
    return source;
  }
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(source);
  } catch {
    return undefined;
  }
}
