import type { IssueLayer, Severity } from './issue.js';

/** One entry of the error catalogue. */
export interface CodeDefinition {
  readonly layer: IssueLayer;
  readonly severity: Severity;
  /** Plain message shown to partners when the check has nothing more specific to say. */
  readonly message: string;
}

export type CodeTable = Readonly<Record<string, CodeDefinition>>;
