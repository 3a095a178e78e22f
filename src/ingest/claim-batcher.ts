/**
 * Gathers the files offered for claiming while a batch is being committed, and claims them
 * together in the next one (group commit): under load, hundreds of files share the fsyncs of
 * one claim; alone, a file is claimed at once.
 */
import type { FlowRecord } from '../registry/index.js';
import { claimFiles, type ClaimContext, type ClaimRequest } from './claim-file.js';

interface Waiting {
  readonly request: ClaimRequest;
  readonly resolve: (flow: FlowRecord | undefined) => void;
  readonly reject: (error: unknown) => void;
}

export interface ClaimBatcherOptions {
  readonly maxBatch: number;
  /** Called once per committed batch with its new flows (the pipeline queues them in bulk). */
  readonly onClaimed: (flows: readonly FlowRecord[]) => Promise<void>;
}

export class ClaimBatcher {
  readonly #context: ClaimContext;
  readonly #options: ClaimBatcherOptions;
  #waiting: Waiting[] = [];
  #isRunning = false;

  constructor(context: ClaimContext, options: ClaimBatcherOptions) {
    this.#context = context;
    this.#options = options;
  }

  /** Resolves once the file is claimed and durable (undefined when it was gone). */
  claim(account: string, file: string): Promise<FlowRecord | undefined> {
    return new Promise((resolve, reject) => {
      this.#waiting.push({ request: { account, file }, resolve, reject });
      if (!this.#isRunning) {
        this.#isRunning = true;
        setImmediate(() => {
          void this.#drain();
        });
      }
    });
  }

  async #drain(): Promise<void> {
    while (this.#waiting.length > 0) {
      const batch = this.#waiting.splice(0, this.#options.maxBatch);
      try {
        const flows = await claimFiles(
          this.#context,
          batch.map((waiting) => waiting.request),
        );
        const claimed = flows.filter((flow): flow is FlowRecord => flow !== undefined);
        // Queueing may fail (Redis down): the flows are recorded, the reconciler queues them.
        await this.#options.onClaimed(claimed).catch(() => undefined);
        batch.forEach((waiting, index) => {
          waiting.resolve(flows[index]);
        });
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.#isRunning = false;
  }
}
