import { useMemo } from 'react';
import { formatInteger } from '../../lib/format';
import {
  cancelRun,
  pauseRun,
  resumeRun,
  selectSelectedSummary,
  showRejects,
  tableNamesFrom,
  useRun,
} from '../../state/run';
import { ErrorNotice } from '../ErrorNotice';
import { ProgressBar } from './ProgressBar';
import { RejectsPanel } from './RejectsPanel';
import { RunStatusPill } from './RunStatusPill';
import { RunTables } from './RunTables';
import {
  formatDuration,
  isActive,
  overallOf,
  runTableRows,
  shortRunId,
  type LogLine,
  type Overall,
  type RunStatus,
} from './run-model';

function RunControls({ runId, status }: { runId: string; status: RunStatus }) {
  const steering = useRun((state) => (state.steering?.runId === runId ? state.steering.action : null));
  const active = isActive(status);
  return (
    <div className="button-row run-controls" role="group" aria-label="Run controls">
      <button
        type="button"
        disabled={!active || status === 'paused' || steering !== null}
        onClick={() => void pauseRun(runId)}
      >
        {steering === 'pause' ? 'Pausing…' : 'Pause'}
      </button>
      <button type="button" disabled={status !== 'paused' || steering !== null} onClick={() => void resumeRun(runId)}>
        {steering === 'resume' ? 'Resuming…' : 'Resume'}
      </button>
      <button
        type="button"
        className="button-danger"
        disabled={!active || steering !== null}
        onClick={() => void cancelRun(runId)}
      >
        {steering === 'cancel' ? 'Cancelling…' : 'Cancel'}
      </button>
    </div>
  );
}

function OverallProgress({ overall, status }: { overall: Overall; status: RunStatus }) {
  const tone =
    status === 'failed' ? 'failed' : status === 'paused' ? 'paused' : status === 'running' ? 'running' : 'done';
  const finished = !isActive(status);
  return (
    <div className="run-overall">
      <div className="run-overall-line">
        <span className="strong">Overall</span>
        <span data-testid="overall-read">
          {formatInteger(overall.read)}
          {overall.totalRows === null ? '' : ` of ${formatInteger(overall.totalRows)}`} rows read
        </span>
        <span className="muted">
          {overall.tablesFinished} of {overall.tableCount} tables
        </span>
        {overall.rowsPerSecond !== null ? (
          <span className="muted">{formatInteger(overall.rowsPerSecond)} rows/s</span>
        ) : null}
        {!finished && overall.etaSeconds !== null ? (
          <span className="muted">ETA {formatDuration(overall.etaSeconds)}</span>
        ) : null}
        {finished && overall.seconds > 0 ? <span className="muted">in {formatDuration(overall.seconds)}</span> : null}
        <span className="spacer" />
        <span>
          {formatInteger(overall.written)} written · {formatInteger(overall.rejected)} rejected ·{' '}
          {formatInteger(overall.filtered)} filtered
        </span>
      </div>
      <ProgressBar fraction={overall.fraction} label="Overall progress" tone={tone} />
    </div>
  );
}

/** What a dry run measured: nothing was kept, but the time and the rejects are those of the real run. */
function DryRunReport({ overall }: { overall: Overall }) {
  return (
    <div className="notice notice-success dry-run-report" role="note" aria-label="Dry run report">
      <span className="notice-message">
        <strong>Dry run finished — nothing was written to the target.</strong> Every row was read, transformed and
        written into scratch tables that were dropped. {formatInteger(overall.written)} rows would load,{' '}
        {formatInteger(overall.rejected)} would be rejected
        {overall.seconds > 0
          ? `; at the measured ${formatInteger(Math.round(overall.read / overall.seconds))} rows/s the run should take about ${formatDuration(overall.seconds)}`
          : ''}
        . Each table's time below is its projected time.
      </span>
    </div>
  );
}

function RunLog({ logs }: { logs: readonly LogLine[] }) {
  const warnings = logs.filter((line) => line.level === 'warn');
  if (logs.length === 0) return null;
  return (
    <section className="run-log" aria-label="Run log">
      <h3>
        Log{' '}
        {warnings.length > 0 ? (
          <span className="pill pill-warn">
            {warnings.length} warning{warnings.length === 1 ? '' : 's'}
          </span>
        ) : null}
      </h3>
      <ol className="run-log-lines">
        {logs.map((line, index) => (
          <li key={index} className={line.level === 'warn' ? 'run-log-warn' : 'run-log-info'}>
            <span className="run-log-level">{line.level === 'warn' ? '⚠ warning' : 'info'}</span>
            <span>{line.message}</span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** The chosen run: live progress while it works, its accounting once finished, its rejects on demand. */
export function RunView() {
  const runId = useRun((state) => state.selectedRunId);
  const summary = useRun(selectSelectedSummary);
  const live = useRun((state) => (runId === null ? undefined : state.live[runId]));
  const plan = useRun((state) => (runId === null ? undefined : state.runPlans[runId]));
  const dryRun = useRun((state) => runId !== null && state.dryRunIds.includes(runId));
  const steerError = useRun((state) => state.steerError);
  const rejects = useRun((state) => state.rejects);

  const names = useMemo(() => tableNamesFrom(plan), [plan]);
  const rows = useMemo(() => runTableRows(summary, live, names), [summary, live, names]);
  const overall = useMemo(() => overallOf(rows), [rows]);

  if (runId === null) return null;
  const status: RunStatus = live?.status ?? summary?.status ?? 'running';
  const error =
    live?.error ??
    (status === 'failed' && summary?.message ? { code: 'internal' as const, message: summary.message } : null);
  const openTable = rejects.status === 'closed' || rejects.runId !== runId ? null : rejects.tableId;
  const openRejectCount = rows.find((row) => row.tableId === openTable)?.rejected ?? 0;
  const targetOf = (tableId: string): string => rows.find((row) => row.tableId === tableId)?.target ?? tableId;

  return (
    <section className="run-view" aria-label="Selected run">
      <header className="run-view-header">
        <h2>
          {dryRun ? 'Dry run' : 'Run'} <span className="mono">{shortRunId(runId)}</span>
        </h2>
        <span role="status" aria-label="Run status">
          <RunStatusPill status={status} />
        </span>
        {live?.resumed ? <span className="pill">resumed from its checkpoint</span> : null}
        <span className="spacer" />
        <RunControls runId={runId} status={status} />
      </header>
      {summary ? (
        <p className="run-view-meta muted">
          {summary.planName} · started {new Date(summary.startedAt).toLocaleTimeString()}
          {summary.finishedAt ? `, finished ${new Date(summary.finishedAt).toLocaleTimeString()}` : ''}
        </p>
      ) : null}
      {steerError ? <ErrorNotice error={steerError} compact /> : null}
      {error ? <ErrorNotice error={error} /> : null}
      {status === 'cancelled' ? (
        <div className="notice notice-warn" role="note">
          <span className="notice-message">
            Cancelled at a batch boundary: the rows committed so far stay in the target, and their accounting is below.
          </span>
        </div>
      ) : null}
      <OverallProgress overall={overall} status={status} />
      {dryRun && status === 'done' ? <DryRunReport overall={overall} /> : null}
      <RunTables
        rows={rows}
        runStatus={status}
        openRejects={openTable}
        onShowRejects={(tableId) => showRejects(runId, tableId)}
      />
      {openTable !== null ? <RejectsPanel tableName={targetOf} expected={openRejectCount} /> : null}
      <RunLog logs={live?.logs ?? []} />
    </section>
  );
}
