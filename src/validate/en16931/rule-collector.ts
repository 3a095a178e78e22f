import type { ValidationIssue } from '../../errors/index.js';
import type { InvoiceSyntax, SourceLocation } from '../../formats/index.js';
import type { OfficialRuleText } from './official-rule-text.js';
import { officialRuleText } from './official-rule-texts.js';

/**
 * Reports one failure of an official rule at a location of the document; `detail` (the
 * values found and expected) is added after the official text.
 */
export type ReportFailure = (rule: string, at: SourceLocation | undefined, detail?: string) => void;

export interface RuleCollector {
  readonly report: ReportFailure;
  /** Reports a rule whose flag and message come from the loaded artefact (syntax binding). */
  readonly reportOfficial: (rule: string, text: OfficialRuleText, at: SourceLocation) => void;
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
  const reportOfficial = (rule: string, text: OfficialRuleText, where: SourceLocation): void => {
    if (!enabled.has(rule)) return;
    const [flag, message] = text;
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
  const report: ReportFailure = (rule, at, detail) => {
    const [flag, message] = officialRuleText(syntax, rule) ?? ['fatal', `Rule ${rule} failed.`];
    reportOfficial(
      rule,
      [flag, detail === undefined ? message : `${message} ${detail}`],
      at ?? fallback,
    );
  };
  return { report, reportOfficial, issues };
}
