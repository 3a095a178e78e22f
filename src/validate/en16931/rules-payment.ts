import { hasText, normalizeSpace, type InvoiceModel } from '../../formats/index.js';
import type { ReportFailure } from './rule-collector.js';
import { isPeriodOrdered } from './rules-lines.js';
import { stringLength } from './xpath-helpers.js';

const CREDIT_TRANSFER_CODES: ReadonlySet<string> = new Set(['30', '58']);

/** BR-29, BR-49 to BR-52, BR-55, BR-61, BR-CO-19. */
export function checkPaymentAndReferenceRules(model: InvoiceModel, report: ReportFailure): void {
  for (const means of model.paymentMeans) {
    if (means.typeCode === undefined) report('BR-49', means);
    const isCreditTransfer = CREDIT_TRANSFER_CODES.has(means.typeCode?.text ?? '');
    for (const account of isCreditTransfer ? means.accounts : []) {
      if (model.syntax === 'ubl') {
        if (!hasText(account.id)) report('BR-50', account);
      } else {
        if (!hasText(account.id) && !hasText(account.proprietaryId)) report('BR-50', account);
        if (account.id === undefined && account.proprietaryId === undefined) {
          report('BR-61', account);
        }
      }
    }
    if (model.syntax === 'ubl') {
      const code = normalizeSpace(means.typeCode);
      const hasAccountId = means.accounts.some((account) => account.id !== undefined);
      if (CREDIT_TRANSFER_CODES.has(code) && !hasAccountId) report('BR-61', means);
    }
    for (const card of means.cardNumbers) {
      if (stringLength(normalizeSpace(card.number)) > 10) report('BR-51', card.number ?? card);
    }
  }
  for (const document of model.additionalDocuments) {
    if (!hasText(document.id)) report('BR-52', document);
  }
  for (const reference of model.precedingInvoices) {
    const ok = model.syntax === 'ubl' ? reference.id !== undefined : hasText(reference.id);
    if (!ok) report('BR-55', reference);
  }
  for (const period of model.invoicePeriods) {
    if (!isPeriodOrdered(model, period)) report('BR-29', period);
    const hasDates = period.hasStart || period.hasEnd;
    const ok = model.syntax === 'ubl' ? hasDates || period.descriptionCode !== undefined : hasDates;
    if (!ok) report('BR-CO-19', period);
  }
}
