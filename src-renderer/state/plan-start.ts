/**
 * The start of a plan: a source and a target saved connection, optionally the tables to map,
 * then "Auto-map" (plan.create, then plan.save as its first version).
 */
import { create } from 'zustand';
import type { TallyErrorData } from '../../src-shared/errors';
import { formatTableRef } from '../../src-shared/schema-info';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';
import { showCreatedPlan } from './plan-editor';
import { loadPlans } from './plans';

export type SourceTables =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'loaded'; tables: readonly string[] }
  | { status: 'failed'; error: TallyErrorData };

type PlanStartState = {
  sourceId: string | null;
  targetId: string | null;
  name: string;
  sourceTables: SourceTables;
  /** Only these source tables; all of them when `allTables` is set. */
  chosenTables: readonly string[];
  allTables: boolean;
  creating: boolean;
  error: TallyErrorData | null;
};

const initial: PlanStartState = {
  sourceId: null,
  targetId: null,
  name: '',
  sourceTables: { status: 'idle' },
  chosenTables: [],
  allTables: true,
  creating: false,
  error: null,
};

export const usePlanStart = create<PlanStartState>()(() => initial);

let inspecting: AbortController | null = null;

export function chooseSource(sourceId: string | null): void {
  inspecting?.abort();
  inspecting = null;
  usePlanStart.setState({ sourceId, sourceTables: { status: 'idle' }, chosenTables: [], allTables: true, error: null });
  if (!sourceId) return;
  const controller = new AbortController();
  inspecting = controller;
  usePlanStart.setState({ sourceTables: { status: 'loading' } });
  api
    .call('schema.inspect', { target: { connectionId: sourceId } }, { signal: controller.signal })
    .then((info) => {
      if (inspecting !== controller) return;
      const tables = info.tables.filter((table) => table.kind === 'table').map((table) => formatTableRef(table));
      usePlanStart.setState({ sourceTables: { status: 'loaded', tables } });
    })
    .catch((error: unknown) => {
      if (inspecting !== controller) return;
      usePlanStart.setState({ sourceTables: { status: 'failed', error: asErrorData(error) } });
    });
}

export function chooseTarget(targetId: string | null): void {
  usePlanStart.setState({ targetId, error: null });
}

export function setPlanName(name: string): void {
  usePlanStart.setState({ name });
}

export function setAllTables(allTables: boolean): void {
  usePlanStart.setState({ allTables });
}

export function toggleTable(table: string): void {
  usePlanStart.setState((current) => ({
    chosenTables: current.chosenTables.includes(table)
      ? current.chosenTables.filter((name) => name !== table)
      : [...current.chosenTables, table],
  }));
}

/** Auto-maps the chosen source to the target, saves the plan as version 1 and opens it. */
export async function autoMapPlan(): Promise<void> {
  const { sourceId, targetId, name, allTables, chosenTables, creating } = usePlanStart.getState();
  if (creating) return;
  if (!sourceId || !targetId) {
    usePlanStart.setState({ error: { code: 'bad-input', message: 'Choose a source and a target connection first.' } });
    return;
  }
  if (!allTables && chosenTables.length === 0) {
    usePlanStart.setState({ error: { code: 'bad-input', message: 'Choose at least one table, or map all of them.' } });
    return;
  }
  usePlanStart.setState({ creating: true, error: null });
  try {
    const plan = await api.call('plan.create', {
      source: { connectionId: sourceId },
      target: { connectionId: targetId },
      tables: allTables ? undefined : [...chosenTables],
      name: name.trim() === '' ? undefined : name.trim(),
    });
    const saved = await api.call('plan.save', { plan, note: 'Auto-mapped' });
    showCreatedPlan(saved.planId, saved.version, saved.savedAt, plan);
    usePlanStart.setState({ creating: false, name: '' });
    loadPlans();
  } catch (error: unknown) {
    usePlanStart.setState({ creating: false, error: asErrorData(error) });
  }
}
