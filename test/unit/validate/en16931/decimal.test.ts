import { describe, expect, it } from 'vitest';
import {
  hasAtMostDecimals,
  parseXsDecimal,
  parseXsNumber,
  roundCents,
  roundXPath,
  sumDecimals,
} from '../../../../src/validate/en16931/decimal.js';

describe('exact decimals with the official XSLT rounding', () => {
  it('rounds half towards positive infinity like XPath round()', () => {
    expect(roundXPath(parseXsDecimal('2.5') ?? fail()).toString()).toBe('3');
    expect(roundXPath(parseXsDecimal('-2.5') ?? fail()).toString()).toBe('-2');
    expect(roundXPath(parseXsDecimal('-2.51') ?? fail()).toString()).toBe('-3');
    expect(roundCents(parseXsDecimal('0.125') ?? fail()).toString()).toBe('0.13');
    expect(roundCents(parseXsDecimal('-0.125') ?? fail()).toString()).toBe('-0.12');
  });

  it('sums without binary floating point error', () => {
    expect(sumDecimals(['0.1', '0.2'])?.toString()).toBe('0.3');
    expect(sumDecimals(['0.1', 'abc'])).toBeUndefined();
  });

  it('accepts the xs:decimal lexical space only, and refuses absurd lengths', () => {
    expect(parseXsDecimal(' +12.50 ')?.toString()).toBe('12.5');
    expect(parseXsDecimal('.5')?.toString()).toBe('0.5');
    expect(parseXsDecimal('1e3')).toBeUndefined();
    expect(parseXsDecimal('NaN')).toBeUndefined();
    expect(parseXsDecimal('9'.repeat(10_000))).toBeUndefined();
  });

  it('counts decimals on the raw text as substring-after does', () => {
    expect(hasAtMostDecimals('1.23', 2)).toBe(true);
    expect(hasAtMostDecimals('1.234', 2)).toBe(false);
    expect(hasAtMostDecimals('1.20 ', 2)).toBe(false);
    expect(hasAtMostDecimals('100', 2)).toBe(true);
  });
});

function fail(): never {
  throw new Error('not a decimal');
}

describe('numbers in comparisons (xs:double)', () => {
  it('reads them as xs:double does, clamping exponents beyond its range', () => {
    expect(parseXsNumber(' 1.5E2 ')?.toString()).toBe('150');
    expect(parseXsNumber('+-1')).toBeUndefined();
    expect(parseXsNumber('-2e-1')?.toString()).toBe('-0.2');
    // A 100-million-digit number would take seconds and gigabytes; it stands for INF instead.
    expect(parseXsNumber('1e99999999')?.eq('1e400')).toBe(true);
    expect(parseXsNumber('-7e99999999')?.eq('-1e400')).toBe(true);
    expect(parseXsNumber('0e99999999')?.eq(0)).toBe(true);
    expect(parseXsNumber('1e-99999999')?.eq(0)).toBe(true);
  });
});
