/** The pipeline's queues, one per stage, plus push delivery. */
export const QUEUE_NAMES = {
  intake: 'intake',
  route: 'route',
  ack: 'ack',
  status: 'status',
  push: 'push',
} as const;
export type QueueName = (typeof QUEUE_NAMES)[keyof typeof QUEUE_NAMES];
