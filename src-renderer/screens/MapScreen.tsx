import { useEffect } from 'react';
import type { Plan } from '../../src-shared/plan';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { DriftNotice } from '../components/map/DriftNotice';
import { ExportMenu } from '../components/map/ExportMenu';
import { MapStart } from '../components/map/MapStart';
import { PlanFileMenu } from '../components/map/PlanFileMenu';
import { PlanHistoryButton, PlanHistoryDialog } from '../components/map/PlanHistory';
import { PlanTableList } from '../components/map/PlanTableList';
import { TableMappingView } from '../components/map/TableMappingView';
import { UnsavedChangesDialog } from '../components/map/UnsavedChangesDialog';
import { findTable } from '../lib/plan-edits';
import { setLeaveGuard } from '../state/navigation';
import {
  closePlan,
  hasUnsavedEdits,
  openPlan,
  redoEdit,
  savePlan,
  selectCanRedo,
  selectCanUndo,
  selectDirty,
  selectPlan,
  undoEdit,
  usePlanEditor,
} from '../state/plan-editor';
import { loadPlans, usePlans } from '../state/plans';

/** Keys typed into a text field belong to it (its own undo), not to the plan's undo. */
function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement)
    return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit'].includes(target.type);
}

/** Ctrl+Z / Ctrl+Shift+Z (or Ctrl+Y) undo and redo mapping edits; Ctrl+S saves. */
function useMapShortcuts(): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent): void => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key === 's') {
        event.preventDefault();
        void savePlan();
        return;
      }
      if (isTextEntry(event.target)) return;
      if (key === 'z' && !event.shiftKey) {
        event.preventDefault();
        undoEdit();
      } else if ((key === 'z' && event.shiftKey) || key === 'y') {
        event.preventDefault();
        redoEdit();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Unsaved edits hold the user back: from other steps (asked in the window) and from closing the window. */
function useUnsavedGuard(): void {
  useEffect(() => setLeaveGuard(hasUnsavedEdits), []);
  const dirty = usePlanEditor(selectDirty);
  useEffect(() => {
    // The browser asks on its own; in Electron the main process asks (will-prevent-unload).
    if (!dirty) return;
    const onBeforeUnload = (event: BeforeUnloadEvent): void => {
      event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
}

/** Step 4: decide how every target column is filled. */
export function MapScreen() {
  const plan = usePlanEditor(selectPlan);
  useEffect(loadPlans, []);
  useMapShortcuts();
  useUnsavedGuard();

  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step="map" title="Map">
          {plan ? <PlanActions plan={plan} /> : null}
        </ScreenHeader>
        {plan ? (
          <PlanWorkspace plan={plan} />
        ) : (
          <div className="screen-content">
            <MapStart />
          </div>
        )}
        <PlanHistoryDialog />
        <UnsavedChangesDialog />
      </div>
    </div>
  );
}

function PlanActions({ plan }: { plan: Plan }) {
  const plans = usePlans((state) => state.list);
  const planId = usePlanEditor((state) => state.planId);
  const version = usePlanEditor((state) => state.version);
  const dirty = usePlanEditor(selectDirty);
  const saving = usePlanEditor((state) => state.saving);
  const canUndo = usePlanEditor(selectCanUndo);
  const canRedo = usePlanEditor(selectCanRedo);
  const known = plans.some((candidate) => candidate.planId === planId);
  return (
    <>
      <label htmlFor="plan-picker" className="visually-hidden">
        Plan
      </label>
      <select
        id="plan-picker"
        className="plan-picker"
        value={planId ?? ''}
        onChange={(event) => {
          if (event.target.value === '') closePlan();
          else openPlan(event.target.value);
        }}
      >
        {!known && planId ? <option value={planId}>{plan.name}</option> : null}
        {plans.map((candidate) => (
          <option key={candidate.planId} value={candidate.planId}>
            {candidate.name} (v{candidate.latestVersion})
          </option>
        ))}
        <option value="">New plan…</option>
      </select>
      <div className="button-row" role="group" aria-label="Undo and redo">
        <button type="button" disabled={!canUndo} title="Undo (Ctrl+Z)" onClick={undoEdit}>
          Undo
        </button>
        <button type="button" disabled={!canRedo} title="Redo (Ctrl+Shift+Z)" onClick={redoEdit}>
          Redo
        </button>
      </div>
      {dirty ? (
        <span className="unsaved-marker" role="status" data-testid="save-state">
          ● Unsaved changes
        </span>
      ) : (
        <span className="saved-marker muted" role="status" data-testid="save-state">
          Saved{version === null ? '' : ` as version ${version}`}
        </span>
      )}
      <button type="button" className="button-primary" disabled={!dirty || saving} onClick={() => void savePlan()}>
        {saving ? 'Saving…' : 'Save'}
      </button>
      <PlanHistoryButton />
      <PlanFileMenu plan={plan} />
      <ExportMenu plan={plan} />
    </>
  );
}

function PlanWorkspace({ plan }: { plan: Plan }) {
  const tableId = usePlanEditor((state) => state.selectedTableId);
  const saveError = usePlanEditor((state) => state.saveError);
  const importError = usePlanEditor((state) => state.importError);
  const table = tableId ? findTable(plan, tableId) : undefined;
  return (
    <>
      <div className="map-notices">
        <DriftNotice />
        {saveError ? <ErrorNotice error={saveError} compact /> : null}
        {importError ? <ErrorNotice error={importError} compact /> : null}
      </div>
      <div className="map-workspace">
        <PlanTableList plan={plan} />
        {table ? (
          <TableMappingView plan={plan} table={table} />
        ) : (
          <div className="empty-state map-empty">Choose a table on the left.</div>
        )}
      </div>
    </>
  );
}
