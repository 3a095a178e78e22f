/** The console's alerts and partners pages, and the form that closes a flow as an incident. */
import type { Alert, ExpectedBatch } from '../../alerts/index.js';
import type { PartnerPage } from '../../ops/index.js';
import { MAX_REASON_LENGTH } from '../../ops/index.js';
import { html, type Html, type PageUser } from './html.js';

export const PARTNER_WINDOWS = [1, 7, 30] as const;

/** Operators only: a reason, then the flow's pending invoices end INCIDENT (IN_INCIDENTE). */
export function closeFlowForm(user: PageUser, flowId: string): Html {
  if (user.role !== 'operator') return html``;
  return html`<form class="inline" method="post" action="/flows/${flowId}/close">
    <input type="hidden" name="_csrf" value="${user.csrf}" />
    <input
      name="reason"
      required
      maxlength="${MAX_REASON_LENGTH}"
      placeholder="reason (sent to the supplier)"
      size="28"
    />
    <button>Close as IN_INCIDENTE</button>
  </form>`;
}

export function activeAlertsList(alerts: readonly Alert[]): Html {
  if (alerts.length === 0) return html`<p class="ok">No active alert.</p>`;
  return html`<ul>
    ${alerts.map(
      (alert) =>
        html`<li class="bad">
          <code>${alert.kind}</code> ${alert.message} <small>(since ${alert.raisedAt})</small>
        </li>`,
    )}
  </ul>`;
}

export function alertsPage(
  active: readonly Alert[],
  recent: readonly Alert[],
  expected: readonly ExpectedBatch[],
): Html {
  return html`<h2>Active</h2>
    ${activeAlertsList(active)}
    <h2>Expected batches</h2>
    ${
      expected.length === 0
        ? html`<p>None declared (<code>passerelle alert expect</code>).</p>`
        : html`<table>
            <tr>
              <th>#</th>
              <th>Account</th>
              <th>Days</th>
              <th>Before</th>
              <th>Time zone</th>
              <th>Declared by</th>
            </tr>
            ${expected.map(
              (item) =>
                html`<tr>
                  <td>${item.id}</td>
                  <td>${item.account}</td>
                  <td>${item.days.join(',')}</td>
                  <td>${item.before}</td>
                  <td>${item.timeZone}</td>
                  <td>${item.createdBy}, ${item.createdAt}</td>
                </tr>`,
            )}
          </table>`
    }
    <h2>Latest alerts</h2>
    <table>
      <tr>
        <th>Kind</th>
        <th>Subject</th>
        <th>Message</th>
        <th>Raised</th>
        <th>Resolved</th>
      </tr>
      ${recent.map(
        (alert) =>
          html`<tr class="${alert.resolvedAt === undefined ? 'bad' : ''}">
            <td><code>${alert.kind}</code></td>
            <td>${alert.subject}</td>
            <td>${alert.message}</td>
            <td>${alert.raisedAt}</td>
            <td>${alert.resolvedAt ?? 'active'}</td>
          </tr>`,
      )}
    </table>`;
}

const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;

export function partnersPage(result: PartnerPage, offset: number, pageSize: number): Html {
  const { window, partners, total } = result;
  const more = (from: number) => `/partners?days=${window.days}&from=${from}`;
  return html`<p>
      Last
      ${PARTNER_WINDOWS.map((days) => (days === window.days ? html`<b>${days} d</b> ` : html`<a href="/partners?days=${days}">${days} d</a> `))}
      (invoices settled, by day of receipt since ${window.since.slice(0, 10)}); last login, upload
      and download from the SFTP audit trail.
    </p>
    <table>
      <tr>
        <th>Account</th>
        <th>Role</th>
        <th>SIRET</th>
        <th>Files</th>
        <th>Invoices</th>
        <th>Rejected</th>
        <th>Top error codes</th>
        <th>Last login</th>
        <th>Last upload</th>
        <th>Last download</th>
      </tr>
      ${partners.map(
        (partner) =>
          html`<tr>
            <td><a href="/flows?account=${partner.login}">${partner.login}</a></td>
            <td>${partner.role}</td>
            <td>${partner.siret}</td>
            <td>${partner.files}</td>
            <td>${partner.invoices}</td>
            <td class="${partner.rejectionRate > 0.2 ? 'bad' : ''}">
              ${partner.rejected} (${percent(partner.rejectionRate)})
            </td>
            <td>
              ${partner.topErrors.map((error) => html`<code>${error.code}</code> ${error.count}<br />`)}
            </td>
            <td>${partner.lastLogin ?? '-'}</td>
            <td>${partner.lastUpload ?? '-'}</td>
            <td>${partner.lastDownload ?? '-'}</td>
          </tr>`,
      )}
    </table>
    <p>
      ${offset > 0 ? html`<a href="${more(Math.max(0, offset - pageSize))}">← previous</a>` : ''}
      accounts ${total === 0 ? 0 : offset + 1}–${offset + partners.length} of ${total}
      ${offset + pageSize < total ? html`<a href="${more(offset + pageSize)}">next →</a>` : ''}
    </p>`;
}
