import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  CPP_INVOICE_STATUS_CODES,
  statusOfCppInvoiceCode,
} from '../../../src/status/cppstatut-codes.js';
import {
  renderCppFlowStatus,
  renderCppInvoiceStatus,
  type CppFlowStatus,
} from '../../../src/status/render-cppstatut.js';
import { flowStatusFileName } from '../../../src/status/file-name/index.js';
import { INVOICE_STATUSES } from '../../../src/status/invoice-status.js';
import { readCppStatut } from '../../../src/status/read-cppstatut.js';
import { issueOf } from '../../../src/errors/index.js';
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

describe('readCppStatut', () => {
  it('reads a CPP Statut written by an entity back as the same status update', () => {
    const result = readCppStatut(renderCppInvoiceStatus(SUSPENSION));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const [line] = result.lines;
    expect(line?.ok).toBe(true);
    if (!line?.ok) return;
    expect(line.update).toEqual({
      line: line.line,
      target: {
        kind: 'supplier-invoice',
        supplierSiret: '12345678200010',
        invoiceNumber: 'FA-2026/0815',
      },
      status: 'SUSPENDUE',
      reason: 'Bon de livraison manquant\net date de service absente',
      reasonCode: 'PJ_MANQUANTE',
      date: '2026-11-21T09:30:00+01:00',
    });
  });

  it('refuses each unit on its own: unsupported code, missing reason; takes a local time as its day', () => {
    const two = renderCppInvoiceStatus({ ...SUSPENSION, status: 'SERVICE_FAIT' })
      .replace('<IdStatut>07</IdStatut>', '<IdStatut>13</IdStatut>')
      .replace(
        /<CPPFactureStatuts compteur="1">([\s\S]*)<\/CPPFactureStatuts>/,
        (_all, unit: string) =>
          `<CPPFactureStatuts compteur="2">${unit}${unit
            .replace('<IdStatut>13</IdStatut>', '<IdStatut>05</IdStatut>')
            .replace(/<ComplementStatut>[^<]*<\/ComplementStatut>/, '')
            .replace(/<Commentaire>[^<]*<\/Commentaire>/, '')
            .replace('2026-11-21T09:30:00+01:00', '2026-11-21T09:30:00')}</CPPFactureStatuts>`,
      );
    expect(xsdErrors(OFFICIAL, two)).toEqual([]);
    const result = readCppStatut(two);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.lines.map((line) => (line.ok ? [] : line.issues.map((i) => i.code)))).toEqual([
      ['STATUS_CPP_CODE_UNSUPPORTED'],
      ['STATUS_REASON_REQUIRED'],
    ]);
    expect(result.lines[1]?.line).toBeGreaterThan(result.lines[0]?.line ?? 0);
  });

  it('refuses flow statuses, other roots and what the validator refuses, as a whole', () => {
    const flow = readCppStatut(renderCppFlowStatus(REJECTED_FLOW));
    expect(flow.ok ? [] : flow.issues.map((i) => i.code)).toEqual([
      'STATUS_CPP_FLOW_STATUS_UNSUPPORTED',
    ]);
    const other = readCppStatut('<CPPStatut xmlns="urn:other"/>');
    expect(other.ok ? [] : other.issues.map((i) => i.code)).toEqual(['STATUS_CPP_ROOT_INVALID']);
    const refused = readCppStatut(renderCppInvoiceStatus(SUSPENSION), () => [
      issueOf('XSD_INVALID', { message: 'no' }),
    ]);
    expect(refused.ok ? [] : refused.issues.map((i) => i.code)).toEqual(['XSD_INVALID']);
    const doctype = readCppStatut('<!DOCTYPE x><CPPStatut/>');
    expect(doctype.ok ? [] : doctype.issues.map((i) => i.code)).toEqual(['XML_DOCTYPE_FORBIDDEN']);
  });
});
