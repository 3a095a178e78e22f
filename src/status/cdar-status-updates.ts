import { SIRET_SCHEME } from './cdar-namespaces.js';
import type { CdarStatusMessage } from './read-status-cdar.js';
import { checkStatusUpdate, type StatusUpdateLineResult } from './status-update.js';

/**
 * The statuses of a CDAR message as status updates, checked like the lines of a status file,
 * so that both sources are applied and acknowledged the same way. The invoice is named by the
 * seller's SIRET (scheme 0009) and its number; a seller known only otherwise fails with
 * STATUS_UPDATE_TARGET_MISSING.
 */
export function statusUpdatesOfCdar(message: CdarStatusMessage): StatusUpdateLineResult[] {
  return message.statuses.map((entry) =>
    checkStatusUpdate({
      line: entry.line,
      supplierSiret: entry.seller?.scheme === SIRET_SCHEME ? entry.seller.globalId : undefined,
      invoiceNumber: entry.invoiceNumber,
      status: entry.status,
      reason: entry.reason,
      reasonCode: entry.reasonCode,
      date: entry.statusDate,
    }),
  );
}
