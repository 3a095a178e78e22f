/**
 * What the pipeline and the SFTP server may report as it happens (the rest of the metrics is
 * derived at scrape time). Call sites, to wire where the code lives:
 * - `fileReceived()`: when a file is claimed (wired in the gateway's inbox callback);
 * - `invoiceSettled(outcome)`: after `registry.settleInvoice` returned true (route stage), and
 *   for invoices rejected at intake (wired: the pipeline's observer);
 * - `stageCompleted(stage, seconds)`: at the end of every job (wired: the pipeline's observer;
 *   a stage that runs the next one inline counts both);
 * - `validationTimed(seconds)`: around `validateFile`/`validateDocument` in intake;
 * - `sftpLogin(ok)`, `sftpSessionOpened()`, `sftpSessionClosed()`: in the SFTP server.
 */
export type SettleOutcome = 'DELIVERED' | 'REJECTED' | 'INCIDENT';

export interface MetricsHooks {
  fileReceived(): void;
  invoiceSettled(outcome: SettleOutcome): void;
  stageCompleted(stage: string, seconds: number): void;
  validationTimed(seconds: number): void;
  sftpLogin(succeeded: boolean): void;
  sftpSessionOpened(): void;
  sftpSessionClosed(): void;
}

/** The part of a BullMQ Queue the metrics read. */
export interface QueueLike {
  getJobCounts(...states: string[]): Promise<Record<string, number | undefined>>;
  getCompleted?(
    start: number,
    end: number,
  ): Promise<readonly { readonly processedOn?: number; readonly finishedOn?: number }[]>;
}

/** Hooks that do nothing, for code run without a gateway (tests, CLI). */
export const NO_METRICS: MetricsHooks = {
  fileReceived: () => undefined,
  invoiceSettled: () => undefined,
  stageCompleted: () => undefined,
  validationTimed: () => undefined,
  sftpLogin: () => undefined,
  sftpSessionOpened: () => undefined,
  sftpSessionClosed: () => undefined,
};
