/** `passerelle partners`: per account, files, invoices, rejections, top errors, last activity. */
import type { Command } from 'commander';
import { listPartners } from '../../ops/index.js';
import { readStores } from '../cli-context.js';
import { wholeNumber, writeJson, writeLine, writeRows } from '../output.js';

export function registerPartnersCommand(program: Command): void {
  program
    .command('partners')
    .description(
      'suppliers and entities over the last days: files, invoices, rejection rate, top error codes, last login, upload and download',
    )
    .option('--days <n>', 'the window, in days of receipt (1-90)', wholeNumber(1, 90), 7)
    .option('--json', 'print JSON')
    .action((options: { days: number; json?: boolean }, command: Command) => {
      const stores = readStores(command);
      try {
        const { window, partners } = listPartners(stores.db, options.days);

        if (options.json) {
          writeJson({ window, partners });
          return;
        }
        writeLine(`since ${window.since.slice(0, 10)} (${window.days} days)`);
        writeRows([
          [
            'ACCOUNT',
            'ROLE',
            'FILES',
            'INVOICES',
            'REJECTED',
            'TOP ERRORS',
            'LAST LOGIN',
            'LAST UPLOAD',
            'LAST DOWNLOAD',
          ],
          ...partners.map((partner) => [
            partner.login,
            partner.role,
            String(partner.files),
            String(partner.invoices),
            `${partner.rejected} (${(partner.rejectionRate * 100).toFixed(1)}%)`,
            partner.topErrors.map((error) => `${error.code}:${error.count}`).join(' ') || '-',
            partner.lastLogin ?? '-',
            partner.lastUpload ?? '-',
            partner.lastDownload ?? '-',
          ]),
        ]);
      } finally {
        stores.db.close();
      }
    });
}
