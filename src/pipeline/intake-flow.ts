/**
 * Stage: read one archived flow into invoices.
 * Input: a RECEIVED flow. Output: its file-level issues and its invoices, each PENDING
 * (valid, to be routed) or REJECTED with its issues. Codes: FILE_NAME_INVALID,
 * FILE_TOO_LARGE, and every code of `validateDocument`.
 */
import { open } from 'node:fs/promises';
import { issueOf, isFatal, type ValidationIssue } from '../errors/index.js';
import { invoiceIdOf } from '../ingest/index.js';
import type { FlowRecord, IntakeOutcome } from '../registry/index.js';
import { validateDocument, type SchemaCatalog } from '../validate/index.js';

export const FILE_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$/;

export interface IntakeDeps {
  readonly schemas: SchemaCatalog;
  readonly maxFileBytes: number;
}

async function readWhole(file: string, sizeBytes: number): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(sizeBytes);
    let offset = 0;
    while (offset < sizeBytes) {
      const { bytesRead } = await handle.read(buffer, offset, sizeBytes - offset, offset);
      if (bytesRead === 0) break;
      offset += bytesRead;
    }
    return buffer.subarray(0, offset);
  } finally {
    await handle.close();
  }
}

function fileLevel(issues: readonly ValidationIssue[], syntax?: string): IntakeOutcome {
  return { syntax, issues, invoices: [] };
}

export async function intakeFlow(flow: FlowRecord, deps: IntakeDeps): Promise<IntakeOutcome> {
  if (!FILE_NAME_PATTERN.test(flow.fileName)) {
    return fileLevel([
      issueOf('FILE_NAME_INVALID', {
        message: `The file name "${flow.fileName}" has characters outside A-Z a-z 0-9 . _ - (starting with a letter or digit) or is longer than 200 characters.`,
      }),
    ]);
  }
  if (flow.sizeBytes > deps.maxFileBytes) {
    return fileLevel([
      issueOf('FILE_TOO_LARGE', {
        message: `The file has ${flow.sizeBytes} bytes; the limit is ${deps.maxFileBytes} bytes. It was not read.`,
      }),
    ]);
  }
  const bytes = await readWhole(flow.archivePath, flow.sizeBytes);
  const report = validateDocument(bytes, { schemas: deps.schemas });
  if (report.syntax === 'unknown') return fileLevel(report.issues, 'unknown');
  return {
    syntax: report.syntax,
    issues: [],
    invoices: [
      {
        id: invoiceIdOf(flow.id, 1),
        seq: 1,
        syntax: report.syntax,
        sourceName: flow.fileName,
        sourcePath: flow.archivePath,
        sha256: flow.sha256,
        keys: report.keys,
        state: report.issues.some(isFatal) ? 'REJECTED' : 'PENDING',
        issues: report.issues,
      },
    ],
  };
}
