import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CPP_INVOICE_STATUS_CODES,
  statusOfCppInvoiceCode,
} from '../../../src/status/cppstatut-codes.js';
import {
  flowStatusFileName,
  renderCppFlowStatus,
  renderCppInvoiceStatus,
  type CppFlowStatus,
} from '../../../src/status/render-cppstatut.js';
import { INVOICE_STATUSES } from '../../../src/status/invoice-status.js';
import { SHARED_SCHEMAS } from '../../support/paths.js';
import { DEPOSIT, SUSPENSION } from './notification-fixture.js';
import { xsdErrors } from './xsd-check.js';

const OFFICIAL = path.join(SHARED_SCHEMAS, 'chorus-pro', 'CPPStatutPivot_V1_19.xsd');

const REJECTED_FLOW: CppFlowStatus = {
  accountId: 'fournisseur-acme-longlogin',
  sequence: 7,
  flowId: '20261122-0123456789abcdef',
  fileName: 'lot <novembre> & co.zip',
  ackState: 'IN_INTEGRE_PARTIEL',
  acknowledgedAt: '2026-11-22T10:00:00.123Z',
  errors: [
    { nature: 'Bloquante', code: 'BR-CO-16', label: 'Montant dû faux', description: 'facture 2' },
    { nature: 'Non bloquante', code: 'FR_RULE', label: 'avertissement' },
  ],
};

describe('CPP Statut files', () => {
  it('writes invoice statuses valid against the official pivot V1.19 XSD, for every status', () => {
    for (const status of INVOICE_STATUSES) {
      const xml = renderCppInvoiceStatus({ ...SUSPENSION, status });
      expect(xsdErrors(OFFICIAL, xml), status).toEqual([]);
    }
    expect(xsdErrors(OFFICIAL, renderCppInvoiceStatus(DEPOSIT))).toEqual([]);
    const atDeposit = renderCppInvoiceStatus({ ...DEPOSIT, status: 'REJETEE', reformCode: '213' });
    expect(atDeposit).toContain('<IdStatut>37</IdStatut>');
    expect(xsdErrors(OFFICIAL, atDeposit)).toEqual([]);
  });

  it('carries the invoice, parties, reason and time of the change', () => {
    const xml = renderCppInvoiceStatus(SUSPENSION);
    expect(xml).toContain('<IdStatut>06</IdStatut>');
    expect(xml).toContain('<IdFacture>FA-2026/0815</IdFacture>');
    expect(xml).toContain('<Identifiant>21750001600019</Identifiant>');
    expect(xml).toContain('<CodeService>SERVICE-TECH</CodeService>');
    expect(xml).toContain('<ComplementStatut>PJ_MANQUANTE</ComplementStatut>');
    expect(xml).toContain('<Horodatage>2026-11-21T09:30:00+01:00</Horodatage>');
    expect(xml).toContain('<Valeurparametre>STATUS_0000000042_INV-2026-000042</Valeurparametre>');
    expect(xml).toContain('<RaisonSociale>ACME &amp; Fils &lt;SAS&gt;</RaisonSociale>');
  });

  it('writes flow statuses with one error line per issue, valid against the XSD', () => {
    const xml = renderCppFlowStatus(REJECTED_FLOW);
    expect(xsdErrors(OFFICIAL, xml)).toEqual([]);
    expect(xml).toContain('<IdStatut>96</IdStatut>');
    expect(xml).toContain('<Details NbLignesErreur="2">');
    expect(xml).toContain('<Id>fourniss</Id>');
    for (const ackState of ['IN_INTEGRE', 'IN_REJETE', 'IN_INCIDENTE'] as const) {
      expect(
        xsdErrors(OFFICIAL, renderCppFlowStatus({ ...REJECTED_FLOW, ackState, errors: [] })),
      ).toEqual([]);
    }
    expect(renderCppFlowStatus({ ...REJECTED_FLOW, accountId: 'ab', errors: [] })).toContain(
      '<Id>ab_</Id>',
    );
  });

  it('is caught by the XSD when broken, and is deterministic', () => {
    const broken = renderCppInvoiceStatus(SUSPENSION).replace('<IdStatut>06', '<IdStatut>99');
    expect(xsdErrors(OFFICIAL, broken)).not.toEqual([]);
    expect(renderCppInvoiceStatus(structuredClone(SUSPENSION))).toBe(
      renderCppInvoiceStatus(SUSPENSION),
    );
  });

  it('names flow files apart from invoice files, in sequence order', () => {
    expect(flowStatusFileName(7, REJECTED_FLOW.flowId)).toBe(
      'STATUS_0000000007_FLUX_20261122-0123456789abcdef.cppstatut.xml',
    );
  });

  it('reads incoming codes back as the same statuses, except the platform-only ones', () => {
    for (const [status, code] of Object.entries(CPP_INVOICE_STATUS_CODES)) {
      expect(statusOfCppInvoiceCode(code)).toBe(status);
    }
    expect(statusOfCppInvoiceCode('6')).toBe('SUSPENDUE');
    expect(statusOfCppInvoiceCode('37')).toBeUndefined();
    expect(statusOfCppInvoiceCode('02')).toBeUndefined();
    expect(statusOfCppInvoiceCode('13')).toBeUndefined();
  });
});
