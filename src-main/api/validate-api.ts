/**
 * The validation methods of the API. A validation runs asynchronously in this process (its
 * database work is mostly inside the databases: segment hashes are aggregates), reporting
 * `validate.event` events; its segments are checkpointed in the workspace, so `validate.start`
 * on the same plan resumes an unfinished one.
 */
import type { EventName, EventPayload } from '../../src-shared/contract';
import { canonicalPlanJson } from './plan-api';
import type { ConnectionContext } from '../connections/connections';
import { validatedTableIds, validationResultOf, validationSummaryOf } from '../validate/result';
import { planHashOf } from '../validate/plan-hash';
import { runValidation } from '../validate/validator';
import type { Handlers } from './dispatcher';

type ValidateMethod = 'validate.start' | 'validate.get' | 'validate.list' | 'validate.cancel';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export function validateHandlers(context: ConnectionContext, emit: Emit): Pick<Handlers, ValidateMethod> {
  const { workspace } = context;
  const active = new Map<string, AbortController>();

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
      const controller = new AbortController();
      active.set(record.id, controller);
      // Runs on after the answer: progress goes out as events, the result stays in the workspace.
      void runValidation({
        plan,
        validationId: record.id,
        tableIds,
        resumed: resumable,
        context,
        signal: controller.signal,
        emit: (event) => emit('validate.event', event),
      }).finally(() => active.delete(record.id));
      return { validationId: record.id, resumed: resumable };
    },

    async 'validate.get'(input) {
      return validationResultOf(workspace, input.validationId);
    },

    async 'validate.list'() {
      return workspace.validations.list().map((record) => validationSummaryOf(workspace, record));
    },

    async 'validate.cancel'(input) {
      const controller = active.get(input.validationId);
      if (!controller) return { ok: false };
      controller.abort();
      return { ok: true };
    },
  };
}
