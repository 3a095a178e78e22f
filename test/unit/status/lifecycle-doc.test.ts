import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { INVOICE_STATUSES, isReasonRequired } from '../../../src/status/invoice-status.js';
import {
  REFORM_LIFECYCLE_LABELS,
  reformCodeOf,
  reformLabelOf,
} from '../../../src/status/reform-code.js';
import { TRANSITIONS, reformCodeOfTransition } from '../../../src/status/transition-table.js';
import {
  CPP_FLOW_STATUS_CODES,
  CPP_FLOW_STATUS_LABELS,
  CPP_INVOICE_STATUS_CODES,
  CPP_INVOICE_STATUS_LABELS,
} from '../../../src/status/cppstatut-codes.js';
import { markdownTableRows, repoPath } from './xsd-check.js';

const doc = readFileSync(repoPath('docs/lifecycle.md'), 'utf8');

describe('docs/lifecycle.md', () => {
  it('lists exactly the transitions of the code, with actors, reason rule and reform code', () => {
    const fromDoc = markdownTableRows(doc, 'transitions').map(([from, to, actors, reason, code]) =>
      [from, to, actors, reason, code].join(' | '),
    );
    const fromCode = TRANSITIONS.map((t) =>
      [
        t.from ?? '—',
        t.to,
        t.actors.join(', '),
        isReasonRequired(t.to) ? 'required' : 'optional',
        reformCodeOfTransition(t),
      ].join(' | '),
    );
    expect(fromDoc).toEqual(fromCode);
    expect(new Set(fromCode).size).toBe(fromCode.length);
  });

  it('maps every status to the reform code and label of the code', () => {
    const rows = markdownTableRows(doc, 'status-mapping');
    expect(rows.map(([status]) => status)).toEqual([...INVOICE_STATUSES]);
    for (const [status, code, label] of rows) {
      const expected = reformCodeOf(status as (typeof INVOICE_STATUSES)[number]);
      expect(code, status).toBe(expected);
      expect(label, status).toBe(reformLabelOf(expected));
    }
  });

  it('quotes the official labels of every reform code it lists', () => {
    for (const [code, label] of Object.entries(REFORM_LIFECYCLE_LABELS)) {
      expect(doc).toContain(`${code} ${label}`);
    }
  });

  it('maps every status to its CPP Statut invoice code and official label, as the code does', () => {
    const rows = markdownTableRows(doc, 'cppstatut-invoice');
    expect(rows.map(([status]) => status)).toEqual([...INVOICE_STATUSES]);
    for (const [status, code, label] of rows) {
      const expected = CPP_INVOICE_STATUS_CODES[status as (typeof INVOICE_STATUSES)[number]];
      expect(code, status).toBe(expected);
      expect(label, status).toBe(CPP_INVOICE_STATUS_LABELS[expected]);
    }
  });

  it('maps every acknowledgement state to its CPP Statut flow code, as the code does', () => {
    const rows = markdownTableRows(doc, 'cppstatut-flow');
    expect(rows.map(([state]) => state)).toEqual(Object.keys(CPP_FLOW_STATUS_CODES));
    for (const [state, code, label] of rows) {
      const expected = CPP_FLOW_STATUS_CODES[state as keyof typeof CPP_FLOW_STATUS_CODES];
      expect(code, state).toBe(expected);
      expect(label, state).toBe(CPP_FLOW_STATUS_LABELS[expected]);
    }
  });
});
