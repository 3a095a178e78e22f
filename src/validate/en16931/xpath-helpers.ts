import {
  normalizeSpace,
  normalizeSpaceText,
  type AllowanceCharge,
  type InvoiceSyntax,
  type SourceValue,
  type TaxCategory,
} from '../../formats/index.js';

/** XPath `xs:boolean(text)`: undefined where the cast would fail. */
export function castBoolean(value: SourceValue | undefined): boolean | undefined {
  const text = value?.text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

/** UBL `cbc:ChargeIndicator = false()` / CII `udt:Indicator = false()` (boolean comparison). */
export function isAllowanceByBoolean(charge: AllowanceCharge): boolean {
  return castBoolean(charge.indicator) === false;
}

export function isChargeByBoolean(charge: AllowanceCharge): boolean {
  return castBoolean(charge.indicator) === true;
}

/**
 * The context of a rule on allowances or charges. UBL compares with a boolean; CII's model
 * rules compare the raw text with the string 'false' / 'true', so '0' and '1' escape them.
 */
export function isAllowanceContext(syntax: InvoiceSyntax, charge: AllowanceCharge): boolean {
  return syntax === 'ubl' ? isAllowanceByBoolean(charge) : charge.indicator?.text === 'false';
}

export function isChargeContext(syntax: InvoiceSyntax, charge: AllowanceCharge): boolean {
  return syntax === 'ubl' ? isChargeByBoolean(charge) : charge.indicator?.text === 'true';
}

/** UBL `cac:TaxScheme/normalize-space(upper-case(cbc:ID))='VAT'`; CII `upper-case(ram:TypeCode) = 'VAT'`. */
export function isVatCategory(syntax: InvoiceSyntax, category: TaxCategory | undefined): boolean {
  if (category?.scheme === undefined) return false;
  return syntax === 'ubl'
    ? normalizeSpace(category.scheme).toUpperCase() === 'VAT'
    : category.scheme.text.toUpperCase() === 'VAT';
}

/** `normalize-space(upper-case(x)) = 'VAT'` on a scheme text. */
export function isVatSchemeText(text: string): boolean {
  return normalizeSpaceText(text).toUpperCase() === 'VAT';
}

/** XPath general comparison `a = b` on two node sequences of untyped strings. */
export function anyEqual(left: readonly SourceValue[], right: readonly SourceValue[]): boolean {
  const texts = new Set(right.map((value) => value.text));
  return left.some((value) => texts.has(value.text));
}

/** XPath `normalize-space()` of a plain string (an attribute value, say). */
export function normalizeText(text: string | undefined): string {
  return text === undefined ? '' : normalizeSpaceText(text);
}

/** XPath `string-length()`: counts code points, not UTF-16 units. */
export function stringLength(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    // The low half of a surrogate pair belongs to the code point counted at its high half.
    if (unit < 0xdc00 || unit > 0xdfff) count += 1;
  }
  return count;
}

/** XPath `substring(text, 1, length)` on code points. */
export function leadingCodePoints(text: string, length: number): string {
  let result = '';
  let count = 0;
  for (const character of text) {
    if (count === length) break;
    result += character;
    count += 1;
  }
  return result;
}
