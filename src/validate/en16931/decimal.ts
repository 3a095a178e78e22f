import Big from 'big.js';

/**
 * Exact decimal arithmetic with the semantics of the official XSLT: xs:decimal lexical form,
 * and XPath `round()`, which rounds half towards positive infinity (round(-2.5) = -2), unlike
 * big.js's half-up that rounds away from zero.
 */
export type Decimal = Big;

/** Longer values are refused: a million-digit "amount" must not cost a million-digit multiply. */
const MAX_DECIMAL_CHARS = 64;
const ZERO = new Big(0);
const XS_DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/;
const XML_WHITESPACE = /^[ \t\r\n]+|[ \t\r\n]+$/g;
const XS_DOUBLE = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:[eE]([+-]?\d+))?$/;
/** xs:double overflows past 1.8e308 and underflows below 4.9e-324. */
const MAX_EXPONENT = 400;

/** `xs:decimal(text)`, or undefined where the XSLT would raise a cast error. */
export function parseXsDecimal(text: string | undefined): Decimal | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.replace(XML_WHITESPACE, '');
  if (trimmed.length > MAX_DECIMAL_CHARS || !XS_DECIMAL.test(trimmed)) return undefined;
  return new Big(trimmed.startsWith('+') ? trimmed.slice(1) : trimmed);
}

/**
 * The number an untyped value becomes in a general comparison with a number (`x >= 0`):
 * xs:double in the XSLT; NaN there makes every comparison false, undefined here.
 */
export function parseXsNumber(text: string | undefined): Decimal | undefined {
  if (text === undefined) return undefined;
  const trimmed = text.replace(XML_WHITESPACE, '');
  if (trimmed.length > MAX_DECIMAL_CHARS) return undefined;
  const match = XS_DOUBLE.exec(trimmed);
  if (match === null) return undefined;
  const negative = match[1] === '-';
  const mantissa = `${negative ? '-' : ''}${match[2] ?? ''}`;
  const exponent = Number(match[3] ?? '0');
  // Beyond xs:double's range the XSLT sees INF or 0; big.js would build an array of that many
  // digits (1e99999999 is a 100-million-digit number), so the value is clamped instead.
  if (exponent > MAX_EXPONENT) {
    return ZERO.eq(new Big(mantissa))
      ? ZERO
      : new Big(`${negative ? '-' : ''}1e${String(MAX_EXPONENT)}`);
  }
  if (exponent < -MAX_EXPONENT) return ZERO;
  return new Big(`${mantissa}e${String(exponent)}`);
}

const HALF = new Big('0.5');
const HUNDRED = new Big(100);

export function zero(): Decimal {
  return ZERO;
}

/** XPath `round(x)`: floor(x + 0.5). */
export function roundXPath(value: Decimal): Decimal {
  const shifted = value.plus(HALF);
  const truncated = shifted.round(0, Big.roundDown);
  return truncated.gt(shifted) ? truncated.minus(1) : truncated;
}

/** `round(x * 10 * 10) div 100`, the official rounding to cents. */
export function roundCents(value: Decimal): Decimal {
  return roundXPath(value.times(HUNDRED)).div(HUNDRED);
}

/** Sum of values; undefined when one of them is not a decimal (the XSLT would fail). */
export function sumDecimals(texts: readonly (string | undefined)[]): Decimal | undefined {
  let total = ZERO;
  for (const text of texts) {
    const value = parseXsDecimal(text);
    if (value === undefined) return undefined;
    total = total.plus(value);
  }
  return total;
}

/** `string-length(substring-after(text, '.')) <= max` on the raw text (whitespace counts). */
export function hasAtMostDecimals(text: string | undefined, max: number): boolean {
  if (text === undefined) return true;
  const dot = text.indexOf('.');
  return dot < 0 || text.length - dot - 1 <= max;
}
