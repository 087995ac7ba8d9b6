import type { ColDef, SelectionChangedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useCallback, useMemo, useState } from 'react';
import type { RejectInfo } from '../../../src-shared/run';
import { formatInteger } from '../../lib/format';
import { downloadText } from '../../lib/download';
import {
  closeRejects,
  rejectsCsv,
  rejectsLimit,
  replayRejects,
  selectReject,
  showRejects,
  useRun,
  type ReplayOutcome,
} from '../../state/run';
import { ErrorNotice } from '../ErrorNotice';
import { gridTheme } from '../grid-setup';

const defaultColDef: ColDef<RejectInfo> = {
  resizable: true,
  sortable: true,
  suppressMovable: true,
  cellDataType: false,
};

const columnDefs: ColDef<RejectInfo>[] = [
  { headerName: 'Row key', field: 'rowKey', width: 120, cellClass: 'mono', tooltipField: 'rowKey' },
  {
    headerName: 'Column',
    field: 'column',
    width: 100,
    cellClass: 'mono',
    valueFormatter: ({ data }) => data?.column ?? '—',
  },
  {
    headerName: 'Raw value',
    field: 'rawValue',
    width: 90,
    cellClass: 'mono',
    // A row the target refused as a whole names no column, so it has no raw value either.
    valueFormatter: ({ data }) => (data?.column === null ? '—' : (data?.rawValue ?? 'null')),
    tooltipField: 'rawValue',
  },
  // The reason is the point of the grid: it wraps rather than hide behind an ellipsis.
  {
    headerName: 'Reason',
    field: 'reason',
    flex: 1,
    minWidth: 180,
    wrapText: true,
    autoHeight: true,
    cellClass: 'rejects-reason-cell',
  },
];

type ReplayState =
  | { status: 'idle' }
  | { status: 'running' }
  | { status: 'done'; outcome: ReplayOutcome }
  | { status: 'failed'; message: string };

/** The source row of a reject, indented; the text as stored when it is not JSON. */
function prettyJson(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}

