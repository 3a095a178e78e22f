import fc from 'fast-check';
import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { applyTransition, renderStatusXml } from '../../../src/status/index.js';
import { STATUS_NAMESPACE } from '../../../src/status/render-status-xml.js';
import { parseStatusUpdateCsv } from '../../../src/status/parse-status-update-csv.js';
import { parseStatusUpdateXml } from '../../../src/status/parse-status-update-xml.js';
import { SUSPENSION } from './notification-fixture.js';

// eslint-disable-next-line no-control-regex -- the characters XML 1.0 cannot carry
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;

function reasonReadBack(xml: string): string | undefined {
  const doc = XmlDocument.fromString(xml);
  try {
    return doc.get('/s:StatusNotification/s:Reason', { s: STATUS_NAMESPACE })?.content;
  } finally {
    doc.dispose();
  }
}

describe('properties', () => {
  it('any reason survives rendering, except characters XML cannot carry', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (reason) => {
        const expected = reason.replace(NOT_IN_XML, '\uFFFD');
        expect(reasonReadBack(renderStatusXml({ ...SUSPENSION, reason }))).toBe(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('applyTransition answers every input without throwing', () => {
    const status = fc.oneof(
      fc.constantFrom('DEPOSEE', 'MISE_A_DISPOSITION', 'SUSPENDUE', 'REJETEE', 'MANDATEE'),
      fc.string(),
    );
    fc.assert(
      fc.property(
        fc.option(status),
        status,
        fc.string(),
        fc.option(fc.string()),
        (from, to, actor, reason) => {
          const result = applyTransition(from, to, { actor, reason: reason ?? undefined });
          expect(result.ok || result.issue.code.startsWith('STATUS_')).toBe(true);
        },
      ),
    );
  });

  it('the parsers answer every input with results, never an exception', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(typeof parseStatusUpdateCsv(bytes).ok).toBe('boolean');
        expect(typeof parseStatusUpdateXml(bytes).ok).toBe('boolean');
      }),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('a', ';', '"', '\n', '\r', 'MANDATEE', '2026-01-05', 'A1', ','), {
          maxLength: 60,
        }),
        (parts) => {
          const csv = `invoice_id;supplier_siret;invoice_number;status;reason;date\n${parts.join('')}`;
          const result = parseStatusUpdateCsv(csv);
          if (result.ok) {
            const lines = result.lines.map((line) => line.line);
            expect(lines).toEqual([...lines].sort((a, b) => a - b));
            expect(lines.every((line) => line >= 2)).toBe(true);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
