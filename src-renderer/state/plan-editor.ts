/**
 * The plan open on the Map screen: its edits with their undo history, whether they are saved,
 * the table and column in focus, the drift report, and the question asked before unsaved edits
 * would be lost.
 */
import { create } from 'zustand';
import type { ConnectionTarget } from '../../src-shared/connection';
import type { TallyErrorData } from '../../src-shared/errors';
import type { ColumnMapping, Plan } from '../../src-shared/plan';
import type { DriftReport } from '../../src-shared/plan-compare';
import { formatTableRef } from '../../src-shared/schema-info';
import type { TransformStep } from '../../src-shared/transforms/transform';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';
import type { RowFilter } from '../lib/mapping-rows';
import {
  addStep,
  addTargetColumn,
  clearMapping,
  findTable,
  moveStep,
  planSnapshot,
  removeStep,
  removeTargetColumn,
  replaceStep,
  replaceTableMapping,
  setDefault,
  setOnError,
  setReview,
  setSources,
  updateColumns,
  type DefaultValue,
  type NewTargetColumn,
  type ReviewChange,
} from '../lib/plan-edits';
import { canRedo, canUndo, record, redo, startHistory, undo, type UndoHistory } from '../lib/undo-history';
import { useConnections } from './connections';
import { resetPreviewView } from './map-preview';
import { continueLeaving, stayHere, useNavigation } from './navigation';
import { loadPlans } from './plans';

export type Drift =
  | { status: 'idle' }
  | { status: 'checking' }
  | { status: 'done'; report: DriftReport }
  | { status: 'failed'; error: TallyErrorData };

/** What waits for the answer to "discard unsaved changes?". Leaving the screen waits in navigation. */
export type PendingAction = { kind: 'open'; planId: string } | { kind: 'close' };

type PlanEditorState = {
  planId: string | null;
  version: number | null;
  savedAt: string | null;
  history: UndoHistory<Plan> | null;
  /** The plan as last saved, to tell whether there are unsaved edits. */
  savedSnapshot: string | null;
  opening: boolean;
  openError: TallyErrorData | null;
  saving: boolean;
  saveError: TallyErrorData | null;
  drift: Drift;
  selectedTableId: string | null;
  /** The target column whose sources and transform chain the side panel edits. */
  focusedColumn: string | null;
  /** Rows ticked in the grid, for bulk edits. */
  selectedColumns: readonly string[];
  search: string;
  filter: RowFilter;
  /** A sentence about the last edit that could not be made (e.g. a default that is not a number). */
  editError: string | null;
  remapping: boolean;
  pending: PendingAction | null;
  /** A plan file being read and saved into the workspace. */
  importing: boolean;
  /** Why the last plan file was refused (one sentence saying where). */
  importError: TallyErrorData | null;
};

const closed: PlanEditorState = {
  planId: null,
  version: null,
  savedAt: null,
  history: null,
  savedSnapshot: null,
  opening: false,
  openError: null,
  saving: false,
  saveError: null,
  drift: { status: 'idle' },
  selectedTableId: null,
  focusedColumn: null,
  selectedColumns: [],
  search: '',
  filter: 'all',
  editError: null,
  remapping: false,
  pending: null,
  importing: false,
  importError: null,
};

export const usePlanEditor = create<PlanEditorState>()(() => closed);

// ---- Selectors ----------------------------------------------------------------------------

export function selectPlan(state: PlanEditorState): Plan | null {
  return state.history?.present ?? null;
}

export function selectDirty(state: PlanEditorState): boolean {
  const plan = selectPlan(state);
  return plan !== null && state.savedSnapshot !== planSnapshot(plan);
}

export function selectCanUndo(state: PlanEditorState): boolean {
  return state.history !== null && canUndo(state.history);
}

export function selectCanRedo(state: PlanEditorState): boolean {
  return state.history !== null && canRedo(state.history);
}

