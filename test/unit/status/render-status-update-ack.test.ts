import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import {
  ackLineOf,
  applyTransition,
  renderStatusUpdateAckJson,
  renderStatusUpdateAckXml,
  type StatusUpdateAck,
} from '../../../src/status/index.js';
import {
  STATUS_UPDATE_ACK_NAMESPACE,
  buildStatusUpdateAck,
} from '../../../src/status/render-status-update-ack.js';
import { parseStatusUpdateCsv } from '../../../src/status/parse-status-update-csv.js';
import { parseStatusUpdateXml } from '../../../src/status/parse-status-update-xml.js';
import { readRepoFile } from './xsd-check.js';

const FILE = {
  fileName: 'statuts.csv',
  format: 'csv',
  receivedAt: '2026-11-22T10:00:00Z',
} as const;

interface AckJson {
  result: { status: string; lines: number; accepted: number; rejected: number };
  fileIssues: { code: string }[];
  lines: {
    line: number;
    result: string;
    reference: Record<string, string>;
    issues: { code: string; line?: number }[];
  }[];
}

function xpathValues(xml: string, xpath: string): string[] {
  const doc = XmlDocument.fromString(xml);
  try {
    return doc.find(xpath, { a: STATUS_UPDATE_ACK_NAMESPACE }).map((node) => node.content);
  } finally {
    doc.dispose();
  }
}

describe('status update acknowledgement', () => {
  it('acknowledges each line of a partly bad file, XML and JSON saying the same', () => {
    const ack = buildStatusUpdateAck(
      FILE,
      parseStatusUpdateCsv(readRepoFile('fixtures/status/status-update-mixed.csv')),
    );
    const json = JSON.parse(renderStatusUpdateAckJson(ack)) as AckJson;
    expect(json.result).toEqual({
      status: 'PARTIALLY_ACCEPTED',
      lines: 8,
      accepted: 2,
      rejected: 6,
    });
    expect(json.lines.map((line) => [line.line, line.result])).toEqual([
      [2, 'ACCEPTED'],
      [3, 'REJECTED'],
      [4, 'REJECTED'],
      [5, 'REJECTED'],
      [6, 'REJECTED'],
      [7, 'REJECTED'],
      [9, 'REJECTED'],
      [10, 'ACCEPTED'],
    ]);
    expect(json.lines[1]?.issues).toEqual([
      expect.objectContaining({ code: 'STATUS_REASON_REQUIRED', line: 3 }),
    ]);

    const xml = renderStatusUpdateAckXml(ack);
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Result/@status')).toEqual(['PARTIALLY_ACCEPTED']);
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Line/@number')).toEqual(
      json.lines.map((line) => String(line.line)),
    );
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Line/@result')).toEqual(
      json.lines.map((line) => line.result),
    );
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Line/a:Issue/@code')).toEqual(
      json.lines.flatMap((line) => line.issues.map((issue) => issue.code)),
    );
    expect(
      xpathValues(xml, '/a:StatusUpdateAck/a:Line[@number="3"]/a:Reference/@invoiceId'),
    ).toEqual(['INV-2026-000043']);
  });

  it('merges what applying a line found later, accepting warnings', () => {
    const parsed = parseStatusUpdateXml(readRepoFile('fixtures/status/status-update-valid.xml'));
    if (!parsed.ok) {
      throw new Error('fixture refused');
    }
    const [first, second, third] = parsed.lines;
    if (first === undefined || second === undefined || third === undefined) {
      throw new Error('fixture changed');
    }
    const replayed = applyTransition('SERVICE_FAIT', 'SERVICE_FAIT', { actor: 'entity' });
    const illegal = applyTransition('MANDATEE', 'SUSPENDUE', { actor: 'entity', reason: 'x' });
    const ack: StatusUpdateAck = {
      ...FILE,
      format: 'xml',
      fileIssues: [],
      lines: [
        ackLineOf(third),
        ackLineOf(first, replayed.ok ? [] : [replayed.issue]),
        ackLineOf(second, illegal.ok ? [] : [illegal.issue]),
      ],
    };
    const json = JSON.parse(renderStatusUpdateAckJson(ack)) as AckJson;
    expect(
      json.lines.map((line) => [line.line, line.result, line.issues.map((issue) => issue.code)]),
    ).toEqual([
      [3, 'ACCEPTED', ['STATUS_UNCHANGED']],
      [8, 'REJECTED', ['STATUS_TRANSITION_ILLEGAL']],
      [15, 'ACCEPTED', []],
    ]);
    expect(json.result.status).toBe('PARTIALLY_ACCEPTED');
  });

  it('rejects an unreadable file with file-level issues and no lines', () => {
    const ack = buildStatusUpdateAck(FILE, parseStatusUpdateCsv('nope\n1\n'));
    const json = JSON.parse(renderStatusUpdateAckJson(ack)) as AckJson;
    expect(json.result).toEqual({ status: 'REJECTED', lines: 0, accepted: 0, rejected: 0 });
    expect(json.fileIssues.map((issue) => issue.code)).toEqual(['STATUS_CSV_HEADER_INVALID']);
    const xml = renderStatusUpdateAckXml(ack);
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:FileIssue/@code')).toEqual([
      'STATUS_CSV_HEADER_INVALID',
    ]);
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Line')).toEqual([]);
  });

  it('is deterministic and escapes what partners wrote', () => {
    const csv =
      'invoice_id;supplier_siret;invoice_number;status;reason;date\n;12345678200010;"<FA&1>";"A\u0001";;2026-01-05\n';
    const ack = buildStatusUpdateAck(FILE, parseStatusUpdateCsv(csv));
    const xml = renderStatusUpdateAckXml(ack);
    expect(renderStatusUpdateAckXml(structuredClone(ack))).toBe(xml);
    expect(renderStatusUpdateAckJson(structuredClone(ack))).toBe(renderStatusUpdateAckJson(ack));
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Line/a:Reference/@invoiceNumber')).toEqual([
      '<FA&1>',
    ]);
    expect(xpathValues(xml, '/a:StatusUpdateAck/a:Line/a:Reference/@status')).toEqual(['A\uFFFD']);
  });
});
