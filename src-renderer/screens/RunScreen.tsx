import { useEffect, useState } from 'react';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { RunHistory } from '../components/run/RunHistory';
import { RunView } from '../components/run/RunView';
import { formatInteger } from '../lib/format';
import { goTo } from '../state/navigation';
import { loadPlans, usePlans } from '../state/plans';
import {
  choosePlan,
  openRunScreen,
  setBatchRows,
  setFresh,
  setRunMode,
  startRun,
  useRun,
  type RunMode,
} from '../state/run';

const modeLabels: Record<RunMode, string> = {
  plan: 'As planned',
  full: 'Full load',
  upsert: 'Upsert',
};

const modeHints: Record<RunMode, string> = {
  plan: "Each table's own write mode, as the plan says.",
  full: 'Every table: emptied, then loaded.',
  upsert: 'Every table: rows inserted, or replaced by key (running twice leaves the same target).',
};

function isRunMode(value: string): value is RunMode {
  return value === 'plan' || value === 'full' || value === 'upsert';
}

function PlanPicker() {
  const plans = usePlans((state) => state.list);
  const loaded = usePlans((state) => state.loaded);
  const planId = useRun((state) => state.planId);
  // The newest plan is the one just made on the Map screen: it is chosen unless the user chose another.
  const newest = plans[0]?.planId;
  useEffect(() => {
    if (newest && (planId === null || !plans.some((plan) => plan.planId === planId))) choosePlan(newest);
  }, [newest, planId, plans]);
  return (
    <>
      <label htmlFor="run-plan" className="inline-label">
        Plan
      </label>
      <select
        id="run-plan"
        value={planId ?? ''}
        disabled={plans.length === 0}
        onChange={(event) => {
          if (event.target.value) choosePlan(event.target.value);
        }}
      >
        {planId === null ? (
          <option value="" disabled>
            {loaded ? 'No saved plan' : 'Reading the plans…'}
          </option>
        ) : null}
        {plans.map((plan) => (
          <option key={plan.planId} value={plan.planId}>
            {plan.name} (v{plan.latestVersion})
          </option>
        ))}
      </select>
    </>
  );
}

function StartButtons({ primary }: { primary: 'run' | 'dry-run' }) {
  const ready = useRun((state) => state.planLoad.status === 'loaded');
  const starting = useRun((state) => state.starting);
  const busy = useRun((state) => Object.values(state.live).some((run) => run.status === 'running'));
  const disabled = !ready || starting !== null;
  const title = busy ? 'Another run is working; this one runs beside it.' : undefined;
  const dry = (
    <button
      key="dry"
      type="button"
      className={primary === 'dry-run' ? 'button-primary' : undefined}
      disabled={disabled}
      title={
        title ?? 'Rehearse into scratch tables that are dropped at the end: rejects, rows/s and the time it takes.'
      }
      onClick={() => void startRun('dry-run')}
    >
      {starting === 'dry-run' ? 'Starting…' : 'Dry run'}
    </button>
  );
  const run = (
    <button
      key="run"
      type="button"
      className={primary === 'run' ? 'button-primary' : undefined}
      disabled={disabled}
      title={title}
      onClick={() => void startRun('run')}
    >
      {starting === 'run' ? 'Starting…' : 'Start run'}
    </button>
  );
  return <>{primary === 'run' ? [dry, run] : [run, dry]}</>;
}

/** The batch size: adaptive (by row width) unless the user fixes it. */
function BatchRowsField() {
  const batchRows = useRun((state) => state.batchRows);
  const [text, setText] = useState(batchRows === null ? '' : String(batchRows));
  const commit = (value: string): void => {
    const parsed = Number.parseInt(value, 10);
    const next = value.trim() === '' || !Number.isFinite(parsed) || parsed < 1 ? null : parsed;
    setBatchRows(next);
    setText(next === null ? '' : String(next));
  };
  return (
    <label className="run-option">
      <span className="inline-label">Rows per batch</span>
      <input
        type="number"
        min={1}
        step={1}
        className="run-batch-input"
        placeholder="adaptive"
        value={text}
        onChange={(event) => setText(event.target.value)}
        onBlur={(event) => commit(event.target.value)}
        onKeyDown={(event) => {
          if (event.key === 'Enter') commit(event.currentTarget.value);
        }}
      />
    </label>
  );
}