export function hasUnsavedEdits(): boolean {
  return selectDirty(usePlanEditor.getState());
}

// ---- Opening, saving, closing -------------------------------------------------------------

function firstTableId(plan: Plan): string | null {
  const first = plan.phases.flatMap((phase) => phase.tables)[0] ?? plan.tables[0]?.id;
  return first ?? null;
}

function show(planId: string, version: number, savedAt: string, plan: Plan): void {
  const tableId = firstTableId(plan);
  resetPreviewView();
  usePlanEditor.setState({
    ...closed,
    planId,
    version,
    savedAt,
    history: startHistory(plan),
    savedSnapshot: planSnapshot(plan),
    selectedTableId: tableId,
    focusedColumn: (tableId ? findTable(plan, tableId)?.columns[0]?.target : undefined) ?? null,
  });
  checkDrift(plan);
}

/** Shows a plan just created and saved by the start form. */
export function showCreatedPlan(planId: string, version: number, savedAt: string, plan: Plan): void {
  show(planId, version, savedAt, plan);
}

async function openNow(planId: string): Promise<void> {
  usePlanEditor.setState({ opening: true, openError: null, pending: null });
  try {
    const saved = await api.call('plan.get', { planId });
    show(saved.planId, saved.version, saved.savedAt, saved.plan);
  } catch (error: unknown) {
    usePlanEditor.setState({ opening: false, openError: asErrorData(error) });
  }
}

/** Opens a saved plan; with unsaved edits, asks first. */
export function openPlan(planId: string): void {
  if (hasUnsavedEdits()) {
    usePlanEditor.setState({ pending: { kind: 'open', planId } });
    return;
  }
  void openNow(planId);
}

/** Back to the start form (to auto-map a new plan); with unsaved edits, asks first. */
export function closePlan(): void {
  if (hasUnsavedEdits()) {
    usePlanEditor.setState({ pending: { kind: 'close' } });
    return;
  }
  usePlanEditor.setState(closed);
}

export async function savePlan(note?: string): Promise<boolean> {
  const state = usePlanEditor.getState();
  const plan = selectPlan(state);
  if (!plan || state.saving) return false;
  usePlanEditor.setState({ saving: true, saveError: null });
  try {
    const saved = await api.call('plan.save', { planId: state.planId ?? undefined, plan, note });
    usePlanEditor.setState({
      saving: false,
      planId: saved.planId,
      version: saved.version,
      savedAt: saved.savedAt,
      savedSnapshot: planSnapshot(plan),
    });
    loadPlans();
    return true;
  } catch (error: unknown) {
    usePlanEditor.setState({ saving: false, saveError: asErrorData(error) });
    return false;
  }
}

/** The plan as a file: pretty JSON, the same shape `plan.import` and `tally plan` read. */
export function planFileText(plan: Plan): string {
  return `${JSON.stringify(plan, null, 2)}\n`;
}

/**
 * Saves a plan file's text as a new plan in the workspace and opens it. A refused file leaves
 * the open plan as it is and says why; with unsaved edits, opening the imported plan asks first.
 */
export async function importPlanFile(content: string, fileName?: string): Promise<boolean> {
  if (usePlanEditor.getState().importing) return false;
  usePlanEditor.setState({ importing: true, importError: null });
  try {
    const imported = await api.call('plan.import', {
      content,
      ...(fileName ? { note: `imported from ${fileName}` } : {}),
    });
    loadPlans();
    if (hasUnsavedEdits()) {
      usePlanEditor.setState({ importing: false, pending: { kind: 'open', planId: imported.planId } });
    } else {
      show(imported.planId, imported.version, imported.savedAt, imported.plan);
    }
    return true;
  } catch (error: unknown) {
    usePlanEditor.setState({ importing: false, importError: asErrorData(error) });
    return false;
  }
}

