/** The console's pages, rendered from plain data (every value escaped by `html`). */
import type { Alert } from '../../alerts/index.js';
import type { ValidationIssue } from '../../errors/index.js';
import type {
  DeadLetterGroup,
  EntitySummary,
  FlowPage,
  FlowSearch,
  InvoiceView,
  Overview,
  StateCount,
} from '../../ops/index.js';
import type { FlowRecord, InvoiceRecord } from '../../registry/index.js';
import { cursorText } from '../../ops/index.js';
import { activeAlertsList, closeFlowForm } from './console-ops-pages.js';
import { html, queryOf, type Html, type PageUser } from './html.js';

const FLOW_STATES = ['RECEIVED', 'PROCESSING', 'ACKED'] as const;

const csrfField = (user: PageUser) =>
  html`<input type="hidden" name="_csrf" value="${user.csrf}" />`;

function issuesTable(issues: readonly ValidationIssue[]): Html {
  if (issues.length === 0) return html`<p class="ok">No issues.</p>`;
  return html`<table>
    <tr>
      <th>Severity</th>
      <th>Code</th>
      <th>Rule</th>
      <th>Message</th>
      <th>Line</th>
      <th>XPath</th>
    </tr>
    ${issues.map(
      (issue) =>
        html`<tr class="${issue.severity === 'fatal' ? 'bad' : ''}">
          <td>${issue.severity}</td>
          <td><code>${issue.code}</code></td>
          <td>${issue.rule}</td>
          <td>${issue.message}</td>
          <td>${issue.line}</td>
          <td><code>${issue.xpath}</code></td>
        </tr>`,
    )}
  </table>`;
}

export function loginPage(csrf: string, message?: string): Html {
  return html`${message === undefined ? '' : html`<p class="bad">${message}</p>`}
    <form method="post" action="/login">
      <input type="hidden" name="_csrf" value="${csrf}" />
      <p>
        <label>Name <input name="name" autocomplete="username" required /></label>
      </p>
      <p>
        <label
          >Password <input name="password" type="password" autocomplete="current-password" required
        /></label>
      </p>
      <p><button>Log in</button></p>
    </form>`;
}

export interface OverviewData {
  readonly overview: Overview;
  readonly queues: Readonly<Record<string, Readonly<Record<string, number | undefined>>>>;
  readonly deadLetters: number;
  readonly oldestOpen:
    { readonly id: string; readonly receivedAt: string; readonly state: string } | undefined;
  readonly totals: readonly StateCount[];
  readonly alerts: readonly Alert[];
}

export function overviewPage(data: OverviewData): Html {
  const perMinute = data.overview.invoicesPerMinute;
  const max = Math.max(1, ...perMinute.map((row) => row.count));
  const lastHour = perMinute.reduce((sum, row) => sum + row.count, 0);
  const lastDay = data.overview.invoicesPerHour.reduce((sum, row) => sum + row.count, 0);
  return html`<div class="cards">
      <div class="card">
        Invoices, last hour<b>${lastHour}</b>${(lastHour / 60).toFixed(2)} per minute
      </div>
      <div class="card">
        Invoices, last 24 h<b>${lastDay}</b>${(lastDay / 1440).toFixed(2)} per minute
      </div>
      <div class="card">
        Dead letters<b class="${data.deadLetters > 0 ? 'bad' : 'ok'}">${data.deadLetters}</b
        ><a href="/dead-letters">see them</a>
      </div>
      <div class="card">
        Oldest open
        flow<b>${data.oldestOpen === undefined ? 'none' : html`<a href="/flows/${data.oldestOpen.id}">${data.oldestOpen.receivedAt.slice(0, 16)}</a>`}</b>${data.oldestOpen?.state}
      </div>
    </div>
    <h2>Active alerts (<a href="/alerts">all</a>)</h2>
    ${activeAlertsList(data.alerts)}
    <h2>Queues</h2>
    <table>
      <tr>
        <th>Queue</th>
        <th>Waiting</th>
        <th>Active</th>
        <th>Delayed</th>
        <th>Failed</th>
      </tr>
      ${Object.entries(data.queues).map(
        ([name, counts]) =>
          html`<tr>
            <td>${name}</td>
            <td>${counts.waiting ?? 0}</td>
            <td>${counts.active ?? 0}</td>
            <td>${counts.delayed ?? 0}</td>
            <td class="${(counts.failed ?? 0) > 0 ? 'bad' : ''}">${counts.failed ?? 0}</td>
          </tr>`,
      )}
    </table>
    <h2>Flows received today, by state</h2>
    <table>
      <tr>
        ${FLOW_STATES.map((state) => html`<th>${state}</th>`)}
      </tr>
      <tr>
        ${FLOW_STATES.map((state) => html`<td><a href="/flows${queryOf({ state, from: new Date().toISOString().slice(0, 10) })}">${data.overview.flowsToday.find((row) => row.state === state)?.count ?? 0}</a></td>`)}
      </tr>
    </table>
    <h2>Invoices per minute, last hour</h2>
    <table>
      ${
        perMinute.length === 0
          ? html`<tr>
              <td>none</td>
            </tr>`
          : ''
      }
      ${perMinute.map(
        (row) =>
          html`<tr>
            <td>${row.minute.slice(11)}</td>
            <td>${row.count}</td>
            <td>
              <span class="bar" style="width:${Math.round((row.count / max) * 300)}px"></span>
            </td>
          </tr>`,
      )}
    </table>
    <p>All flows: ${data.totals.map((row) => html`${row.state} ${row.count} · `)}</p>`;
}

