import type { ValidationIssue } from '../../errors/index.js';
import type { SourceLocation } from '../../formats/index.js';
import { settingOf, type FrRuleId, type FrRuleOverrides } from './fr-rules.js';

/** Reports one failure of a French rule at a location, with a message for the partner. */
export type ReportFrFailure = (
  rule: FrRuleId,
  at: SourceLocation | undefined,
  message: string,
) => void;

export interface FrCollector {
  readonly report: ReportFrFailure;
  readonly issues: ValidationIssue[];
}

/**
 * Collects failures as FR_RULE (fatal) or FR_RULE_WARNING issues, at the severity the
 * configuration gives each rule; rules set to `off` are dropped here, after evaluation, so
 * the rule code itself never depends on configuration.
 */
export function createFrCollector(
  overrides: FrRuleOverrides | undefined,
  fallback: SourceLocation,
): FrCollector {
  const issues: ValidationIssue[] = [];
  const report: ReportFrFailure = (rule, at, message) => {
    const setting = settingOf(rule, overrides);
    if (setting === 'off') return;
    const where = at ?? fallback;
    issues.push({
      layer: 'fr',
      code: setting === 'fatal' ? 'FR_RULE' : 'FR_RULE_WARNING',
      rule,
      severity: setting,
      message,
      line: where.line,
      xpath: where.xpath,
    });
  };
  return { report, issues };
}
