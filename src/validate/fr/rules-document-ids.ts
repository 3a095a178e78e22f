import { normalizeSpace, type InvoiceModel, type SourceValue } from '../../formats/index.js';
import type { ReportFrFailure } from './fr-collector.js';
import { isValidIdFormat, stringLength } from './id-format.js';

const MAX_ID_LENGTH = 35;

/** The document types of the reform (UNTDID 1001 subset), BR-FR-04. */
export const FR_DOCUMENT_TYPE_CODES: ReadonlySet<string> = new Set([
  '380', '389', '393', '501', '386', '500', '384', '471',
  '472', '473', '261', '262', '381', '396', '502', '503',
]); // prettier-ignore

const CORRECTIVE_TYPE_CODES: ReadonlySet<string> = new Set(['384', '471', '472', '473']);

/** BR-FR-01, BR-FR-02, BR-FR-04, BR-FR-CO-04: invoice numbers, references and type codes. */
export function checkDocumentIdRules(model: InvoiceModel, report: ReportFrFailure): void {
  const identifiers: [string, SourceValue][] = [];
  if (model.number !== undefined) identifiers.push(['invoice number (BT-1)', model.number]);
  for (const reference of model.precedingInvoices) {
    if (reference.id !== undefined) {
      identifiers.push(['preceding invoice reference (BT-25)', reference.id]);
    }
  }
  for (const [label, value] of identifiers) checkIdentifier(model, label, value, report);

  const typeCodes: [string, SourceValue][] = [];
  if (model.typeCode !== undefined) typeCodes.push(['invoice type code (BT-3)', model.typeCode]);
  for (const reference of model.precedingInvoices) {
    if (reference.typeCode !== undefined) {
      typeCodes.push(['type code of the preceding invoice (EXT-FR-FE-02)', reference.typeCode]);
    }
  }
  for (const [label, value] of typeCodes) {
    if (!FR_DOCUMENT_TYPE_CODES.has(value.text)) {
      report(
        'BR-FR-04',
        value,
        `The ${label} "${value.text}" is not one of the document types of the French reform: ${[...FR_DOCUMENT_TYPE_CODES].join(', ')}.`,
      );
    }
  }
  // UBL reads cbc:InvoiceTypeCode only, so a UBL CreditNote never triggers the rule.
  const correctiveCode = model.kind === 'credit-note' ? undefined : model.typeCode?.text;
  const references = model.precedingInvoices.length;
  if (
    correctiveCode !== undefined &&
    CORRECTIVE_TYPE_CODES.has(correctiveCode) &&
    references !== 1
  ) {
    report(
      'BR-FR-CO-04',
      model.typeCode,
      `A corrective invoice (BT-3 = ${correctiveCode}) must reference exactly one preceding invoice (BG-3); it references ${references}.`,
    );
  }
}

function checkIdentifier(
  model: InvoiceModel,
  label: string,
  value: SourceValue,
  report: ReportFrFailure,
): void {
  const length = stringLength(value);
  const isWellFormed = isValidIdFormat(value);
  // The UBL Schematron checks length and format under BR-FR-01, the CII one length only.
  const failsRule01 = length > MAX_ID_LENGTH || (model.syntax === 'ubl' && !isWellFormed);
  if (failsRule01) {
    report(
      'BR-FR-01',
      value,
      length > MAX_ID_LENGTH
        ? `The ${label} "${normalizeSpace(value)}" has ${length} characters; the French reform allows at most ${MAX_ID_LENGTH}.`
        : `The ${label} "${value.text}" holds characters the French reform does not allow (letters, digits and + - _ / only, no spaces).`,
    );
  }
  if (!isWellFormed) {
    report(
      'BR-FR-02',
      value,
      `The ${label} "${value.text}" must consist of letters, digits and the characters + - _ / only, without spaces.`,
    );
  }
}