/** Reads a file the user chose and imports it; a file that cannot be read is said so like a refused one. */
export async function importPlanFileFrom(file: File): Promise<boolean> {
  let content: string;
  try {
    content = await file.text();
  } catch (error: unknown) {
    usePlanEditor.setState({
      importError: {
        code: 'bad-input',
        message: `Could not read ${file.name}: ${error instanceof Error ? error.message : String(error)}.`,
      },
    });
    return false;
  }
  return importPlanFile(content, file.name);
}

function discardEdits(): void {
  const state = usePlanEditor.getState();
  if (!state.history || state.savedSnapshot === null) return;
  const saved = JSON.parse(state.savedSnapshot) as Plan;
  usePlanEditor.setState({ history: startHistory(saved), editError: null });
}

function runPending(pending: PendingAction): void {
  switch (pending.kind) {
    case 'open':
      void openNow(pending.planId);
      return;
    case 'close':
      usePlanEditor.setState(closed);
      return;
  }
}

/** The answer to "unsaved changes": save then go on, discard then go on, or stay. */
export async function answerUnsaved(answer: 'save' | 'discard' | 'stay'): Promise<void> {
  const { pending } = usePlanEditor.getState();
  const leaving = useNavigation.getState().blocked !== null;
  if (answer === 'stay') {
    usePlanEditor.setState({ pending: null });
    stayHere();
    return;
  }
  if (answer === 'save') {
    const saved = await savePlan();
    if (!saved) return; // the save error shows; the question stays open
  } else {
    discardEdits();
  }
  usePlanEditor.setState({ pending: null });
  if (pending) runPending(pending);
  if (leaving) continueLeaving();
}

// ---- Drift --------------------------------------------------------------------------------

function checkDrift(plan: Plan): void {
  usePlanEditor.setState({ drift: { status: 'checking' } });
  api
    .call('plan.drift', { plan })
    .then((report) => usePlanEditor.setState({ drift: { status: 'done', report } }))
    .catch((error: unknown) => usePlanEditor.setState({ drift: { status: 'failed', error: asErrorData(error) } }));
}

export function recheckDrift(): void {
  const plan = selectPlan(usePlanEditor.getState());
  if (plan) checkDrift(plan);
}

// ---- Selection and filters ----------------------------------------------------------------

export function selectTable(tableId: string): void {
  const plan = selectPlan(usePlanEditor.getState());
  const table = plan ? findTable(plan, tableId) : undefined;
  usePlanEditor.setState({
    selectedTableId: tableId,
    focusedColumn: table?.columns[0]?.target ?? null,
    selectedColumns: [],
    editError: null,
  });
}

export function focusColumn(target: string | null): void {
  if (usePlanEditor.getState().focusedColumn === target) return;
  usePlanEditor.setState({ focusedColumn: target });
}

export function setSelectedColumns(targets: readonly string[]): void {
  usePlanEditor.setState({ selectedColumns: targets });
}

export function setSearch(search: string): void {
  usePlanEditor.setState({ search });
}

export function setFilter(filter: RowFilter): void {
  usePlanEditor.setState({ filter });
}

export function showEditError(message: string | null): void {
  usePlanEditor.setState({ editError: message });
}

// ---- Edits (each one an undo step) --------------------------------------------------------

function edit(change: (plan: Plan) => Plan): void {
  const { history } = usePlanEditor.getState();
  if (!history) return;
  const next = change(history.present);
  if (next === history.present) return;
  usePlanEditor.setState({ history: record(history, next), editError: null, saveError: null });
}

function editColumns(targets: readonly string[], change: (column: ColumnMapping) => ColumnMapping): void {
  const { selectedTableId } = usePlanEditor.getState();
  if (!selectedTableId || targets.length === 0) return;
  edit((plan) => updateColumns(plan, selectedTableId, targets, change));
}

export function undoEdit(): void {
  const { history } = usePlanEditor.getState();
  if (history && canUndo(history)) usePlanEditor.setState({ history: undo(history), editError: null });
}

