export const QUEUE_NAMES = { intake: 'intake', route: 'route', ack: 'ack' } as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Jobs carry ids only: the registry holds everything else, so a job is cheap to re-create. */
export interface FlowJob {
  readonly flowId: string;
}

export interface InvoiceJob {
  readonly flowId: string;
  readonly invoiceId: string;
}
