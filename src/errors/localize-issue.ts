import { CATALOGUE, type IssueCode } from './catalogue.js';
import type { ValidationIssue } from './issue.js';
import { MESSAGES_FR } from './messages-fr.js';

/** The language of an account's acknowledgements and status files: French unless it asks. */
export type AckLanguage = 'fr' | 'en';

export const ACK_LANGUAGES: readonly AckLanguage[] = ['fr', 'en'];

export function isAckLanguage(value: unknown): value is AckLanguage {
  return value === 'fr' || value === 'en';
}

function isIssueCode(code: string): code is IssueCode {
  return Object.hasOwn(CATALOGUE, code);
}

/**
 * The issue in the account's language. Issues are recorded in English; in French the text of
 * the catalogue replaces the default one, and a specific message (an official CEN rule text,
 * values found) follows the French text as its detail, as published.
 */
export function localizeIssue(issue: ValidationIssue, language: AckLanguage): ValidationIssue {
  if (language === 'en' || !isIssueCode(issue.code)) return issue;
  const french = MESSAGES_FR[issue.code];
  const english: string = CATALOGUE[issue.code].message;
  const message = issue.message === english ? french : `${french} Détail : ${issue.message}`;
  return { ...issue, message };
}
