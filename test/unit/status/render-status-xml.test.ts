import { XmlDocument } from 'libxml2-wasm';
import { describe, expect, it } from 'vitest';
import { renderStatusXml } from '../../../src/status/index.js';
import { statusFileName } from '../../../src/status/file-name/index.js';
import { STATUS_NAMESPACE } from '../../../src/status/render-status-xml.js';
import { DEPOSIT, SUSPENSION } from './notification-fixture.js';
import { xsdErrors } from './xsd-check.js';

const SCHEMA = 'passerelle-status-1.0.xsd';

function readBack(xml: string, xpath: string): string | undefined {
  const doc = XmlDocument.fromString(xml);
  try {
    return doc.get(xpath, { s: STATUS_NAMESPACE })?.content;
  } finally {
    doc.dispose();
  }
}

describe('renderStatusXml', () => {
  it('writes notifications that conform to the status schema', () => {
    expect(xsdErrors(SCHEMA, renderStatusXml(SUSPENSION))).toEqual([]);
    expect(xsdErrors(SCHEMA, renderStatusXml(DEPOSIT))).toEqual([]);
  });

  it('is deterministic: the same notification gives the same bytes', () => {
    const first = renderStatusXml(SUSPENSION);
    expect(renderStatusXml(structuredClone(SUSPENSION))).toBe(first);
    expect(first.endsWith('</StatusNotification>\n')).toBe(true);
    expect(first).not.toContain('\r');
  });

  it('carries status, reform code, previous status, reason and who/when', () => {
    const xml = renderStatusXml(SUSPENSION);
    expect(readBack(xml, '/s:StatusNotification/s:SequenceNumber')).toBe('42');
    expect(readBack(xml, '/s:StatusNotification/s:Status')).toBe('SUSPENDUE');
    expect(readBack(xml, '/s:StatusNotification/s:Status/@reformCode')).toBe('208');
    expect(readBack(xml, '/s:StatusNotification/s:Status/@reformLabel')).toBe('Suspendue');
    expect(readBack(xml, '/s:StatusNotification/s:PreviousStatus')).toBe('MISE_A_DISPOSITION');
    expect(readBack(xml, '/s:StatusNotification/s:Reason/@code')).toBe('PJ_MANQUANTE');
    expect(readBack(xml, '/s:StatusNotification/s:ChangedBy/@actor')).toBe('entity');
    expect(readBack(xml, '/s:StatusNotification/s:ChangedAt')).toBe('2026-11-21T09:30:00+01:00');
  });

  it('escapes partner text so that it reads back unchanged', () => {
    const xml = renderStatusXml(SUSPENSION);
    expect(readBack(xml, '/s:StatusNotification/s:Supplier/s:Name')).toBe('ACME & Fils <SAS>');
    expect(readBack(xml, '/s:StatusNotification/s:Recipient/s:Name')).toBe('Commune "exemple"');
    expect(readBack(xml, '/s:StatusNotification/s:Reason')).toBe(SUSPENSION.reason);
    const hostile = renderStatusXml({
      ...SUSPENSION,
      reason: 'a\u0000b\r\nc ]]> </Reason><x/>',
      changedBy: { actor: 'entity', name: 'x"/><evil a="' },
    });
    expect(xsdErrors(SCHEMA, hostile)).toEqual([]);
    expect(readBack(hostile, '/s:StatusNotification/s:Reason')).toBe(
      'a\uFFFDb\r\nc ]]> </Reason><x/>',
    );
    expect(readBack(hostile, '/s:StatusNotification/s:ChangedBy/@name')).toBe('x"/><evil a="');
  });

  it('leaves optional elements out rather than writing them empty', () => {
    const xml = renderStatusXml(DEPOSIT);
    for (const element of ['PreviousStatus', 'Reason', 'InvoiceIssueDate', 'ServiceCode', 'Name']) {
      expect(xml).not.toContain(`<${element}`);
    }
  });
});

describe('statusFileName', () => {
  it('pads the per-account sequence so that names sort in order', () => {
    expect(statusFileName(SUSPENSION, 'xml')).toBe('STATUS_0000000042_INV-2026-000042.xml');
    expect(statusFileName(SUSPENSION, 'cdar')).toBe('STATUS_0000000042_INV-2026-000042.cdar.xml');
    const names = [9, 10, 100, 2].map((sequence) =>
      statusFileName({ sequence, invoiceId: 'A' }, 'xml'),
    );
    expect([...names].sort()).toEqual(
      [2, 9, 10, 100].map((s) => `STATUS_${String(s).padStart(10, '0')}_A.xml`),
    );
  });

  it('refuses what would make an unsafe or ambiguous name', () => {
    for (const sequence of [0, -1, 1.5, Number.NaN, 10 ** 10]) {
      expect(() => statusFileName({ sequence, invoiceId: 'A' }, 'xml')).toThrow(RangeError);
    }
    for (const invoiceId of ['', '../x', 'a/b', '..', 'a b', 'x'.repeat(65)]) {
      expect(() => statusFileName({ sequence: 1, invoiceId }, 'xml')).toThrow(RangeError);
    }
  });
});
