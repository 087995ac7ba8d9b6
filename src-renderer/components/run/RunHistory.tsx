import type { RunSummaryInfo } from '../../../src-shared/run';
import { formatInteger } from '../../lib/format';
import { loadRunHistory, selectRun, useRun } from '../../state/run';
import { ErrorNotice } from '../ErrorNotice';
import { RunStatusPill } from './RunStatusPill';
import { shortRunId } from './run-model';

function startedText(startedAt: string): string {
  return new Date(startedAt).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

function HistoryItem({ run, selected }: { run: RunSummaryInfo; selected: boolean }) {
  // A run this window follows reports its status and counts before the workspace is read again.
  const status = useRun((state) => state.live[run.runId]?.status ?? run.status);
  const dryRun = useRun((state) => run.dryRun === true || state.dryRunIds.includes(run.runId));
  const live = useRun((state) => state.live[run.runId]);
  const tables = live?.seenStart ? Object.values(live.tables) : run.tables;
  const read = tables.reduce((total, table) => total + table.read, 0);
  const written = tables.reduce((total, table) => total + table.written, 0);
  const rejected = tables.reduce((total, table) => total + table.rejected, 0);
  return (
    <li>
      <button
        type="button"
        className={selected ? 'run-history-item run-history-item-selected' : 'run-history-item'}
        aria-current={selected ? 'true' : undefined}
        aria-label={`Run ${shortRunId(run.runId)} of ${run.planName}, ${status}`}
        onClick={() => selectRun(run.runId)}
      >
        <span className="run-history-line">
          <RunStatusPill status={status} />
          {dryRun ? <span className="badge badge-dry">dry run</span> : null}
          {run.mode && run.mode !== 'plan' ? (
            <span className="badge" data-testid="run-mode">
              {run.mode}
            </span>
          ) : null}
          <span className="run-history-plan">{run.planName}</span>
        </span>
        <span className="run-history-line muted">
          <span className="mono">{shortRunId(run.runId)}</span> · {startedText(run.startedAt)}
        </span>
        <span className="run-history-line run-history-totals">
          {formatInteger(read)} read · {formatInteger(written)} written
          {rejected > 0 ? <span className="run-history-rejected"> · {formatInteger(rejected)} rejected</span> : null}
        </span>
      </button>
    </li>
  );
}

/** Every run of the workspace, newest first; choosing one shows its accounting and rejects. */
export function RunHistory() {
  const history = useRun((state) => state.history);
  const selectedRunId = useRun((state) => state.selectedRunId);
  return (
    <aside className="run-history" aria-label="Run history">
      <header className="run-history-header">
        <h2>History</h2>
        <button type="button" className="button-ghost" onClick={loadRunHistory}>
          Refresh
        </button>
      </header>
      <div className="run-history-scroll">
        {history.status === 'loading' ? <p className="muted run-history-empty">Reading the runs…</p> : null}
        {history.status === 'failed' ? <ErrorNotice error={history.error} compact /> : null}
        {history.status === 'loaded' && history.runs.length === 0 ? (
          <p className="muted run-history-empty">No run yet. Runs and dry runs of every plan are kept here.</p>
        ) : null}
        {history.status === 'loaded' ? (
          <ul>
            {history.runs.map((run) => (
              <HistoryItem key={run.runId} run={run} selected={run.runId === selectedRunId} />
            ))}
          </ul>
        ) : null}
      </div>
    </aside>
  );
}