export function redoEdit(): void {
  const { history } = usePlanEditor.getState();
  if (history && canRedo(history)) usePlanEditor.setState({ history: redo(history), editError: null });
}

export function editSources(target: string, sources: readonly string[]): void {
  editColumns([target], (column) => setSources(column, sources));
}

export function editDefault(target: string, value: DefaultValue | undefined): void {
  editColumns([target], (column) => setDefault(column, value));
}

export function editOnError(target: string, onError: ColumnMapping['onError']): void {
  editColumns([target], (column) => setOnError(column, onError));
}

export function editReview(targets: readonly string[], change: ReviewChange): void {
  editColumns(targets, (column) => setReview(column, change));
}

export function clearColumns(targets: readonly string[]): void {
  editColumns(targets, clearMapping);
}

export function addTransform(targets: readonly string[], step: TransformStep): void {
  editColumns(targets, (column) => addStep(column, step));
}

export function removeTransform(target: string, index: number): void {
  editColumns([target], (column) => removeStep(column, index));
}

export function moveTransform(target: string, index: number, by: -1 | 1): void {
  editColumns([target], (column) => moveStep(column, index, by));
}

export function replaceTransform(target: string, index: number, step: TransformStep): void {
  editColumns([target], (column) => replaceStep(column, index, step));
}

export function addColumn(column: NewTargetColumn): boolean {
  const state = usePlanEditor.getState();
  const plan = selectPlan(state);
  if (!plan || !state.selectedTableId) return false;
  const result = addTargetColumn(plan, state.selectedTableId, column);
  if (!result.ok) {
    showEditError(result.message);
    return false;
  }
  edit(() => result.plan);
  usePlanEditor.setState({ focusedColumn: column.name.trim() });
  return true;
}

export function removeColumn(target: string): void {
  const state = usePlanEditor.getState();
  const plan = selectPlan(state);
  if (!plan || !state.selectedTableId) return;
  const result = removeTargetColumn(plan, state.selectedTableId, target);
  if (!result.ok) {
    showEditError(result.message);
    return;
  }
  edit(() => result.plan);
  usePlanEditor.setState((current) => ({
    focusedColumn: current.focusedColumn === target ? null : current.focusedColumn,
    selectedColumns: current.selectedColumns.filter((name) => name !== target),
  }));
}

/** Where `plan.create` should look for one side of the plan: its saved connection when there is one. */
function connectionTargetFor(url: string, role: 'source' | 'target'): ConnectionTarget {
  const saved = useConnections.getState().list.find((c) => c.url === url && c.role === role);
  const anyRole = useConnections.getState().list.find((c) => c.url === url);
  const connection = saved ?? anyRole;
  return connection ? { connectionId: connection.id } : { url };
}

/** Runs the auto-mapper again for the selected table and puts its answer in place (undoable). */
export async function autoMapTable(): Promise<void> {
  const state = usePlanEditor.getState();
  const plan = selectPlan(state);
  const tableId = state.selectedTableId;
  const table = plan && tableId ? findTable(plan, tableId) : undefined;
  if (!plan || !tableId || !table) return;
  if (!('table' in table.source)) {
    showEditError('A table read from a query has no source table to auto-map from.');
    return;
  }
  usePlanEditor.setState({ remapping: true, editError: null });
  try {
    const fresh = await api.call('plan.create', {
      source: connectionTargetFor(plan.source.url, 'source'),
      target: connectionTargetFor(plan.target.url, 'target'),
      tables: [formatTableRef(table.source.table)],
      name: plan.name,
    });
    const mapped = fresh.tables[0];
    usePlanEditor.setState({ remapping: false });
    if (!mapped) {
      showEditError('The auto-mapper returned no mapping for this table.');
      return;
    }
    edit((current) => replaceTableMapping(current, tableId, mapped));
  } catch (error: unknown) {
    usePlanEditor.setState({ remapping: false, editError: asErrorData(error).message });
  }
}
