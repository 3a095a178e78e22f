import { readFileSync } from 'node:fs';
import path from 'node:path';
import { XmlDocument, XmlValidateError, XsdValidator } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ACK_NAMESPACE,
  ackBaseName,
  buildAcknowledgement,
  buildDuplicateAcknowledgement,
  renderAckJson,
  renderAckXml,
  type Acknowledgement,
} from '../../../src/ack/index.js';
import { issueOf, type ValidationIssue } from '../../../src/errors/index.js';
import { REPO_ROOT } from '../../support/paths.js';
import { flowRecord, invoiceRecord } from '../../support/unit-ack-records.js';

const XSD = path.join(REPO_ROOT, 'schemas', 'passerelle-ack-1.0.xsd');
const NS = { a: ACK_NAMESPACE };
const HOSTILE =
  'a < b && c > d "quoted" \'single\' ]]> </Issue><x/> \u0001\u0008\u000B\u001F 🧾💶 end';

/** Characters below U+0020 that XML 1.0 cannot carry (all but tab, newline, carriage return). */
function isControl(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d;
}

function ackOf(...args: Parameters<typeof buildAcknowledgement>): Acknowledgement {
  const ack = buildAcknowledgement(...args);
  if (!ack) throw new Error('flow not settled');
  return ack;
}

function hostileIssue(overrides: Partial<ValidationIssue> = {}): ValidationIssue {
  return {
    ...issueOf('XML_MALFORMED', {
      message: `The XML is not well-formed: ${HOSTILE}`,
      line: 3,
      column: 17,
      xpath: '/ubl:Invoice/cbc:Note[1]="<&>"',
    }),
    ...overrides,
  };
}

const ACKS: Readonly<Record<string, Acknowledgement>> = {
  'all accepted': ackOf(flowRecord({ syntax: 'ubl-invoice', fileName: 'invoice.xml' }), [
    invoiceRecord(1, 'DELIVERED', { recipientSiret: '11000201100044' }),
  ]),
  'rejected file, no invoices': ackOf(
    flowRecord({ syntax: undefined, issues: [issueOf('FILE_EMPTY')] }),
    [],
  ),
  'mixed with optional fields absent': ackOf(flowRecord({ syntax: 'cii' }), [
    invoiceRecord(1, 'DELIVERED'),
    invoiceRecord(2, 'REJECTED', {
      keys: {},
      issues: [issueOf('ROUTE_BUYER_SIRET_MISSING'), issueOf('ROUTE_RECIPIENT_UNKNOWN')],
    }),
    invoiceRecord(3, 'INCIDENT', { issues: [issueOf('ROUTE_RECIPIENT_NO_ACCOUNT')] }),
  ]),
  'hostile text everywhere': ackOf(
    flowRecord({
      fileName: `facture ${HOSTILE}.xml`,
      account: `acme ${HOSTILE}`,
      issues: [{ ...hostileIssue(), severity: 'warning' }],
    }),
    [
      invoiceRecord(1, 'REJECTED', {
        id: `id-${HOSTILE}`,
        sourceName: `../../${HOSTILE}.xml`,
        keys: {
          number: `N°${HOSTILE}`,
          issueDate: HOSTILE,
          buyerSiret: HOSTILE,
          serviceCode: HOSTILE,
          commitmentNumber: HOSTILE,
        },
        issues: [hostileIssue(), hostileIssue({ rule: `BR-${HOSTILE}`, code: HOSTILE })],
      }),
      invoiceRecord(2, 'DELIVERED', { sourceName: '\uD800 lone surrogate \uDFFF' }),
    ],
  ),
};

