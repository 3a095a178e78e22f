import { describe, expect, it } from 'vitest';
import { readableXsdMessage } from '../../../src/validate/readable-xsd-message.js';

const CBC = 'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2';

describe('readableXsdMessage', () => {
  it('uses prefixed names instead of namespace URIs', () => {
    expect(
      readableXsdMessage(
        `Element '{${CBC}}IssueDate': '02/11/2026' is not a valid value of the atomic type 'xs:date'.`,
      ),
    ).toBe(
      "Element 'cbc:IssueDate': '02/11/2026' is not a valid value of the atomic type 'xs:date'.",
    );
  });

  it('says which element was expected where, in a short line', () => {
    const expected = ['IssueTime', 'DueDate', 'InvoiceTypeCode', 'Note', 'TaxPointDate']
      .map((name) => `{${CBC}}${name}`)
      .join(', ');
    const message = readableXsdMessage(
      `Element '{${CBC}}Remark': This element is not expected. Expected is one of ( ${expected} ).`,
      '/ubl:Invoice/cbc:Remark',
    );
    expect(message).toBe(
      'Element cbc:Remark is not allowed at this place in /ubl:Invoice: the schema expects one of cbc:IssueTime, cbc:DueDate, cbc:InvoiceTypeCode, cbc:Note, cbc:TaxPointDate here.',
    );
    expect(
      readableXsdMessage(
        `Element '{${CBC}}Remark': This element is not expected. Expected is ( {${CBC}}ID ).`,
      ),
    ).toBe('Element cbc:Remark is not allowed at this place: the schema expects cbc:ID here.');
  });

  it('keeps unknown namespaces as they are', () => {
    expect(readableXsdMessage("Element '{urn:x}A': no.")).toBe("Element '{urn:x}A': no.");
  });
});
