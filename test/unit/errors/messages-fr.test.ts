import { describe, expect, it } from 'vitest';
import {
  CATALOGUE,
  MESSAGES_FR,
  issueOf,
  localizeIssue,
  type IssueCode,
} from '../../../src/errors/index.js';

describe('the French texts of the catalogue', () => {
  it('give every code both texts, filled in and different', () => {
    const codes = Object.keys(CATALOGUE) as IssueCode[];
    expect(Object.keys(MESSAGES_FR).sort()).toEqual([...codes].sort());
    for (const code of codes) {
      const english = CATALOGUE[code].message;
      const french = MESSAGES_FR[code];
      expect(english.trim(), code).not.toBe('');
      expect(french.trim(), code).not.toBe('');
      expect(french, code).not.toBe(english);
    }
  });

  it('replace the default text in French, keep a specific one as the detail, leave English alone', () => {
    const plain = issueOf('ROUTE_SERVICE_CODE_REQUIRED');
    expect(localizeIssue(plain, 'fr').message).toBe(MESSAGES_FR.ROUTE_SERVICE_CODE_REQUIRED);
    expect(localizeIssue(plain, 'en')).toBe(plain);
    const specific = issueOf('EN16931_RULE', {
      rule: 'BR-CO-16',
      message: '[BR-CO-16]-Amount due… Values: BT-115 = 1.00 ≠ … = 120.00.',
    });
    expect(localizeIssue(specific, 'fr').message).toBe(
      `${MESSAGES_FR.EN16931_RULE} Détail : [BR-CO-16]-Amount due… Values: BT-115 = 1.00 ≠ … = 120.00.`,
    );
    const foreign = { ...plain, code: 'NOT_A_CODE' };
    expect(localizeIssue(foreign, 'fr')).toBe(foreign);
  });
});