describe('renderAckXml', () => {
  let schemaDoc: XmlDocument;
  let validator: XsdValidator;

  beforeAll(() => {
    xmlRegisterFsInputProviders();
    schemaDoc = XmlDocument.fromBuffer(readFileSync(XSD), { url: XSD });
    validator = XsdValidator.fromDoc(schemaDoc);
  });

  afterAll(() => {
    validator.dispose();
    schemaDoc.dispose();
  });

  function validationErrors(xml: string): string[] {
    const doc = XmlDocument.fromString(xml);
    try {
      validator.validate(doc);
      return [];
    } catch (error) {
      if (error instanceof XmlValidateError) {
        return error.details.map((detail) => `${detail.line}: ${detail.message.trim()}`);
      }
      throw error;
    } finally {
      doc.dispose();
    }
  }

  function readBack(xml: string, xpath: string): string | undefined {
    const doc = XmlDocument.fromString(xml);
    try {
      return doc.get(xpath, NS)?.content;
    } finally {
      doc.dispose();
    }
  }

  function readAll(xml: string, xpath: string): string[] {
    const doc = XmlDocument.fromString(xml);
    try {
      return doc.find(xpath, NS).map((node) => node.content);
    } finally {
      doc.dispose();
    }
  }

  it.each(Object.entries(ACKS))('validates against the ack schema: %s', (_label, ack) => {
    expect(validationErrors(renderAckXml(ack))).toEqual([]);
  });

  it('names the original of an exact resend, valid against the schema', () => {
    const original = ACKS['all accepted'] as Acknowledgement;
    const resend = flowRecord({
      id: '20261124-ffffffffffffffff',
      fileName: 'again.xml',
      issues: [issueOf('FLOW_DUPLICATE')],
    });
    const ack = buildDuplicateAcknowledgement(resend, original);
    const xml = renderAckXml(ack);
    expect(validationErrors(xml)).toEqual([]);
    expect(readBack(xml, '/a:Acknowledgement/a:DuplicateOf')).toBe(original.flowId);
    expect(readBack(xml, '/a:Acknowledgement/a:State')).toBe(original.state);
    expect(JSON.parse(renderAckJson(ack))).toMatchObject({
      flowId: resend.id,
      duplicateOf: original.flowId,
      invoices: JSON.parse(JSON.stringify(original.invoices)) as unknown,
    });
    expect(renderAckXml(original)).not.toContain('DuplicateOf');
  });

  it('is rejected by the schema when broken, so the validation is real', () => {
    const xml = renderAckXml(ACKS['all accepted'] as Acknowledgement).replace(
      '<State>IN_INTEGRE</State>',
      '<State>OK</State>',
    );
    expect(validationErrors(xml).length).toBeGreaterThan(0);
  });

  it('is deterministic: the same registry records render the same bytes twice', () => {
    const flow = flowRecord({ issues: [hostileIssue({ severity: 'warning' })] });
    const invoices = [invoiceRecord(1, 'DELIVERED'), invoiceRecord(2, 'REJECTED')];
    const first = ackOf(flow, invoices);
    const second = ackOf(structuredClone(flow), structuredClone(invoices));
    expect(renderAckXml(second)).toBe(renderAckXml(first));
    expect(renderAckJson(second)).toBe(renderAckJson(first));
  });

  it('escapes hostile text so that it reads back, control characters replaced', () => {
    const ack = ACKS['hostile text everywhere'] as Acknowledgement;
    const xml = renderAckXml(ack);
    const readable = Array.from(HOSTILE)
      .map((char) => (isControl(char) ? '\uFFFD' : char))
      .join('');
    expect(readBack(xml, '/a:Acknowledgement/a:FileName')).toBe(`facture ${readable}.xml`);
    expect(readBack(xml, '/a:Acknowledgement/a:SupplierAccount')).toBe(`acme ${readable}`);
    expect(readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice[1]/@id')).toBe(`id-${readable}`);
    expect(readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice[1]/a:Number')).toBe(
      `N°${readable}`,
    );
    expect(
      readAll(xml, '/a:Acknowledgement/a:Invoices/a:Invoice[1]/a:Issues/a:Issue').map((text) =>
        text.endsWith(readable),
      ),
    ).toEqual([true, true]);
    expect(
      readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice[1]/a:Issues/a:Issue[2]/@code'),
    ).toBe(readable);
    expect(readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice[2]/a:SourceName')).toBe(
      '\uFFFD lone surrogate \uFFFD',
    );
    expect(xml).toContain('🧾💶');
    expect(Array.from(xml).filter(isControl)).toEqual([]);
  });

  it('leaves absent optional values out instead of writing them empty', () => {
    const xml = renderAckXml(ACKS['rejected file, no invoices'] as Acknowledgement);
    expect(xml).not.toContain('<Syntax');
    expect(xml).not.toContain('<Invoices');
    expect(readBack(xml, '/a:Acknowledgement/a:Issues/a:Issue/@code')).toBe('FILE_EMPTY');
    const mixed = renderAckXml(ACKS['mixed with optional fields absent'] as Acknowledgement);
    expect(readAll(mixed, '/a:Acknowledgement/a:Invoices/a:Invoice[2]/*')).toHaveLength(3);
    expect(mixed).not.toMatch(/<(\w+)><\/\1>/);
  });

  it('has the same data as its JSON twin', () => {
    for (const [label, ack] of Object.entries(ACKS)) {
      if (label === 'hostile text everywhere') continue;
      const xml = renderAckXml(ack);
      const json = JSON.parse(renderAckJson(ack)) as Acknowledgement;
      expect(json, label).toEqual(JSON.parse(JSON.stringify(ack)));
      const root = '/a:Acknowledgement';
      expect(readBack(xml, `${root}/a:FlowId`)).toBe(json.flowId);
      expect(readBack(xml, `${root}/a:FileName`)).toBe(json.fileName);
      expect(readBack(xml, `${root}/a:Sha256`)).toBe(json.sha256);
      expect(Number(readBack(xml, `${root}/a:SizeBytes`))).toBe(json.sizeBytes);
      expect(readBack(xml, `${root}/a:SupplierAccount`)).toBe(json.supplierAccount);
      expect(readBack(xml, `${root}/a:ReceivedAt`)).toBe(json.receivedAt);
      expect(readBack(xml, `${root}/a:AcknowledgedAt`)).toBe(json.acknowledgedAt);
      expect(readBack(xml, `${root}/a:Syntax`)).toBe(json.syntax);
      expect(readBack(xml, `${root}/a:State`)).toBe(json.state);
      for (const key of ['invoices', 'accepted', 'rejected', 'incidents'] as const) {
        expect(Number(readBack(xml, `${root}/a:Counts/@${key}`))).toBe(json.counts[key]);
      }
      expect(readAll(xml, `${root}/a:Issues/a:Issue/@code`)).toEqual(
        json.issues.map((issue) => issue.code),
      );
      expect(readAll(xml, `${root}/a:Invoices/a:Invoice/@id`)).toEqual(
        json.invoices.map((invoice) => invoice.invoiceId),
      );
      json.invoices.forEach((invoice, index) => {
        const at = `${root}/a:Invoices/a:Invoice[${index + 1}]`;
        expect(Number(readBack(xml, `${at}/@seq`))).toBe(invoice.seq);
        expect(readBack(xml, `${at}/a:SourceName`)).toBe(invoice.sourceName);
        expect(readBack(xml, `${at}/a:Number`)).toBe(invoice.number);
        expect(readBack(xml, `${at}/a:IssueDate`)).toBe(invoice.issueDate);
        expect(readBack(xml, `${at}/a:RecipientSiret`)).toBe(invoice.recipientSiret);
        expect(readBack(xml, `${at}/a:ServiceCode`)).toBe(invoice.serviceCode);
        expect(readBack(xml, `${at}/a:CommitmentNumber`)).toBe(invoice.commitmentNumber);
        expect(readBack(xml, `${at}/a:Result`)).toBe(invoice.result);
        expect(readAll(xml, `${at}/a:Issues/a:Issue`)).toEqual(
          invoice.issues.map((issue) => issue.message),
        );
      });
    }
  });

  it('carries hostile printable text in XML exactly as in JSON', () => {
    const text = 'a < b && c > d "q" \'s\' ]]> 🧾';
    const ack = ackOf(flowRecord({ fileName: text }), [
      invoiceRecord(1, 'REJECTED', { issues: [hostileIssue({ message: text })] }),
    ]);
    const json = JSON.parse(renderAckJson(ack)) as Acknowledgement;
    const xml = renderAckXml(ack);
    expect(readBack(xml, '/a:Acknowledgement/a:FileName')).toBe(json.fileName);
    expect(readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice/a:Issues/a:Issue')).toBe(
      json.invoices[0]?.issues[0]?.message,
    );
    expect(readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice/a:Issues/a:Issue/@xpath')).toBe(
      json.invoices[0]?.issues[0]?.xpath,
    );
  });

  // Acknowledgements and status files share one writer (src/xml): \r and, in attribute values,
  // \t and \n are written as character references, so the XML says what its JSON twin says.
  it('keeps carriage returns and attribute tabs/newlines as in JSON', () => {
    const ack = ackOf(flowRecord({ fileName: 'a\r\nb.xml' }), [
      invoiceRecord(1, 'REJECTED', { issues: [hostileIssue({ xpath: '/a\n\t/b' })] }),
    ]);
    const xml = renderAckXml(ack);
    expect(readBack(xml, '/a:Acknowledgement/a:FileName')).toBe('a\r\nb.xml');
    expect(readBack(xml, '/a:Acknowledgement/a:Invoices/a:Invoice/a:Issues/a:Issue/@xpath')).toBe(
      '/a\n\t/b',
    );
  });
});

describe('renderAckJson', () => {
  it('is pretty JSON ending with a newline, absent values left out', () => {
    const ack = ACKS['rejected file, no invoices'] as Acknowledgement;
    const json = renderAckJson(ack);
    expect(json.endsWith('}\n')).toBe(true);
    expect(json).not.toContain('"syntax"');
    expect(JSON.parse(json)).toMatchObject({ format: 'passerelle-ack/1.0', state: 'IN_REJETE' });
  });
});

describe('ackBaseName', () => {
  const flowId = '20261124-0123456789abcdef';

  it('keeps ordinary names', () => {
    expect(ackBaseName({ fileName: 'invoice-2026_01.xml', flowId })).toBe(
      `invoice-2026_01.xml.${flowId}.ack`,
    );
  });

  it.each([
    ['../../etc/passwd', '__.._etc_passwd'],
    ['..\\..\\x', '__.._x'],
    ['a/b\\c:d*e?f"g<h>i|j', 'a_b_c_d_e_f_g_h_i_j'],
    ['facture été.xml', 'facture__t_.xml'],
    ['.hidden', '_hidden'],
    ['--help.xml', '_help.xml'],
    ['-.-x.xml', '_x.xml'],
    ['...', '_'],
    ['a\u0000b\nc', 'a_b_c'],
    ['🧾.xml', '__.xml'],
  ])('makes %j safe', (fileName, expected) => {
    const base = ackBaseName({ fileName, flowId });
    expect(base).toBe(`${expected}.${flowId}.ack`);
  });

  it('never yields a path separator, a leading dot or an over-long name', () => {
    for (const fileName of ['../../x', '/abs', '.', '..', 'x'.repeat(500), 'é'.repeat(300)]) {
      const base = ackBaseName({ fileName, flowId });
      expect(base).not.toMatch(/[/\\\0]/);
      expect(base.startsWith('.')).toBe(false);
      expect(base.length).toBeLessThanOrEqual(100 + flowId.length + 5);
      expect(base.endsWith(`.${flowId}.ack`)).toBe(true);
    }
  });
});
