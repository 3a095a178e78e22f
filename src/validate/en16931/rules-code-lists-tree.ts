/**
 * The BR-CL rules whose official contexts can sit anywhere in the document (any party
 * identifier, any note, any attachment), checked in one walk over the element tree rather
 * than through the model: BR-CL-07, 08, 10, 11, 14, 24 and 26. Each follows its own syntax's
 * artefact, including which rule of the single code-list pattern claims a node first.
 */
import {
  textOf,
  xpathOfChain,
  type InvoiceSyntax,
  type XmlTreeElement,
} from '../../formats/index.js';
import { isListed, listText } from './code-sets.js';
import type { ReportFailure } from './rule-collector.js';
import { normalizeText } from './xpath-helpers.js';

const MIME_CODES: ReadonlySet<string> = new Set([
  'application/pdf',
  'image/png',
  'image/jpeg',
  'text/csv',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  'application/vnd.oasis.opendocument.spreadsheet',
]);

/** The ISO 6523 ICD list the party identifier rules share (also BR-CL-21's). */
const ICD_RULE = 'BR-CL-21';

type Check = (chain: readonly XmlTreeElement[], report: Reporter) => void;
type Reporter = (rule: string) => void;

export function checkCodeListTreeRules(
  tree: XmlTreeElement,
  syntax: InvoiceSyntax,
  report: ReportFailure,
): void {
  const check = syntax === 'ubl' ? checkUblElement : checkCiiElement;
  const chain: XmlTreeElement[] = [];
  const reportHere: Reporter = (rule) => {
    report(rule, { line: chain[chain.length - 1]?.line ?? 1, xpath: xpathOfChain(chain) });
  };
  const visit = (element: XmlTreeElement): void => {
    chain.push(element);
    check(chain, reportHere);
    for (const child of element.children) visit(child);
    chain.pop();
  };
  visit(tree);
}

function hasAncestor(chain: readonly XmlTreeElement[], name: string): boolean {
  for (let index = chain.length - 2; index >= 0; index -= 1) {
    if (chain[index]?.name === name) return true;
  }
  return false;
}

function isIcd(syntax: InvoiceSyntax, scheme: string): boolean {
  return isListed(syntax, ICD_RULE, normalizeText(scheme));
}

function checkMime(element: XmlTreeElement, report: Reporter): void {
  const mime = element.attributes['mimeCode'];
  if (mime !== undefined && !MIME_CODES.has(mime)) report('BR-CL-24');
}

const checkUblElement: Check = (chain, report) => {
  const element = chain[chain.length - 1];
  const parent = chain[chain.length - 2];
  if (element === undefined || parent === undefined) return;
  const scheme = element.attributes['schemeID'];
  switch (element.name) {
    case 'cbc:ID': {
      if (scheme === undefined) return;
      const isReference =
        parent.name === 'cac:AdditionalDocumentReference' ||
        parent.name === 'cac:DocumentReference';
      if (isReference) {
        const isObject = parent.children.some(
          (child) => child.name === 'cbc:DocumentTypeCode' && textOf(child) === '130',
        );
        if (isObject && !isListed('ubl', 'BR-CL-07', normalizeText(scheme))) report('BR-CL-07');
      } else if (parent.name === 'cac:PartyIdentification') {
        const isSepa =
          normalizeText(scheme) === 'SEPA' &&
          (hasAncestor(chain, 'cac:AccountingSupplierParty') ||
            hasAncestor(chain, 'cac:PayeeParty'));
        if (!isIcd('ubl', scheme) && !isSepa) report('BR-CL-10');
      } else if (parent.name === 'cac:DeliveryLocation') {
        if (!isIcd('ubl', scheme)) report('BR-CL-26');
      }
      return;
    }
    case 'cbc:CompanyID':
      if (scheme !== undefined && parent.name === 'cac:PartyLegalEntity' && !isIcd('ubl', scheme))
        report('BR-CL-11');
      return;
    case 'cbc:EmbeddedDocumentBinaryObject':
      checkMime(element, report);
      return;
    case 'cbc:IdentificationCode':
      if (
        parent.name === 'cac:Country' &&
        !isListed('ubl', 'BR-CL-14', normalizeText(textOf(element)))
      )
        report('BR-CL-14');
      return;
    case 'cbc:Note':
      if (chain.length === 2 && !isListedSubjectCode(textOf(element))) report('BR-CL-08');
      return;
    default:
      return;
  }
};

/**
 * UBL BR-CL-08: a note whose text holds `#XXX#` (three characters between the first two
 * hashes) must name a subject code; the list is searched without delimiters, as the artefact
 * does.
 */
function isListedSubjectCode(note: string): boolean {
  const first = note.indexOf('#');
  if (first < 0) return true;
  const rest = note.slice(first + 1);
  const second = rest.indexOf('#');
  const code = second < 0 ? '' : rest.slice(0, second);
  if (code.length !== 3) return true;
  return listText('ubl', 'BR-CL-08').includes(code);
}

const checkCiiElement: Check = (chain, report) => {
  const element = chain[chain.length - 1];
  const parent = chain[chain.length - 2];
  if (element === undefined || parent === undefined) return;
  const scheme = element.attributes['schemeID'];
  switch (element.name) {
    case 'ram:ReferenceTypeCode':
      if (!isListed('cii', 'BR-CL-07', normalizeText(textOf(element)))) report('BR-CL-07');
      return;
    case 'ram:SubjectCode':
      if (!isListed('cii', 'BR-CL-08', normalizeText(textOf(element)))) report('BR-CL-08');
      return;
    case 'ram:GlobalID': {
      if (scheme === undefined) return;
      const inProduct = hasAncestor(chain, 'ram:SpecifiedTradeProduct');
      const inShipTo = hasAncestor(chain, 'ram:ShipToTradeParty');
      if (!inProduct && !inShipTo) {
        if (!isIcd('cii', scheme)) report('BR-CL-10');
        return;
      }
      // Product identifiers are BR-CL-21's (read through the model); the delivery party's
      // own GlobalID is BR-CL-26's; any other is claimed by no rule of the pattern.
      const isShipToParty =
        parent.name === 'ram:ShipToTradeParty' &&
        chain[chain.length - 3]?.name === 'ram:ApplicableHeaderTradeDelivery';
      if (isShipToParty && !isIcd('cii', scheme)) report('BR-CL-26');
      return;
    }
    case 'ram:ID':
      if (scheme !== undefined && !hasAncestor(chain, 'ram:SpecifiedTaxRegistration')) {
        if (!isIcd('cii', scheme)) report('BR-CL-11');
      }
      return;
    case 'ram:AttachmentBinaryObject':
      checkMime(element, report);
      return;
    case 'ram:CountryID':
      if (!isListed('cii', 'BR-CL-14', normalizeText(textOf(element)))) report('BR-CL-14');
      return;
    default:
      return;
  }
};
