import type { FormEvent } from 'react';
import { openNewConnection } from '../../state/connection-form';
import { useConnections } from '../../state/connections';
import { goTo } from '../../state/navigation';
import { openPlan, usePlanEditor } from '../../state/plan-editor';
import {
  autoMapPlan,
  chooseSource,
  chooseTarget,
  setAllTables,
  setPlanName,
  toggleTable,
  usePlanStart,
} from '../../state/plan-start';
import { usePlans } from '../../state/plans';
import { ErrorNotice } from '../ErrorNotice';
import { Field } from '../Field';
import { ImportPlanFileButton } from './PlanFileMenu';

/** No plan open: auto-map a new one from two saved connections, or open a saved one. */
export function MapStart() {
  return (
    <div className="map-start">
      <NewPlanForm />
      <SavedPlans />
    </div>
  );
}

function NewPlanForm() {
  const connections = useConnections((state) => state.list);
  const sourceId = usePlanStart((state) => state.sourceId);
  const targetId = usePlanStart((state) => state.targetId);
  const name = usePlanStart((state) => state.name);
  const creating = usePlanStart((state) => state.creating);
  const error = usePlanStart((state) => state.error);
  const sources = connections.filter((connection) => connection.role === 'source');
  const targets = connections.filter((connection) => connection.role === 'target');

  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    void autoMapPlan();
  };

  const addTarget = (): void => {
    openNewConnection({ role: 'target', dialect: 'sqlite' });
    goTo('connect');
  };

  return (
    <form className="map-start-card" aria-label="New plan" onSubmit={onSubmit} noValidate>
      <h2>New plan</h2>
      <p className="muted">
        Tally inspects both databases and maps every source table to the target table of the same name, or to a new one
        it creates; columns are matched by name, with the reason shown for each.
      </p>
      <div className="form-grid">
        <Field id="plan-source" label="Source">
          <select
            id="plan-source"
            value={sourceId ?? ''}
            onChange={(event) => chooseSource(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">{sources.length === 0 ? 'No source connection' : 'Choose the source…'}</option>
            {sources.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name}
              </option>
            ))}
          </select>
        </Field>
        <Field
          id="plan-target"
          label="Target"
          hint={
            targets.length === 0 ? (
              <button type="button" className="link-button" onClick={addTarget}>
                Add a target connection
              </button>
            ) : null
          }
        >
          <select
            id="plan-target"
            value={targetId ?? ''}
            onChange={(event) => chooseTarget(event.target.value === '' ? null : event.target.value)}
          >
            <option value="">{targets.length === 0 ? 'No target connection yet' : 'Choose the target…'}</option>
            {targets.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name}
              </option>
            ))}
          </select>
        </Field>
        <Field id="plan-name" label="Plan name" wide hint="Optional; Tally names it after the two databases.">
          <input
            id="plan-name"
            value={name}
            placeholder="e.g. Legacy shop to warehouse"
            onChange={(event) => setPlanName(event.target.value)}
          />
        </Field>
        <TableChoice />
      </div>
      {error ? <ErrorNotice error={error} /> : null}
      <div className="button-row">
        {creating ? (
          <span className="notice notice-progress" role="status">
            <span className="spinner" aria-hidden="true" /> Inspecting both databases and matching columns…
          </span>
        ) : null}
        <span className="spacer" />
        <button type="submit" className="button-primary" disabled={creating}>
          Auto-map
        </button>
      </div>
    </form>
  );
}

function TableChoice() {
  const sourceTables = usePlanStart((state) => state.sourceTables);
  const allTables = usePlanStart((state) => state.allTables);
  const chosen = usePlanStart((state) => state.chosenTables);
  return (
    <fieldset className="field field-wide table-choice">
      <legend>Tables</legend>
      <div className="checkbox-row">
        <label className="checkbox-field">
          <input type="radio" name="plan-tables" checked={allTables} onChange={() => setAllTables(true)} />
          All tables of the source
        </label>
        <label className="checkbox-field">
          <input
            type="radio"
            name="plan-tables"
            checked={!allTables}
            disabled={sourceTables.status !== 'loaded'}
            onChange={() => setAllTables(false)}
          />
          Only these:
        </label>
        {sourceTables.status === 'loading' ? <span className="muted">reading the source's tables…</span> : null}
      </div>
      {sourceTables.status === 'failed' ? <ErrorNotice error={sourceTables.error} compact /> : null}
      {!allTables && sourceTables.status === 'loaded' ? (
        <div className="table-choice-list" role="group" aria-label="Source tables">
          {sourceTables.tables.map((table) => (
            <label key={table} className="checkbox-field">
              <input type="checkbox" checked={chosen.includes(table)} onChange={() => toggleTable(table)} />
              <span className="mono">{table}</span>
            </label>
          ))}
        </div>
      ) : null}
    </fieldset>
  );
}

function SavedPlans() {
  const plans = usePlans((state) => state.list);
  const loaded = usePlans((state) => state.loaded);
  const loadError = usePlans((state) => state.loadError);
  const opening = usePlanEditor((state) => state.opening);
  const openError = usePlanEditor((state) => state.openError);
  const importError = usePlanEditor((state) => state.importError);
  return (
    <section className="map-start-card" aria-label="Saved plans">
      <h2>Saved plans</h2>
      {loadError ? <ErrorNotice error={loadError} compact /> : null}
      {openError ? <ErrorNotice error={openError} compact /> : null}
      {!loaded ? <p className="muted">Loading saved plans…</p> : null}
      {loaded && plans.length === 0 ? <p className="muted">No plan is saved in this workspace yet.</p> : null}
      <ul className="saved-plans">
        {plans.map((plan, index) => (
          <li key={plan.planId} className="saved-plan">
            <div>
              <div className="strong">{plan.name}</div>
              <div className="muted">
                version {plan.latestVersion}, saved {new Date(plan.savedAt).toLocaleString()}
              </div>
            </div>
            <button
              type="button"
              className={index === 0 ? 'button-primary' : undefined}
              disabled={opening}
              aria-label={`Open ${plan.name}`}
              onClick={() => openPlan(plan.planId)}
            >
              {index === 0 ? 'Continue' : 'Open'}
            </button>
          </li>
        ))}
      </ul>
      <div className="plan-file-import">
        <p className="muted">
          Or bring a plan file (<span className="mono">.plan.json</span>) exported from Tally or written by{' '}
          <span className="mono">tally plan</span>: it is saved here as a new plan and opened.
        </p>
        <div className="button-row">
          <ImportPlanFileButton />
        </div>
        {importError ? <ErrorNotice error={importError} /> : null}
      </div>
    </section>
  );
}
