/**
 * Stage: read one archived flow into invoices.
 * Input: a RECEIVED flow. Output: its file-level issues and its invoices, each PENDING (valid,
 * to be routed) or REJECTED with its issues. A single XML or Factur-X file is one invoice; a
 * zip or tar.gz batch is one invoice per entry, extracted beside the archived original.
 * Codes: FILE_NAME_INVALID, FILE_TOO_LARGE, ARCHIVE_*, every code of `validateFile`, and for an
 * invoice rejected at validation the ROUTE_* codes of `decideRecipient` too.
 */
import { open, readFile, rm } from 'node:fs/promises';
import { issueOf, isFatal, type ValidationIssue } from '../errors/index.js';
import { sniffContent } from '../formats/index.js';
import { invoiceIdOf } from '../ingest/index.js';
import { extractArchive, type ArchiveLimits } from '../ingest/archive/index.js';
import type { AccountStore } from '../accounts/index.js';
import type { DirectoryStore } from '../directory/index.js';
import type { FlowRecord, IntakeOutcome, InvoiceKeys, NewInvoice } from '../registry/index.js';
import { decideRecipient } from '../route/index.js';
import {
  validateFile,
  type FacturXPolicy,
  type FrRuleOverrides,
  type SchemaCatalog,
} from '../validate/index.js';

export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface IntakeDeps {
  readonly schemas: SchemaCatalog;
  readonly maxFileBytes: number;
  readonly facturx: FacturXPolicy;
  /** Settings of the French rules; absent, every rule keeps its default. */
  readonly frRules?: FrRuleOverrides | undefined;
  readonly archiveLimits: ArchiveLimits;
  /**
   * The directory and accounts: an invoice rejected at validation is also checked for routing,
   * so the acknowledgement reports every problem at once.
   */
  readonly directory?: DirectoryStore | undefined;
  readonly accounts?: AccountStore | undefined;
  readonly observer?: { validationTimed?(seconds: number): void } | undefined;
}

/** Routing problems of an invoice rejected at validation; the platform's own (no account) left out. */
function routingIssuesOf(
  deps: IntakeDeps,
  keys: InvoiceKeys,
  syntax: string | undefined,
): readonly ValidationIssue[] {
  const { directory, accounts } = deps;
  // Without a buyer SIRET there is nothing to look up: validation has said so already.
  if (directory === undefined || accounts === undefined || keys.buyerSiret === undefined) return [];
  const decision = decideRecipient(keys, syntax, {
    findEntity: (siret) => directory.findEntity(siret),
    findService: (siret, code) => directory.findService(siret, code),
    findEntityAccount: (siret) => accounts.findEntityAccount(siret),
  });
  return decision.ok
    ? []
    : decision.issues.filter((issue) => issue.code !== 'ROUTE_RECIPIENT_NO_ACCOUNT');
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(1024);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

function fileLevel(issues: readonly ValidationIssue[], syntax: string): IntakeOutcome {
  return { syntax, issues, invoices: [] };
}

async function readInvoice(
  deps: IntakeDeps,
  id: string,
  seq: number,
  source: { readonly name: string; readonly path: string; readonly sha256: string },
): Promise<NewInvoice> {
  const bytes = await readFile(source.path);
  const started = performance.now();
  const report = await validateFile(bytes, {
    schemas: deps.schemas,
    facturx: deps.facturx,
    frRules: deps.frRules,
  });
  deps.observer?.validationTimed?.((performance.now() - started) / 1000);
  return {
    id,
    seq,
    syntax: report.syntax,
    sourceName: source.name,
    sourcePath: source.path,
    sha256: source.sha256,
    keys: report.keys,
    state: report.isValid ? 'PENDING' : 'REJECTED',
    issues: report.isValid
      ? report.issues
      : [
          ...report.issues,
          ...routingIssuesOf(deps, report.keys, report.syntax).filter(
            (issue) => !report.issues.some((known) => known.code === issue.code),
          ),
        ],
  };
}

/** The entries folder of a batch; emptied first, so a retried intake starts clean. */
function entriesDirOf(flow: FlowRecord): string {
  return `${flow.archivePath}.entries`;
}

async function intakeBatch(flow: FlowRecord, deps: IntakeDeps): Promise<IntakeOutcome> {
  const dir = entriesDirOf(flow);
  await rm(dir, { recursive: true, force: true });
  const extraction = await extractArchive(flow.archivePath, dir, deps.archiveLimits);
  if (!extraction.ok) return fileLevel(extraction.issues, 'archive');
  const invoices: NewInvoice[] = [];
  for (const entry of extraction.entries) {
    const id = invoiceIdOf(flow.id, entry.index);
    if (entry.path === undefined || entry.sha256 === undefined || entry.issues.some(isFatal)) {
      invoices.push({
        id,
        seq: entry.index,
        syntax: undefined,
        sourceName: entry.name,
        sourcePath: flow.archivePath,
        sha256: entry.sha256 ?? '',
        keys: {},
        state: 'REJECTED',
        issues: entry.issues,
      });
      continue;
    }
    invoices.push(
      await readInvoice(deps, id, entry.index, {
        name: entry.name,
        path: entry.path,
        sha256: entry.sha256,
      }),
    );
  }
  return { syntax: 'archive', issues: [], invoices };
}

export async function intakeFlow(flow: FlowRecord, deps: IntakeDeps): Promise<IntakeOutcome> {
  if (!FILE_NAME_PATTERN.test(flow.fileName)) {
    return fileLevel(
      [
        issueOf('FILE_NAME_INVALID', {
          message: `The file name "${flow.fileName}" has characters outside A-Z a-z 0-9 . _ - (starting with a letter or digit) or is longer than 200 characters.`,
        }),
      ],
      'unknown',
    );
  }
  if (flow.sizeBytes > deps.maxFileBytes) {
    return fileLevel(
      [
        issueOf('FILE_TOO_LARGE', {
          message: `The file has ${flow.sizeBytes} bytes; the limit is ${deps.maxFileBytes} bytes. It was not read.`,
        }),
      ],
      'unknown',
    );
  }
  const kind = sniffContent(await readHead(flow.archivePath));
  if (kind === 'zip' || kind === 'gzip') return intakeBatch(flow, deps);
  const invoice = await readInvoice(deps, invoiceIdOf(flow.id, 1), 1, {
    name: flow.fileName,
    path: flow.archivePath,
    sha256: flow.sha256,
  });
  if (invoice.syntax === 'unknown') return fileLevel(invoice.issues, 'unknown');
  return { syntax: invoice.syntax, issues: [], invoices: [invoice] };
}
