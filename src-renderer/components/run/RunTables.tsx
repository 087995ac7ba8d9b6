import { formatInteger } from '../../lib/format';
import { ProgressBar } from './ProgressBar';
import { addsUp, formatDuration, isTableFinished, tableFraction, type RunStatus, type RunTableRow } from './run-model';

type Props = {
  rows: readonly RunTableRow[];
  runStatus: RunStatus;
  /** The table whose rejects are open below, if any. */
  openRejects: string | null;
  onShowRejects: (tableId: string) => void;
};

const statusLabels: Record<RunTableRow['status'], string> = {
  pending: 'waiting',
  loading: 'loading',
  loaded: 'loaded',
  done: 'done',
  failed: 'failed',
};

function barTone(row: RunTableRow, runStatus: RunStatus): 'running' | 'paused' | 'done' | 'failed' {
  if (row.status === 'failed') return 'failed';
  if (isTableFinished(row.status)) return 'done';
  return runStatus === 'paused' ? 'paused' : 'running';
}

function ReadCell({ row }: { row: RunTableRow }) {
  const total = row.totalRows ?? (isTableFinished(row.status) ? row.read : null);
  return (
    <span className="run-read">
      <span data-field="read">{formatInteger(row.read)}</span>
      <span className="muted"> / {total === null ? '—' : formatInteger(total)}</span>
    </span>
  );
}

function TimeCell({ row, runStatus }: { row: RunTableRow; runStatus: RunStatus }) {
  if (isTableFinished(row.status) && row.seconds !== null) return <span>{formatDuration(row.seconds)}</span>;
  if (row.status !== 'loading') return <span className="muted">—</span>;
  if (runStatus === 'paused') return <span className="muted">paused</span>;
  return <span>{row.etaSeconds === null ? '—' : `ETA ${formatDuration(row.etaSeconds)}`}</span>;
}

type RejectsProps = { row: RunTableRow; open: boolean; onShow: () => void };

function RejectedCount({ row, open, onShow }: RejectsProps) {
  if (row.rejected === 0)
    return (
      <span className="run-sum-rejected muted" data-field="rejected">
        0
      </span>
    );
  return (
    <button
      type="button"
      className={open ? 'link-button rejects-link rejects-link-open' : 'link-button rejects-link'}
      aria-label={`Show the ${formatInteger(row.rejected)} rejected rows of ${row.target}`}
      aria-expanded={open}
      title="Show the rejected rows and their reasons"
      data-field="rejected"
      onClick={onShow}
    >
      {formatInteger(row.rejected)}
    </button>
  );
}

/**
 * The accounting invariant spelled out, so a reader sees the sum and not only a tick; the
 * rejected count opens the quarantine. The tick comes once the table is loaded.
 */
function AccountingCell(props: RejectsProps) {
  const { row } = props;
  const finished = isTableFinished(row.status);
  const ok = addsUp(row);
  const className = !finished ? 'run-sum' : ok ? 'run-sum run-sum-ok' : 'run-sum run-sum-bad';
  return (
    <span className={className} data-field="check">
      <span data-field="read-sum">{formatInteger(row.read)}</span>
      <span className="run-sum-op">{' = '}</span>
      <span data-field="written">{formatInteger(row.written)}</span>
      <span className="run-sum-op">{' + '}</span>
      <RejectedCount {...props} />
      <span className="run-sum-op">{' + '}</span>
      <span data-field="filtered">{formatInteger(row.filtered)}</span>{' '}
      {finished ? (
        <span
          className="run-sum-mark"
          role="img"
          aria-label={ok ? 'adds up' : 'does not add up'}
          title={ok ? 'read = written + rejected + filtered' : 'read ≠ written + rejected + filtered'}
        >
          {ok ? '✓' : '✕'}
        </span>
      ) : (
        <span className="run-sum-mark muted" title="Checked once the table is loaded">
          …
        </span>
      )}
    </span>
  );
}

/** One row per table in phase order: progress while loading, the accounting once loaded. */
export function RunTables({ rows, runStatus, openRejects, onShowRejects }: Props) {
  if (rows.length === 0) return <div className="empty-state">The run has not reported its tables yet.</div>;
  return (
    <table className="run-table" aria-label="Tables of the run">
      <thead>
        <tr>
          <th scope="col">Table</th>
          <th scope="col" className="run-col-progress">
            Read / total
          </th>
          <th scope="col" className="num">
            Rows/s
          </th>
          <th scope="col" className="num">
            Time
          </th>
          <th scope="col" className="run-col-sum">
            Read = written + rejected + filtered
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.tableId} aria-label={row.target} data-table-id={row.tableId}>
            <th scope="row" className="run-table-name">
              <span className="strong">{row.target}</span>
              <span className="muted run-table-source">
                from {row.source} ·{' '}
                <span className={`run-table-status run-table-status-${row.status}`}>{statusLabels[row.status]}</span>
              </span>
            </th>
            <td className="run-col-progress">
              <ProgressBar
                fraction={tableFraction(row)}
                label={`Progress of ${row.target}`}
                tone={barTone(row, runStatus)}
              />
              <ReadCell row={row} />
            </td>
            <td className="num">{row.rowsPerSecond === null ? '—' : formatInteger(row.rowsPerSecond)}</td>
            <td className="num">
              <TimeCell row={row} runStatus={runStatus} />
            </td>
            <td className="run-col-sum">
              <AccountingCell row={row} open={openRejects === row.tableId} onShow={() => onShowRejects(row.tableId)} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
