import { describe, expect, it } from 'vitest';
import {
  continueFlow,
  enqueueNextStep,
  nextStepOf,
  type Enqueuer,
} from '../../../src/pipeline/index.js';
import type { FlowJob, PushJob, StatusJob } from '../../../src/pipeline/index.js';
import type { FlowRecord, FlowState, InvoiceCounts } from '../../../src/registry/index.js';
import { flowRecord } from '../../support/unit-ack-records.js';

/** Records what the stages would queue, in order. */
class FakeEnqueuer implements Enqueuer {
  readonly queued: string[] = [];

  intake(jobs: readonly FlowJob[]): Promise<void> {
    for (const job of jobs) this.queued.push(`intake:${job.flowId}`);
    return Promise.resolve();
  }

  route(job: FlowJob): Promise<void> {
    this.queued.push(`route:${job.flowId}`);
    return Promise.resolve();
  }

  ack(job: FlowJob): Promise<void> {
    this.queued.push(`ack:${job.flowId}`);
    return Promise.resolve();
  }

  status(jobs: readonly StatusJob[]): Promise<void> {
    for (const job of jobs) this.queued.push(`status:${job.account}-${job.seq}`);
    return Promise.resolve();
  }

  push(jobs: readonly PushJob[]): Promise<void> {
    for (const job of jobs)
      this.queued.push(`push:${'invoiceId' in job ? job.invoiceId : job.seq}`);
    return Promise.resolve();
  }
}

function registryOf(flows: readonly FlowRecord[], counts: Readonly<Record<string, InvoiceCounts>>) {
  return {
    getFlow: (id: string) => flows.find((flow) => flow.id === id),
    countInvoices: (id: string) => counts[id] ?? { total: 0, pending: 0 },
  };
}

describe('nextStepOf', () => {
  const cases: [FlowState, InvoiceCounts, string][] = [
    ['RECEIVED', { total: 0, pending: 0 }, 'intake'],
    ['PROCESSING', { total: 500, pending: 499 }, 'route'],
    ['PROCESSING', { total: 500, pending: 0 }, 'ack'],
    ['PROCESSING', { total: 0, pending: 0 }, 'ack'],
    ['ACKED', { total: 3, pending: 0 }, 'done'],
  ];
  it.each(cases)('%s with %o → %s', (state, counts, step) => {
    expect(nextStepOf(state, counts)).toBe(step);
  });
});

describe('enqueueNextStep', () => {
  const flows = [
    flowRecord({ id: 'f-received', state: 'RECEIVED' }),
    flowRecord({ id: 'f-routing', state: 'PROCESSING' }),
    flowRecord({ id: 'f-settled', state: 'PROCESSING' }),
    flowRecord({ id: 'f-acked', state: 'ACKED' }),
  ];
  const registry = registryOf(flows, {
    'f-routing': { total: 2, pending: 1 },
    'f-settled': { total: 2, pending: 0 },
  });

  it('queues one job per flow, for the step its state and counts call for', async () => {
    const enqueue = new FakeEnqueuer();
    for (const flow of flows) await enqueueNextStep(registry, enqueue, flow.id);
    expect(enqueue.queued).toEqual(['intake:f-received', 'route:f-routing', 'ack:f-settled']);
  });

  it('queues nothing for a flow the registry does not know', async () => {
    const enqueue = new FakeEnqueuer();
    expect(await enqueueNextStep(registry, enqueue, 'f-unknown')).toBe('done');
    expect(enqueue.queued).toEqual([]);
  });
});

describe('continueFlow', () => {
  const flows = [
    flowRecord({ id: 'small', state: 'PROCESSING' }),
    flowRecord({ id: 'batch', state: 'PROCESSING' }),
    flowRecord({ id: 'settled', state: 'PROCESSING' }),
  ];
  const registry = registryOf(flows, {
    small: { total: 1, pending: 1 },
    batch: { total: 500, pending: 500 },
    settled: { total: 500, pending: 0 },
  });

  it('routes a small flow and acknowledges a settled one in the same job, queueing nothing', async () => {
    const enqueue = new FakeEnqueuer();
    const ran: string[] = [];
    const inline = {
      route: (job: FlowJob) => {
        ran.push(`route:${job.flowId}`);
        return Promise.resolve();
      },
      ack: (job: FlowJob) => {
        ran.push(`ack:${job.flowId}`);
        return Promise.resolve();
      },
    };
    await continueFlow(registry, enqueue, 'small', inline);
    await continueFlow(registry, enqueue, 'settled', inline);
    expect(ran).toEqual(['route:small', 'ack:settled']);
    expect(enqueue.queued).toEqual([]);
  });

  it('queues the routing of a large batch, and any step it may not run', async () => {
    const enqueue = new FakeEnqueuer();
    const route = () => Promise.reject(new Error('must not run inline'));
    await continueFlow(registry, enqueue, 'batch', { route });
    await continueFlow(registry, enqueue, 'settled', {});
    expect(enqueue.queued).toEqual(['route:batch', 'ack:settled']);
  });
});
