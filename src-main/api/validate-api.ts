/**
 * The validation methods of the API. A validation runs in the worker process (a SQLite side is
 * hashed by JavaScript functions, synchronously, row by row), reporting
 * `validate.event` events; its segments are checkpointed in the workspace, so `validate.start`
 * on the same plan resumes an unfinished one.
 */
import type { EventName, EventPayload } from '../../src-shared/contract';
import { canonicalPlanJson } from './plan-api';
import { planPasswords, type ConnectionContext } from '../connections/connections';
import { validatedTableIds, validationResultOf, validationSummaryOf } from '../validate/result';
import { planHashOf } from '../validate/plan-hash';
import { validateInWorker, type ValidateWorkerHandle } from '../validate/validate-in-worker';
import type { Handlers } from './dispatcher';

type ValidateMethod = 'validate.start' | 'validate.get' | 'validate.list' | 'validate.cancel';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export function validateHandlers(context: ConnectionContext, emit: Emit): Pick<Handlers, ValidateMethod> {
  const { workspace } = context;
  const active = new Map<string, ValidateWorkerHandle>();

  return {
    async 'validate.start'(input) {
      const plan = input.plan;
      const planHash = planHashOf(plan);
      const tableIds = validatedTableIds(plan, input.tables);
      const unfinished = input.fresh ? undefined : workspace.validations.findUnfinished(planHash);
      const resumable =
        unfinished !== undefined &&
        !active.has(unfinished.id) &&
        JSON.stringify(unfinished.tableIds) === JSON.stringify(tableIds);
      const latestRun = workspace.runs.listRuns().find((r) => !r.dryRun && r.planHash === planHash);
      const record = resumable
        ? unfinished
        : workspace.validations.create({
            planName: plan.name,
            planHash,
            planId: input.planId ?? null,
            planVersion: input.planVersion ?? null,
            planJson: canonicalPlanJson(plan),
            tableIds,
            runId: latestRun?.id ?? null,
            sample: input.sample ?? null,
          });
      if (resumable) workspace.validations.reopen(record.id);
      // Runs on after the answer, in the worker: progress goes out as events, the result stays in
      // the workspace.
      const worker = validateInWorker(
        {
          kind: 'validate',
          planJson: JSON.stringify(plan),
          workspacePath: workspace.path,
          validationId: record.id,
          tableIds,
          resumed: resumable,
          passwords: planPasswords(plan, context),
        },
        (event) => {
          // Its last word ends it: a start right after may resume it, while the process exits.
          if (event.type === 'done' || event.type === 'failed') active.delete(record.id);
          emit('validate.event', event);
        },
        // A worker that died without a word left its record running: say how it ended.
        (died) => workspace.validations.setStatus(record.id, 'failed', null, died.error),
      );
      active.set(record.id, worker);
      return { validationId: record.id, resumed: resumable };
    },

    async 'validate.get'(input) {
      return validationResultOf(workspace, input.validationId);
    },

    async 'validate.list'() {
      return workspace.validations.list().map((record) => validationSummaryOf(workspace, record));
    },

    async 'validate.cancel'(input) {
      const worker = active.get(input.validationId);
      if (!worker) return { ok: false };
      worker.cancel();
      return { ok: true };
    },
  };
}
