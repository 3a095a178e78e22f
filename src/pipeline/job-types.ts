export const QUEUE_NAMES = {
  intake: 'intake',
  route: 'route',
  ack: 'ack',
  status: 'status',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];

/** Jobs carry ids only: the registry holds everything else, so a job is cheap to re-create. */
export interface FlowJob {
  readonly flowId: string;
}

export interface InvoiceJob {
  readonly flowId: string;
  readonly invoiceId: string;
}

/** One entry of an account's status feed: its files are written from the registry row. */
export interface StatusJob {
  readonly account: string;
  readonly seq: number;
}
