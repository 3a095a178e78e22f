import type { ValidationIssue } from '../../errors/index.js';
import type { InvoiceSyntax, SourceLocation } from '../../formats/model/index.js';
import { officialRuleText } from './official-rule-texts.js';

/** Reports one failure of an official rule at a location of the document. */
export type ReportFailure = (rule: string, at: SourceLocation | undefined) => void;

export interface RuleCollector {
  readonly report: ReportFailure;
  readonly issues: ValidationIssue[];
}

/**
 * Collects failures as issues with the official flag and text of the document's syntax.
 * Only rules in `enabled` are kept, so a rule under construction never reaches partners.
 */
export function createRuleCollector(
  syntax: InvoiceSyntax,
  enabled: ReadonlySet<string>,
  fallback: SourceLocation,
): RuleCollector {
  const issues: ValidationIssue[] = [];
  const report: ReportFailure = (rule, at) => {
    if (!enabled.has(rule)) return;
    const [flag, message] = officialRuleText(syntax, rule) ?? ['fatal', `Rule ${rule} failed.`];
    const where = at ?? fallback;
    issues.push({
      layer: 'en16931',
      code: flag === 'fatal' ? 'EN16931_RULE' : 'EN16931_RULE_WARNING',
      rule,
      severity: flag,
      message,
      line: where.line,
      xpath: where.xpath,
    });
  };
  return { report, issues };
}
