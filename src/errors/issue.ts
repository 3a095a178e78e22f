/** Where in the processing an issue was found. Appears verbatim in acknowledgements. */
export type IssueLayer =
  | 'file'
  | 'syntax'
  | 'xsd'
  | 'en16931'
  | 'fr'
  | 'facturx'
  | 'archive'
  | 'routing'
  | 'delivery'
  | 'status';

export type Severity = 'fatal' | 'warning';

/**
 * One problem found in a file or an invoice. Validators return these as values; they end up
 * in acknowledgement files, so every field is partner-facing.
 */
export interface ValidationIssue {
  readonly layer: IssueLayer;
  /** Stable code from the catalogue (`src/errors/catalogue.ts`); never renamed or reused. */
  readonly code: string;
  /** The rule that fired: an official rule id (BR-CO-10) or, for our own checks, the code. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly line?: number;
  readonly column?: number;
  readonly xpath?: string;
}

export function isFatal(issue: ValidationIssue): boolean {
  return issue.severity === 'fatal';
}
