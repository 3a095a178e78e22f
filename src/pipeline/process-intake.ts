/**
 * Stage intake. Input: a RECEIVED flow. Output: a status update flow settled whole; or an
 * invoice flow read into its invoices (PENDING or REJECTED), an exact resend marked
 * FLOW_DUPLICATE; then its next step (route, or ack when nothing is pending), run here for a
 * small flow (`continueFlow`), else queued.
 * Codes: FLOW_DUPLICATE and every code of `intakeFlow`.
 */
import { issueOf } from '../errors/index.js';
import { originalOf } from './duplicate-flow.js';
import { continueFlow, type Enqueuer } from './flow-step.js';
import { flowOf } from './flow-of.js';
import { FILE_NAME_PATTERN, intakeFlow } from './intake-flow.js';
import type { FlowJob } from './job-types.js';
import type { PipelineDeps } from './pipeline-deps.js';
import { processRoute } from './process-route.js';
import { settleIfStatusUpdate } from './status-update-flow.js';

export async function processIntake(
  deps: PipelineDeps,
  enqueue: Enqueuer,
  job: FlowJob,
): Promise<void> {
  const flow = await flowOf(deps, job.flowId);
  if (flow.state === 'ACKED') return;
  if (await settleIfStatusUpdate(deps, enqueue, flow)) return;
  if (flow.state === 'RECEIVED') {
    // A badly named file is refused for its name first, whatever its content.
    const original =
      deps.duplicateChecks && FILE_NAME_PATTERN.test(flow.fileName)
        ? await originalOf(deps.registry, flow)
        : undefined;
    if (original) {
      await deps.registry.recordIntake(flow.id, {
        syntax: original.syntax,
        issues: [
          issueOf('FLOW_DUPLICATE', {
            message: `The file is identical to flow ${original.id}; it was not processed again.`,
          }),
        ],
        invoices: [],
      });
      deps.logger.info(
        {
          flowId: flow.id,
          partner: flow.account,
          duplicateOf: original.id,
          code: 'FLOW_DUPLICATE',
        },
        'flow is an exact resend',
      );
    } else {
      const outcome = await intakeFlow(flow, deps);
      if (await deps.registry.recordIntake(flow.id, outcome)) {
        for (const invoice of outcome.invoices)
          if (invoice.state === 'REJECTED') deps.observer?.invoiceSettled('REJECTED');
      }
      deps.logger.info(
        {
          flowId: flow.id,
          partner: flow.account,
          syntax: outcome.syntax,
          invoices: outcome.invoices.length,
          codes: outcome.issues.map((issue) => issue.code),
        },
        'flow read',
      );
    }
  }
  await continueFlow(deps.registry, enqueue, flow.id, {
    route: (next) => processRoute(deps, enqueue, next),
  });
}
