/**
 * The amounts that VAT breakdown rule 08 (BR-S-08, BR-Z-08 …) adds up for a breakdown: the
 * first net amount of every line, and the first amount of every document-level charge and
 * allowance, that has a category of the breakdown's code (and, for S, L and M, a category of
 * its rate: the artefacts test the two separately). Gathered once per code and rate, so that
 * an invoice with thousands of lines and thousands of breakdowns costs lines + breakdowns, not
 * their product (8,000 of each took 170 s when every breakdown scanned every line).
 */
import type { AllowanceCharge, InvoiceModel, TaxCategory } from '../../formats/index.js';
import { parseXsDecimal } from './decimal.js';
import { isAllowanceByBoolean, isChargeByBoolean } from './xpath-helpers.js';

export interface BasisBucket {
  readonly lineAmounts: string[];
  readonly chargeAmounts: string[];
  readonly allowanceAmounts: string[];
  /** Lines that match (with or without a net amount). */
  lineCount: number;
  /** Whether any allowance or charge, document or line level, matches. */
  anyAllowanceCharge: boolean;
}

export interface BasisIndex {
  /** Items with a category of this code. */
  byCode(code: string): BasisBucket;
  /** Items with a category of this code and a category of this rate (canonical decimal). */
  byCodeAndRate(code: string, rate: string): BasisBucket;
}

interface CodeEntry {
  readonly all: BasisBucket;
  readonly byRate: Map<string, BasisBucket>;
}

function emptyBucket(): BasisBucket {
  return {
    lineAmounts: [],
    chargeAmounts: [],
    allowanceAmounts: [],
    lineCount: 0,
    anyAllowanceCharge: false,
  };
}

/** Canonical text of a rate (`20`, `20.0` and `2E1` alike), or undefined if not a decimal. */
export function rateKey(text: string | undefined): string | undefined {
  const value = parseXsDecimal(text);
  if (value === undefined) return undefined;
  // big.js keeps the sign of zero ('-0'), which compares equal to 0.
  return value.eq(0) ? '0' : value.toString();
}

/** A per-bucket memo, so that many breakdowns of one code and rate add their amounts once. */
export function memoPerBucket<T>(compute: (bucket: BasisBucket) => T): (bucket: BasisBucket) => T {
  const memo = new WeakMap<BasisBucket, T>();
  return (bucket) => {
    if (memo.has(bucket)) return memo.get(bucket) as T;
    const value = compute(bucket);
    memo.set(bucket, value);
    return value;
  };
}

export function createBasisIndex(
  model: InvoiceModel,
  codeOf: (category: TaxCategory) => string,
): BasisIndex {
  const entries = new Map<string, CodeEntry>();
  const lineCharges = model.lines.flatMap((line) => line.allowanceCharges);

  const build = (code: string): CodeEntry => {
    const entry: CodeEntry = { all: emptyBucket(), byRate: new Map() };
    const bucketsOf = (categories: readonly TaxCategory[]): BasisBucket[] => {
      if (!categories.some((category) => codeOf(category) === code)) return [];
      const buckets = [entry.all];
      const rates = new Set<string>();
      for (const category of categories) {
        const key = rateKey(category.rate?.text);
        if (key !== undefined) rates.add(key);
      }
      for (const key of rates) {
        let bucket = entry.byRate.get(key);
        if (bucket === undefined) {
          bucket = emptyBucket();
          entry.byRate.set(key, bucket);
        }
        buckets.push(bucket);
      }
      return buckets;
    };
    for (const line of model.lines) {
      const amount = line.netAmounts[0]?.text;
      for (const bucket of bucketsOf(line.categories)) {
        bucket.lineCount += 1;
        if (amount !== undefined) bucket.lineAmounts.push(amount);
      }
    }
    const addItem = (item: AllowanceCharge, isDocumentLevel: boolean): void => {
      const amount = item.amounts[0]?.text;
      for (const bucket of bucketsOf(item.categories)) {
        bucket.anyAllowanceCharge = true;
        if (!isDocumentLevel || amount === undefined) continue;
        if (isChargeByBoolean(item)) bucket.chargeAmounts.push(amount);
        if (isAllowanceByBoolean(item)) bucket.allowanceAmounts.push(amount);
      }
    };
    for (const item of model.allowanceCharges) addItem(item, true);
    for (const item of lineCharges) addItem(item, false);
    return entry;
  };

  const entryOf = (code: string): CodeEntry => {
    let entry = entries.get(code);
    if (entry === undefined) {
      entry = build(code);
      entries.set(code, entry);
    }
    return entry;
  };
  return {
    byCode: (code) => entryOf(code).all,
    byCodeAndRate: (code, rate) => entryOf(code).byRate.get(rate) ?? emptyBucket(),
  };
}