function RunOptions() {
  const mode = useRun((state) => state.mode);
  const fresh = useRun((state) => state.fresh);
  const planLoad = useRun((state) => state.planLoad);
  const plan = planLoad.status === 'loaded' ? planLoad.plan : null;
  return (
    <div className="run-options" role="group" aria-label="Run options">
      {plan ? (
        <span className="run-plan-facts">
          <span className="mono">{plan.source.name ?? plan.source.url}</span>
          <span className="muted"> → </span>
          <span className="mono">{plan.target.name ?? plan.target.url}</span>
          <span className="muted">
            {' '}
            · {formatInteger(plan.tables.length)} tables in {formatInteger(plan.phases.length)} phase
            {plan.phases.length === 1 ? '' : 's'} · version {planLoad.status === 'loaded' ? planLoad.version : ''}
          </span>
        </span>
      ) : planLoad.status === 'loading' ? (
        <span className="muted">Reading the plan…</span>
      ) : null}
      <span className="spacer" />
      <label className="run-option">
        <span className="inline-label">Mode</span>
        <select
          value={mode}
          title={modeHints[mode]}
          onChange={(event) => {
            if (isRunMode(event.target.value)) setRunMode(event.target.value);
          }}
        >
          {(Object.keys(modeLabels) as RunMode[]).map((value) => (
            <option key={value} value={value} title={modeHints[value]}>
              {modeLabels[value]}
            </option>
          ))}
        </select>
      </label>
      <BatchRowsField />
      <label
        className="checkbox-field run-option"
        title="Without it, an unfinished (paused, failed or interrupted) run of the same plan resumes from its checkpoint."
      >
        <input type="checkbox" checked={fresh} onChange={(event) => setFresh(event.target.checked)} />
        <span>Start afresh</span>
      </label>
    </div>
  );
}

function NoPlan() {
  return (
    <div className="screen-content">
      <div className="empty-state">
        <p>There is no saved plan to run yet.</p>
        <p>Map a source to a target on the Map screen and save the plan; it can be run from here.</p>
        <button type="button" onClick={() => goTo('map')}>
          Go to Map
        </button>
      </div>
    </div>
  );
}

/** Steps 5 and 6: rehearse a saved plan (dry run) or run it, follow it live, and read its accounting. */
export function RunScreen({ step }: { step: 'run' | 'dry-run' }) {
  const plansLoaded = usePlans((state) => state.loaded);
  const plansError = usePlans((state) => state.loadError);
  const hasPlans = usePlans((state) => state.list.length > 0);
  const planLoad = useRun((state) => state.planLoad);
  const startError = useRun((state) => state.startError);
  const selectedRunId = useRun((state) => state.selectedRunId);

  useEffect(() => {
    loadPlans();
    openRunScreen();
    // The plan may have a newer version since this screen was last shown.
    const { planId } = useRun.getState();
    if (planId) choosePlan(planId);
  }, []);

  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step={step} title={step === 'run' ? 'Run' : 'Dry run'}>
          <PlanPicker />
          <StartButtons primary={step} />
        </ScreenHeader>
        {plansError ? (
          <div className="screen-content">
            <ErrorNotice error={plansError} />
          </div>
        ) : plansLoaded && !hasPlans ? (
          <NoPlan />
        ) : (
          <>
            <RunOptions />
            <div className="run-workspace">
              <div className="run-main">
                {planLoad.status === 'failed' ? <ErrorNotice error={planLoad.error} /> : null}
                {startError ? <ErrorNotice error={startError} /> : null}
                {selectedRunId === null ? (
                  <div className="empty-state">
                    <p>
                      <strong>Dry run</strong> rehearses the plan into scratch tables that are dropped at the end: every
                      row read, transformed and checked, with its rejects and the time a real run will take.
                    </p>
                    <p>
                      <strong>Start run</strong> loads the target in batches, table by table in foreign-key order, with
                      a checkpoint after every batch.
                    </p>
                  </div>
                ) : (
                  <RunView />
                )}
              </div>
              <RunHistory />
            </div>
          </>
        )}
      </div>
    </div>
  );
}
