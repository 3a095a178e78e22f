import type { ValidationIssue } from '../errors/index.js';

/** One distinct error of a batch: how many invoices have it, and which. */
export interface ErrorSummaryEntry {
  readonly code: string;
  readonly rule: string;
  readonly severity: ValidationIssue['severity'];
  readonly layer: ValidationIssue['layer'];
  /** The message of its first occurrence (values may differ from one invoice to the next). */
  readonly message: string;
  readonly invoices: number;
  /** Invoice numbers (BT-1), or the entry name when the number could not be read. */
  readonly numbers: readonly string[];
}

interface Named {
  readonly number: string | undefined;
  readonly sourceName: string;
  readonly issues: readonly ValidationIssue[];
}

/**
 * Each distinct error (code and rule) of a batch once, with the invoices that have it: a
 * supplier whose 300 invoices lack the same service code reads one line. Blocking errors
 * first, then the most frequent. Empty for a single invoice, which says it all already.
 */
export function summariseErrors(invoices: readonly Named[]): ErrorSummaryEntry[] {
  if (invoices.length < 2) return [];
  const groups = new Map<string, { first: ValidationIssue; numbers: string[] }>();
  for (const invoice of invoices) {
    const seen = new Set<string>();
    for (const issue of invoice.issues) {
      const key = `${issue.severity}\u0000${issue.code}\u0000${issue.rule}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const group = groups.get(key) ?? { first: issue, numbers: [] };
      group.numbers.push(invoice.number ?? invoice.sourceName);
      groups.set(key, group);
    }
  }
  return [...groups.values()]
    .map(({ first, numbers }) => ({
      code: first.code,
      rule: first.rule,
      severity: first.severity,
      layer: first.layer,
      message: first.message,
      invoices: numbers.length,
      numbers,
    }))
    .sort(
      (a, b) =>
        Number(b.severity === 'fatal') - Number(a.severity === 'fatal') || b.invoices - a.invoices,
    );
}