export function flowsPage(search: FlowSearch, result: FlowPage): Html {
  const params = {
    q: search.q,
    state: search.state,
    account: search.account,
    from: search.from,
    to: search.to,
    file: search.fileName,
  };
  return html`<form method="get" action="/flows">
      <input
        name="q"
        placeholder="invoice number, SIRET or flow id"
        value="${search.q ?? ''}"
        size="32"
      />
      <select name="state">
        <option value="">any state</option>
        ${FLOW_STATES.map((state) => html`<option ${search.state === state ? 'selected' : ''}>${state}</option>`)}
      </select>
      <input name="account" placeholder="account" value="${search.account ?? ''}" size="10" />
      <input name="from" type="date" value="${search.from ?? ''}" /> to
      <input name="to" type="date" value="${search.to ?? ''}" />
      <input
        name="file"
        placeholder="file name starts with"
        value="${search.fileName ?? ''}"
        size="14"
      />
      <button>Search</button>
    </form>
    <table>
      <tr>
        <th>Received</th>
        <th>Flow</th>
        <th>Account</th>
        <th>File</th>
        <th>Invoices</th>
        <th>State</th>
        <th>Ack</th>
      </tr>
      ${
        result.flows.length === 0
          ? html`<tr>
              <td colspan="7">No flow found.</td>
            </tr>`
          : ''
      }
      ${result.flows.map(
        (flow) =>
          html`<tr>
            <td>${flow.receivedAt}</td>
            <td><a href="/flows/${flow.id}">${flow.id}</a></td>
            <td>${flow.account}</td>
            <td>${flow.fileName}</td>
            <td>${flow.invoices}</td>
            <td>${flow.state}</td>
            <td class="${flow.ackState === 'IN_INTEGRE' ? 'ok' : 'bad'}">${flow.ackState ?? ''}</td>
          </tr>`,
      )}
    </table>
    <p>
      ${search.after ? html`<a href="/flows${queryOf(params)}">← newest</a>` : ''}
      ${result.next ? html`<a href="/flows${queryOf({ ...params, after: cursorText(result.next) })}">older →</a>` : ''}
    </p>`;
}

export function flowPage(
  flow: FlowRecord,
  invoices: readonly InvoiceRecord[],
  user: PageUser,
): Html {
  return html`<table>
      <tr>
        <th>Flow</th>
        <td>${flow.id}</td>
      </tr>
      <tr>
        <th>Account</th>
        <td>${flow.account}</td>
      </tr>
      <tr>
        <th>File</th>
        <td>
          ${flow.fileName} (${flow.sizeBytes} bytes, ${flow.syntax ?? 'unknown syntax'})
          ${user.role === 'operator' ? html` · <a href="/flows/${flow.id}/original">download the original</a>` : ''}
        </td>
      </tr>
      <tr>
        <th>SHA-256</th>
        <td><code>${flow.sha256}</code></td>
      </tr>
      <tr>
        <th>Received</th>
        <td>${flow.receivedAt}</td>
      </tr>
      <tr>
        <th>State</th>
        <td>${flow.state} (updated ${flow.updatedAt})</td>
      </tr>
      <tr>
        <th>Acknowledgement</th>
        <td class="${flow.ackState === 'IN_INTEGRE' ? 'ok' : 'bad'}">
          ${flow.ackState ?? 'not yet'} ${flow.ackAt}
          ${flow.state === 'PROCESSING' ? closeFlowForm(user, flow.id) : ''}
        </td>
      </tr>
    </table>
    <h2>File issues</h2>
    ${issuesTable(flow.issues)}
    <h2>Invoices (${invoices.length})</h2>
    ${invoices.map(
      (invoice) =>
        html`<h3>
            <a href="/invoices/${invoice.id}">${invoice.keys.number ?? invoice.id}</a> ·
            ${invoice.state}${invoice.status === undefined ? '' : html` · ${invoice.status}`}
          </h3>
          <p>
            ${invoice.sourceName} · buyer ${invoice.keys.buyerSiret ?? '?'} · recipient
            ${invoice.recipientAccount ?? '-'} · seller ${invoice.keys.sellerName ?? '-'}
          </p>
          ${issuesTable(invoice.issues)}`,
    )}`;
}

