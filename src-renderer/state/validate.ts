/**
 * The Validate screen's plan and its checksum validation (layers 1 and 2): the chosen saved plan,
 * the latest validation of it, and a running one followed through `validate.event`.
 */
import { create } from 'zustand';
import type { TallyErrorData } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import type { ValidationEvent, ValidationResult } from '../../src-shared/validation';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';

export type ValidatePlan =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'loaded'; planId: string; version: number; plan: Plan }
  | { status: 'failed'; error: TallyErrorData };

type Progress = { tableId: string; phase: string; segmentsDone: number; segmentsTotal: number };

type ValidateState = {
  planId: string | null;
  planLoad: ValidatePlan;
  /** The latest validation of the chosen plan, or null when there is none. */
  result: ValidationResult | null;
  /** Set while a validation runs. */
  runningId: string | null;
  progress: Progress | null;
  starting: boolean;
  error: TallyErrorData | null;
};

export const useValidate = create<ValidateState>()(() => ({
  planId: null,
  planLoad: { status: 'none' },
  result: null,
  runningId: null,
  progress: null,
  starting: false,
  error: null,
}));

let subscribed = false;

function follow(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('validate.event', (event: ValidationEvent) => {
    const { runningId } = useValidate.getState();
    if (event.validationId !== runningId) return;
    if (event.type === 'progress')
      useValidate.setState({
        progress: {
          tableId: event.tableId,
          phase: event.phase,
          segmentsDone: event.segmentsDone,
          segmentsTotal: event.segmentsTotal,
        },
      });
    if (event.type === 'done') useValidate.setState({ result: event.result, runningId: null, progress: null });
    if (event.type === 'failed') useValidate.setState({ error: event.error, runningId: null, progress: null });
  });
}

async function latestValidation(planId: string): Promise<ValidationResult | null> {
  const list = await api.call('validate.list', {});
  const latest = list.find((v) => v.planId === planId);
  return latest ? api.call('validate.get', { validationId: latest.validationId }) : null;
}

export async function chooseValidatePlan(planId: string): Promise<void> {
  useValidate.setState({ planId, planLoad: { status: 'loading' }, error: null });
  try {
    const stored = await api.call('plan.get', { planId });
    useValidate.setState({
      planLoad: { status: 'loaded', planId, version: stored.version, plan: stored.plan },
    });
  } catch (error) {
    useValidate.setState({ planLoad: { status: 'failed', error: asErrorData(error) } });
    return;
  }
  try {
    const result = await latestValidation(planId);
    if (useValidate.getState().planId === planId) useValidate.setState({ result });
  } catch {
    // No checksum validation to show (or none can be read yet): the screen says so.
    useValidate.setState({ result: null });
  }
}

export async function startValidation(): Promise<void> {
  const { planLoad } = useValidate.getState();
  if (planLoad.status !== 'loaded') return;
  follow();
  useValidate.setState({ starting: true, error: null });
  try {
    const started = await api.call('validate.start', {
      plan: planLoad.plan,
      planId: planLoad.planId,
      planVersion: planLoad.version,
    });
    useValidate.setState({ runningId: started.validationId, starting: false });
    // A validation that finished before the subscription saw it: read its result.
    const result = await api.call('validate.get', { validationId: started.validationId });
    if (result.status !== 'running') useValidate.setState({ result, runningId: null, progress: null });
  } catch (error) {
    useValidate.setState({ starting: false, error: asErrorData(error) });
  }
}
