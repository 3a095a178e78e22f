import { describe, expect, it } from 'vitest';
import { STATUS_CODES } from '../../../src/errors/index.js';
import { applyTransition } from '../../../src/status/index.js';
import { ACTORS } from '../../../src/status/actor.js';
import { FINAL_STATUSES, INVOICE_STATUSES } from '../../../src/status/invoice-status.js';
import { TRANSITIONS } from '../../../src/status/transition-table.js';
import { isReformCodeChange, statusOfReformCode } from '../../../src/status/reform-code.js';
import { type TransitionResult } from '../../../src/status/apply-transition.js';

function codeOf(result: TransitionResult): string | undefined {
  return result.ok ? undefined : result.issue.code;
}

describe('applyTransition', () => {
  it('creates an invoice as DEPOSEE by the platform only', () => {
    const result = applyTransition(null, 'DEPOSEE', { actor: 'platform' });
    expect(result).toEqual({
      ok: true,
      transition: { from: null, to: 'DEPOSEE', actor: 'platform', reformCode: '200' },
    });
    expect(codeOf(applyTransition(null, 'DEPOSEE', { actor: 'supplier' }))).toBe(
      'STATUS_ACTOR_FORBIDDEN',
    );
    expect(codeOf(applyTransition(null, 'MISE_A_DISPOSITION', { actor: 'platform' }))).toBe(
      'STATUS_TRANSITION_ILLEGAL',
    );
  });

  it('follows the whole payment chain set by the entity', () => {
    const chain = [
      'MISE_A_DISPOSITION',
      'SERVICE_FAIT',
      'MANDATEE',
      'MISE_A_DISPOSITION_COMPTABLE',
      'COMPTABILISEE',
      'MISE_EN_PAIEMENT',
    ];
    const codes = chain.slice(1).map((to, index) => {
      const result = applyTransition(chain[index] ?? null, to, { actor: 'entity' });
      expect(result.ok, `${chain[index]} → ${to}`).toBe(true);
      return result.ok ? result.transition.reformCode : undefined;
    });
    expect(codes).toEqual(['204', '205', '205', '205', '211']);
  });

  it('lets the entity skip the optional accounting steps', () => {
    expect(applyTransition('MISE_A_DISPOSITION', 'MISE_EN_PAIEMENT', { actor: 'entity' }).ok).toBe(
      true,
    );
    expect(applyTransition('SERVICE_FAIT', 'COMPTABILISEE', { actor: 'entity' }).ok).toBe(true);
    expect(codeOf(applyTransition('MANDATEE', 'SERVICE_FAIT', { actor: 'entity' }))).toBe(
      'STATUS_TRANSITION_ILLEGAL',
    );
  });

  it('requires a non-blank reason for SUSPENDUE, REJETEE and A_RECYCLER, and keeps it trimmed', () => {
    for (const to of ['SUSPENDUE', 'REJETEE', 'A_RECYCLER']) {
      expect(codeOf(applyTransition('MISE_A_DISPOSITION', to, { actor: 'entity' })), to).toBe(
        'STATUS_REASON_REQUIRED',
      );
      expect(
        codeOf(applyTransition('MISE_A_DISPOSITION', to, { actor: 'entity', reason: '  \t ' })),
        to,
      ).toBe('STATUS_REASON_REQUIRED');
    }
    const result = applyTransition('MISE_A_DISPOSITION', 'SUSPENDUE', {
      actor: 'entity',
      reason: '  Bon de livraison manquant ',
    });
    expect(result.ok && result.transition.reason).toBe('Bon de livraison manquant');
  });

  it('refuses a reason longer than 1000 characters', () => {
    const reason = 'x'.repeat(1001);
    expect(
      codeOf(applyTransition('MISE_A_DISPOSITION', 'REJETEE', { actor: 'entity', reason })),
    ).toBe('STATUS_REASON_TOO_LONG');
    expect(
      applyTransition('MISE_A_DISPOSITION', 'REJETEE', {
        actor: 'entity',
        reason: 'x'.repeat(1000),
      }).ok,
    ).toBe(true);
  });

  it('runs the suspension loop: entity suspends, supplier completes, entity goes on', () => {
    const reason = 'Pièce jointe manquante';
    expect(applyTransition('MISE_A_DISPOSITION', 'SUSPENDUE', { actor: 'entity', reason }).ok).toBe(
      true,
    );
    expect(codeOf(applyTransition('SUSPENDUE', 'COMPLETEE', { actor: 'entity' }))).toBe(
      'STATUS_ACTOR_FORBIDDEN',
    );
    expect(applyTransition('SUSPENDUE', 'COMPLETEE', { actor: 'supplier' }).ok).toBe(true);
    expect(applyTransition('COMPLETEE', 'SERVICE_FAIT', { actor: 'entity' }).ok).toBe(true);
    expect(applyTransition('COMPLETEE', 'SUSPENDUE', { actor: 'entity', reason }).ok).toBe(true);
  });

  it('sends a recycled invoice back to routing through the supplier', () => {
    expect(
      applyTransition('MISE_A_DISPOSITION', 'A_RECYCLER', {
        actor: 'entity',
        reason: 'Mauvais service',
      }).ok,
    ).toBe(true);
    expect(applyTransition('A_RECYCLER', 'DEPOSEE', { actor: 'supplier' }).ok).toBe(true);
    expect(codeOf(applyTransition('A_RECYCLER', 'MISE_A_DISPOSITION', { actor: 'platform' }))).toBe(
      'STATUS_TRANSITION_ILLEGAL',
    );
    expect(
      codeOf(
        applyTransition('SERVICE_FAIT', 'A_RECYCLER', { actor: 'entity', reason: 'trop tard' }),
      ),
    ).toBe('STATUS_TRANSITION_ILLEGAL');
  });

  it('keeps operators away from the accounting steps', () => {
    expect(
      codeOf(applyTransition('MISE_A_DISPOSITION', 'SERVICE_FAIT', { actor: 'operator' })),
    ).toBe('STATUS_ACTOR_FORBIDDEN');
    expect(
      applyTransition('MISE_A_DISPOSITION', 'REJETEE', {
        actor: 'operator',
        reason: 'Demande écrite',
      }).ok,
    ).toBe(true);
  });

  it('lets nothing leave a final status and says why', () => {
    for (const from of FINAL_STATUSES) {
      for (const to of INVOICE_STATUSES) {
        for (const actor of ACTORS) {
          const result = applyTransition(from, to, { actor, reason: 'r' });
          expect(result.ok, `${from} → ${to} by ${actor}`).toBe(false);
        }
      }
    }
    const result = applyTransition('REJETEE', 'MISE_A_DISPOSITION', { actor: 'platform' });
    expect(!result.ok && result.issue.message).toBe('REJETEE is final: no status can follow it.');
  });

  it('reports a replayed status as a warning, not an error', () => {
    const result = applyTransition('MANDATEE', 'MANDATEE', { actor: 'entity' });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issue).toMatchObject({
      code: 'STATUS_UNCHANGED',
      severity: 'warning',
    });
  });

  it('never throws on garbage and answers with a stable code', () => {
    expect(codeOf(applyTransition('PAYEE', 'MANDATEE', { actor: 'entity' }))).toBe(
      'STATUS_UNKNOWN',
    );
    expect(codeOf(applyTransition('MANDATEE', 'mandatee', { actor: 'entity' }))).toBe(
      'STATUS_UNKNOWN',
    );
    expect(codeOf(applyTransition('MANDATEE', '', { actor: 'entity' }))).toBe('STATUS_UNKNOWN');
    expect(codeOf(applyTransition('MANDATEE', 'COMPTABILISEE', { actor: 'admin' }))).toBe(
      'STATUS_ACTOR_UNKNOWN',
    );
    expect(codeOf(applyTransition('__proto__', 'toString', { actor: 'constructor' }))).toBe(
      'STATUS_UNKNOWN',
    );
    const untyped = applyTransition as (a: unknown, b: unknown, c: unknown) => TransitionResult;
    expect(codeOf(untyped(42, {}, { actor: null }))).toBe('STATUS_UNKNOWN');
    expect(
      codeOf(untyped('MANDATEE', 'COMPTABILISEE', { actor: 'entity', reason: 7 })),
    ).toBeUndefined();
  });

  it('accepts exactly the moves of the table, for exactly their actors', () => {
    const froms = [null, ...INVOICE_STATUSES];
    for (const from of froms) {
      for (const to of INVOICE_STATUSES) {
        for (const actor of ACTORS) {
          const listed = TRANSITIONS.some(
            (t) => t.from === from && t.to === to && t.actors.includes(actor),
          );
          const result = applyTransition(from, to, { actor, reason: 'motif' });
          expect(result.ok, `${from ?? '—'} → ${to} by ${actor}`).toBe(listed);
          if (!result.ok) {
            expect(Object.keys(STATUS_CODES)).toContain(result.issue.code);
          }
        }
      }
    }
  });
});

describe('reform codes', () => {
  it('reads shared codes as the earliest status and refuses codes without a status', () => {
    expect(statusOfReformCode('205')).toBe('MANDATEE');
    expect(statusOfReformCode('210')).toBe('REJETEE');
    expect(statusOfReformCode('212')).toBeUndefined();
    expect(statusOfReformCode('hasOwnProperty')).toBeUndefined();
  });

  it('says when a change is invisible in the reform lifecycle', () => {
    expect(isReformCodeChange('MANDATEE', 'COMPTABILISEE')).toBe(false);
    expect(isReformCodeChange('COMPTABILISEE', 'MISE_EN_PAIEMENT')).toBe(true);
    expect(isReformCodeChange(null, 'DEPOSEE')).toBe(true);
  });
});
