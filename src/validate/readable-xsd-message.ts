/**
 * libxml2's schema messages name elements as `{namespace URI}local` (lines of ~900 characters
 * on UBL). Partners read prefixed names: the prefixes of the official specifications, the
 * ones the acknowledgement's XPaths use.
 */
const PREFIXES: Readonly<Record<string, string>> = {
  'urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2': 'cbc',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2': 'cac',
  'urn:oasis:names:specification:ubl:schema:xsd:CommonExtensionComponents-2': 'ext',
  'urn:oasis:names:specification:ubl:schema:xsd:Invoice-2': 'ubl',
  'urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2': 'cn',
  'urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100': 'rsm',
  'urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100': 'ram',
  'urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100': 'udt',
  'urn:un:unece:uncefact:data:standard:QualifiedDataType:100': 'qdt',
};

const QUALIFIED_NAME = /\{([^}]*)\}([A-Za-z_][\w.-]*)/g;
const NOT_EXPECTED =
  /^Element '([^']+)': This element is not expected\. Expected is(?: one of)? \( ?(.*?) ?\)\.$/s;

function prefixed(message: string): string {
  return message.replace(QUALIFIED_NAME, (all, uri: string, local: string) => {
    const prefix = PREFIXES[uri];
    return prefix === undefined ? all : `${prefix}:${local}`;
  });
}

/** Where the element sits: the XPath of its parent, from the issue's XPath. */
function parentOf(xpath: string | undefined): string | undefined {
  if (xpath === undefined) return undefined;
  const cut = xpath.lastIndexOf('/');
  return cut > 0 ? xpath.slice(0, cut) : undefined;
}

/**
 * The message with prefixed names; an unexpected element says where it is and what the schema
 * expected there instead.
 */
export function readableXsdMessage(message: string, xpath?: string): string {
  const short = prefixed(message.trim());
  const unexpected = NOT_EXPECTED.exec(short);
  if (unexpected === null) return short;
  const [, element, expected] = unexpected;
  const parent = parentOf(xpath);
  const where =
    parent === undefined ? '' : parent === '/*' ? ' under the root element' : ` in ${parent}`;
  const list = (expected ?? '').split(/\s*,\s*/).filter((name) => name !== '');
  const wanted = list.length === 1 ? list[0] : `one of ${list.join(', ')}`;
  return `Element ${element ?? '?'} is not allowed at this place${where}: the schema expects ${wanted ?? '?'} here.`;
}
