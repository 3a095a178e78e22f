import { PasserelleError } from '../errors/index.js';
import type { FlowRecord } from '../registry/index.js';
import type { PipelineDeps } from './pipeline-deps.js';

/** The flow a job names; FLOW_NOT_FOUND (not retryable) when the registry has none. */
export async function flowOf(
  deps: Pick<PipelineDeps, 'registry'>,
  flowId: string,
): Promise<FlowRecord> {
  const flow = await deps.registry.getFlow(flowId);
  if (!flow) throw new PasserelleError('FLOW_NOT_FOUND', `flow ${flowId} is not in the registry`);
  return flow;
}