/** The quarantine of one table of a run: every rejected row with its reason, and its source row. */
export function RejectsPanel({ tableName, expected }: { tableName: (tableId: string) => string; expected: number }) {
  const rejects = useRun((state) => state.rejects);
  const selectedId = useRun((state) => state.selectedRejectId);
  const onSelectionChanged = useCallback((event: SelectionChangedEvent<RejectInfo>) => {
    selectReject(event.api.getSelectedRows()[0]?.id ?? null);
  }, []);
  const rows = rejects.status === 'loaded' ? rejects.rows : null;
  const offset = rejects.status === 'loaded' || rejects.status === 'loading' ? rejects.offset : 0;
  const [exportError, setExportError] = useState<string | null>(null);
  const planLoad = useRun((state) => state.planLoad);
  // The last replay, with the quarantine it was about: another table's panel does not show it.
  const [lastReplay, setReplay] = useState<{ quarantine: string; state: ReplayState } | null>(null);
  const shownQuarantine = rejects.status === 'closed' ? '' : `${rejects.runId}/${rejects.tableId}`;
  const replay: ReplayState = lastReplay?.quarantine === shownQuarantine ? lastReplay.state : { status: 'idle' };
  const selected = useMemo(() => rows?.find((row) => row.id === selectedId), [rows, selectedId]);

  if (rejects.status === 'closed') return null;
  const name = tableName(rejects.tableId);
  return (
    <section className="rejects-panel" aria-label={`Rejected rows of ${name}`}>
      <header className="rejects-header">
        <h3>
          Rejected rows of <span className="mono">{name}</span>
        </h3>
        {rows ? (
          <span className="muted" data-testid="rejects-count">
            {offset > 0
              ? `${formatInteger(offset + 1)}–${formatInteger(offset + rows.length)}`
              : formatInteger(rows.length)}
            {rows.length >= rejectsLimit ? ` shown (${formatInteger(rejectsLimit)} a page)` : ''}
            {rows.length < expected && rows.length < rejectsLimit ? ` so far of ${formatInteger(expected)}` : ''} ·
            select a row to see its source row
          </span>
        ) : null}
        <span className="spacer" />
        {offset > 0 ? (
          <button
            type="button"
            onClick={() => showRejects(rejects.runId, rejects.tableId, Math.max(0, offset - rejectsLimit))}
          >
            Previous page
          </button>
        ) : null}
        {rows && rows.length >= rejectsLimit ? (
          <button type="button" onClick={() => showRejects(rejects.runId, rejects.tableId, offset + rejectsLimit)}>
            Next page
          </button>
        ) : null}
        <button
          type="button"
          onClick={() => {
            setExportError(null);
            rejectsCsv(rejects.runId, rejects.tableId)
              .then((csv) =>
                downloadText(`rejects-${rejects.tableId}-${rejects.runId.slice(0, 8)}.csv`, csv, 'text/csv'),
              )
              .catch((error: unknown) => setExportError(error instanceof Error ? error.message : String(error)));
          }}
        >
          Export CSV
        </button>
        <button
          type="button"
          disabled={planLoad.status !== 'loaded' || replay.status === 'running' || (rows !== null && rows.length === 0)}
          title="Run these rows through the plan's latest saved version (fix the mapping first): rows that now load leave the quarantine."
          onClick={() => {
            const quarantine = shownQuarantine;
            setReplay({ quarantine, state: { status: 'running' } });
            replayRejects(rejects.runId, rejects.tableId)
              .then((outcome) => setReplay({ quarantine, state: { status: 'done', outcome } }))
              .catch((error: unknown) =>
                setReplay({
                  quarantine,
                  state: { status: 'failed', message: error instanceof Error ? error.message : String(error) },
                }),
              );
          }}
        >
          {planLoad.status === 'loaded' ? `Replay with version ${planLoad.version}` : 'Replay'}
        </button>
        <button type="button" onClick={() => showRejects(rejects.runId, rejects.tableId, offset)}>
          Refresh
        </button>
        <button type="button" onClick={closeRejects}>
          Close
        </button>
      </header>
      {rejects.status === 'loading' ? (
        <div className="notice notice-progress" role="status">
          <span className="spinner" aria-hidden="true" /> Reading the quarantine…
        </div>
      ) : null}
      {rejects.status === 'failed' ? <ErrorNotice error={rejects.error} compact /> : null}
      {replay.status === 'running' ? (
        <div className="notice notice-progress" role="status">
          <span className="spinner" aria-hidden="true" /> Replaying the quarantine…
        </div>
      ) : null}
      {replay.status === 'done' ? (
        <p className="notice" role="status" data-testid="replay-outcome">
          Replayed {formatInteger(replay.outcome.replayed)}: {formatInteger(replay.outcome.loaded)} loaded,{' '}
          {formatInteger(replay.outcome.stillRejected)} still rejected
          {replay.outcome.reasons[0] ? ` (${replay.outcome.reasons[0]})` : ''}.
        </p>
      ) : null}
      {replay.status === 'failed' ? (
        <p className="notice notice-error" role="alert">
          {replay.message}
        </p>
      ) : null}
      {exportError ? (
        <p className="notice notice-error" role="alert">
          {exportError}
        </p>
      ) : null}
      {rows ? (
        <div className="rejects-body">
          <div className="rejects-grid">
            <AgGridReact<RejectInfo>
              theme={gridTheme}
              rowData={rows}
              columnDefs={columnDefs}
              defaultColDef={defaultColDef}
              getRowId={({ data }) => String(data.id)}
              rowSelection={{ mode: 'singleRow', checkboxes: false, enableClickSelection: true }}
              onSelectionChanged={onSelectionChanged}
              rowHeight={28}
              headerHeight={30}
              tooltipShowDelay={400}
              enableCellTextSelection
              ensureDomOrder
            />
          </div>
          <aside className="rejects-source" aria-label="Source row">
            <h4>Source row</h4>
            {selected ? (
              <>
                <p className="rejects-reason">{selected.reason}</p>
                <pre className="rejects-json" data-testid="reject-source-row">
                  {prettyJson(selected.rowJson)}
                </pre>
              </>
            ) : (
              <p className="muted">Select a rejected row to see the row as it was read from the source.</p>
            )}
          </aside>
        </div>
      ) : null}
    </section>
  );
}
