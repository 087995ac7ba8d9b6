/**
 * Applying a suggested rule: the step goes into the transform chain of the target column that the
 * profiled column fills, in the plan open on the Map screen (an undoable edit there). With no plan
 * for this source open, the newest saved one is opened, or one is auto-mapped as the Map screen
 * does (plan.create, then plan.save as version 1).
 */
import { create } from 'zustand';
import type { Plan, TableMapping } from '../../src-shared/plan';
import { formatTableRef } from '../../src-shared/schema-info';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';
import type { RuleSuggestion } from '../lib/profile-rules';
import { useConnections } from './connections';
import {
  addTransform,
  focusColumn,
  hasUnsavedEdits,
  selectPlan,
  selectTable,
  showCreatedPlan,
  usePlanEditor,
} from './plan-editor';
import { loadPlans } from './plans';
import { useProfile } from './profile';

export type AppliedRule = { ok: true; message: string } | { ok: false; message: string };

type ProfileRulesState = {
  /** The suggestion being applied (a plan may be created first). */
  applying: string | null;
  /** What happened to each suggestion the user applied, by its id. */
  results: Readonly<Record<string, AppliedRule>>;
};

export const useProfileRules = create<ProfileRulesState>()(() => ({ applying: null, results: {} }));

function sourceUrl(): string | null {
  const { connectionId } = useProfile.getState();
  return useConnections.getState().list.find((c) => c.id === connectionId)?.url ?? null;
}

/** The plan mapping this source: the open one, else the newest saved one, else a new auto-mapped one. */
async function planForSource(url: string): Promise<Plan> {
  const open = selectPlan(usePlanEditor.getState());
  if (open && open.source.url === url) return open;
  if (open && hasUnsavedEdits())
    throw new Error(`The plan open on Map (“${open.name}”) has unsaved edits: save or discard them first.`);
  const saved = [...(await api.call('plan.list', {}))].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
  for (const summary of saved) {
    const latest = await api.call('plan.get', { planId: summary.planId });
    if (latest.plan.source.url === url) {
      showCreatedPlan(latest.planId, latest.version, latest.savedAt, latest.plan);
      return latest.plan;
    }
  }
  const { connectionId } = useProfile.getState();
  const target = useConnections.getState().list.find((c) => c.role === 'target');
  if (!connectionId || !target)
    throw new Error(
      'A rule goes into a plan from this source to a target, and there is no target connection yet: add one on Connect.',
    );
  const plan = await api.call('plan.create', {
    source: { connectionId },
    target: { connectionId: target.id },
  });
  const created = await api.call('plan.save', { plan, note: 'Auto-mapped from the Profile screen' });
  showCreatedPlan(created.planId, created.version, created.savedAt, plan);
  loadPlans();
  return plan;
}

function tableFor(plan: Plan, profiled: string): TableMapping | undefined {
  return plan.tables.find((t) => 'table' in t.source && formatTableRef(t.source.table) === profiled);
}

function record(id: string, result: AppliedRule): void {
  useProfileRules.setState((current) => ({ applying: null, results: { ...current.results, [id]: result } }));
}

export async function applySuggestion(suggestion: RuleSuggestion): Promise<void> {
  if (useProfileRules.getState().applying) return;
  const url = sourceUrl();
  if (!url) return;
  useProfileRules.setState({ applying: suggestion.id });
  try {
    const plan = await planForSource(url);
    const table = tableFor(plan, suggestion.table);
    if (!table) {
      record(suggestion.id, { ok: false, message: `The plan “${plan.name}” does not map ${suggestion.table}.` });
      return;
    }
    const columns = table.columns.filter((c) => c.sources.includes(suggestion.column));
    const column = columns.find((c) => c.target === suggestion.column) ?? columns[0];
    if (!column) {
      record(suggestion.id, {
        ok: false,
        message: `No target column of ${table.target.name} is filled from ${suggestion.table}.${suggestion.column}.`,
      });
      return;
    }
    const where = `${table.target.name}.${column.target}`;
    const stepText = JSON.stringify(suggestion.step);
    if (column.transforms.some((step) => JSON.stringify(step) === stepText)) {
      record(suggestion.id, { ok: true, message: `Already in the chain of ${where} in “${plan.name}”.` });
      return;
    }
    selectTable(table.id);
    addTransform([column.target], suggestion.step);
    focusColumn(column.target);
    record(suggestion.id, {
      ok: true,
      message: `Added ${suggestion.step.name} to the chain of ${where} in “${plan.name}” (unsaved; undo on Map).`,
    });
  } catch (error: unknown) {
    record(suggestion.id, {
      ok: false,
      message: error instanceof Error && !('code' in error) ? error.message : asErrorData(error).message,
    });
  }
}