export function invoicePage(view: InvoiceView): Html {
  const { invoice, flow } = view;
  return html`<table>
      <tr>
        <th>Invoice</th>
        <td>${invoice.id}</td>
      </tr>
      <tr>
        <th>Number</th>
        <td>${invoice.keys.number} (issued ${invoice.keys.issueDate})</td>
      </tr>
      <tr>
        <th>Supplier</th>
        <td>${flow?.account} (SIRET ${view.supplierSiret}) · seller ${invoice.keys.sellerName}</td>
      </tr>
      <tr>
        <th>Recipient</th>
        <td>
          ${invoice.recipientAccount ?? '-'} (SIRET ${invoice.recipientSiret ?? '-'})
          ${view.recipientName}
        </td>
      </tr>
      <tr>
        <th>Flow</th>
        <td>
          ${flow === undefined ? '-' : html`<a href="/flows/${flow.id}">${flow.fileName}</a> · ack ${flow.ackState ?? 'not yet'}`}
        </td>
      </tr>
      <tr>
        <th>State</th>
        <td>${invoice.state} · lifecycle ${invoice.status ?? '-'}</td>
      </tr>
      <tr>
        <th>Delivered</th>
        <td>${invoice.deliveredPath ?? '-'}</td>
      </tr>
    </table>
    <h2>Issues</h2>
    ${issuesTable(invoice.issues)}
    <h2>Lifecycle</h2>
    <table>
      <tr>
        <th>When</th>
        <th>From</th>
        <th>To</th>
        <th>Code</th>
        <th>By</th>
        <th>Reason</th>
      </tr>
      ${view.history.map(
        (entry) =>
          html`<tr>
            <td>${entry.changedAt}</td>
            <td>${entry.previous ?? '-'}</td>
            <td>${entry.status}</td>
            <td>${entry.reformCode}</td>
            <td>
              ${entry.actor}${entry.actorAccount === undefined ? '' : `:${entry.actorAccount}`}
            </td>
            <td>${entry.reason}</td>
          </tr>`,
      )}
    </table>
    <h2>Status files</h2>
    <table>
      <tr>
        <th>Account</th>
        <th>Seq</th>
        <th>Format</th>
        <th>File</th>
        <th>Written</th>
      </tr>
      ${view.statusFiles.map(
        (file) =>
          html`<tr>
            <td>${file.account}</td>
            <td>${file.seq}</td>
            <td>${file.format}</td>
            <td>${file.fileName}</td>
            <td>${file.isWritten ? 'yes' : 'pending'}</td>
          </tr>`,
      )}
    </table>
    ${
      view.downloads === undefined
        ? ''
        : html`<h2>Downloads</h2>
            <table>
              ${view.downloads.map(
                (row) =>
                  html`<tr>
                    <td>${row.at}</td>
                    <td>${row.account}</td>
                    <td>${row.path}</td>
                  </tr>`,
              )}
            </table>`
    }`;
}

export function deadLettersPage(groups: readonly DeadLetterGroup[], user: PageUser): Html {
  if (groups.length === 0) return html`<p class="ok">No dead letters.</p>`;
  const canRetry = user.role === 'operator';
  return html`${canRetry ? '' : html`<p>Viewers see dead letters; operators retry them.</p>`}
  ${groups.map(
    (group) =>
      html`<h2>
          <code>${group.code}</code> · ${group.count} job(s)
          ${canRetry ? html`<form class="inline" method="post" action="/dead-letters/retry">${csrfField(user)}<input type="hidden" name="code" value="${group.code}" /><button>Retry all ${group.code}</button></form>` : ''}
        </h2>
        <table>
          <tr>
            <th>Queue</th>
            <th>Job</th>
            <th>Flow</th>
            <th>Attempts</th>
            <th>Failed at</th>
            <th>Reason</th>
            <th></th>
          </tr>
          ${group.letters.map(
            (letter) =>
              html`<tr>
                <td>${letter.queue}</td>
                <td>${letter.jobId}</td>
                <td>
                  ${letter.flowId === undefined ? '' : html`<a href="/flows/${letter.flowId}">${letter.flowId}</a>`}
                </td>
                <td>${letter.attempts}</td>
                <td>${letter.failedAt}</td>
                <td>${letter.reason}</td>
                <td>
                  ${canRetry ? html`<form class="inline" method="post" action="/dead-letters/retry">${csrfField(user)}<input type="hidden" name="queue" value="${letter.queue}" /><input type="hidden" name="jobId" value="${letter.jobId}" /><button>Retry</button></form>` : ''}
                  ${letter.flowId !== undefined && letter.queue !== 'status' ? closeFlowForm(user, letter.flowId) : ''}
                </td>
              </tr>`,
          )}
        </table>`,
  )}`;
}

export function directoryPage(query: string, entities: readonly EntitySummary[]): Html {
  return html`<form method="get" action="/directory">
      <input name="q" value="${query}" placeholder="name or SIRET" /> <button>Search</button>
    </form>
    <table>
      <tr>
        <th>SIRET</th>
        <th>Name</th>
        <th>Active</th>
        <th>Services</th>
        <th>Account</th>
      </tr>
      ${entities.map(
        (entity) =>
          html`<tr>
            <td>${entity.siret}</td>
            <td>${entity.name}</td>
            <td>${entity.isActive ? 'yes' : 'no'}</td>
            <td>${entity.services}</td>
            <td>${entity.account ?? '-'}</td>
          </tr>`,
      )}
    </table>`;
}
