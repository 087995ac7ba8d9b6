/**
 * What the Run screen shows of a run, as pure functions: the events a running plan pushes folded
 * into its live state, the rows of the progress and accounting table, and the overall figures.
 */
import type { TallyErrorData } from '../../../src-shared/errors';
import type { RunEvent, RunSummaryInfo, TableAccounting } from '../../../src-shared/run';

export type RunStatus = RunSummaryInfo['status'];
export type TableStatus = TableAccounting['status'];

export type LiveTable = {
  tableId: string;
  read: number;
  written: number;
  rejected: number;
  filtered: number;
  /** Measured while the table loads; derived from its time once it is finished. */
  rowsPerSecond: number | null;
  /** The source's row count, when the engine knows it. */
  totalRows: number | null;
  etaSeconds: number | null;
  /** The table's load time, once it is finished. */
  seconds: number | null;
  status: TableStatus;
};

export type LogLine = { level: 'info' | 'warn'; message: string };

/** A run as this window saw it through its events. */
export type LiveRun = {
  runId: string;
  status: RunStatus;
  resumed: boolean;
  /** In the plan's phase order. */
  tableIds: readonly string[];
  tables: Readonly<Record<string, LiveTable>>;
  logs: readonly LogLine[];
  error: TallyErrorData | null;
  /** True when this window saw the run start: its tables' figures are then all in `tables`. */
  seenStart: boolean;
};

/** The newest lines are kept; a run that warns on every batch must not grow the window without end. */
export const maxLogLines = 300;

export function emptyTable(tableId: string): LiveTable {
  return {
    tableId,
    read: 0,
    written: 0,
    rejected: 0,
    filtered: 0,
    rowsPerSecond: null,
    totalRows: null,
    etaSeconds: null,
    seconds: null,
    status: 'pending',
  };
}

export function newLiveRun(runId: string, resumed: boolean, tableIds: readonly string[], seenStart = false): LiveRun {
  return { runId, status: 'running', resumed, tableIds, tables: {}, logs: [], error: null, seenStart };
}

/**
 * Tables load one after the other in phase order: once a table reports progress, the tables
 * before it are loaded (their accounting is proven, and reported, at the end of the run).
 */
function markEarlierLoaded(
  tableIds: readonly string[],
  tables: Readonly<Record<string, LiveTable>>,
  tableId: string,
): Record<string, LiveTable> {
  const next: Record<string, LiveTable> = { ...tables };
  const index = tableIds.indexOf(tableId);
  for (const id of tableIds.slice(0, Math.max(0, index))) {
    const table = next[id] ?? emptyTable(id);
    if (table.status === 'pending' || table.status === 'loading')
      next[id] = { ...table, status: 'loaded', etaSeconds: null };
  }
  return next;
}

function fromAccounting(previous: LiveTable | undefined, table: TableAccounting): LiveTable {
  return {
    tableId: table.tableId,
    read: table.read,
    written: table.written,
    rejected: table.rejected,
    filtered: table.filtered,
    rowsPerSecond: table.seconds > 0 ? Math.round(table.read / table.seconds) : (previous?.rowsPerSecond ?? null),
    totalRows: previous?.totalRows ?? null,
    etaSeconds: null,
    seconds: table.seconds,
    status: table.status,
  };
}

function withAccounting(run: LiveRun, tables: readonly TableAccounting[]): LiveRun {
  const next: Record<string, LiveTable> = { ...run.tables };
  for (const table of tables) next[table.tableId] = fromAccounting(run.tables[table.tableId], table);
  const known = new Set(run.tableIds);
  const extra = tables.map((table) => table.tableId).filter((id) => !known.has(id));
  return { ...run, tables: next, tableIds: extra.length > 0 ? [...run.tableIds, ...extra] : run.tableIds };
}

/**
 * Folds one event into the run it belongs to. `run` is undefined for a run this window has not
 * seen start (started elsewhere, or before a reload): it is picked up from whatever arrives.
 */
export function applyRunEvent(run: LiveRun | undefined, event: RunEvent): LiveRun | undefined {
  if (event.runId === null) return run;
  const current = run ?? newLiveRun(event.runId, false, []);
  switch (event.type) {
    case 'started':
      return { ...newLiveRun(event.runId, event.resumed, event.tables, true), logs: current.logs };
    case 'progress': {
      const previous = current.tables[event.tableId] ?? emptyTable(event.tableId);
      const table: LiveTable = {
        ...previous,
        read: event.read,
        written: event.written,
        rejected: event.rejected,
        filtered: event.filtered,
        rowsPerSecond: event.rowsPerSecond,
        totalRows: event.totalRows,
        // The event's ETA is in whole seconds; the last second of a fast table deserves better than 0.
        etaSeconds:
          event.totalRows !== null && event.rowsPerSecond > 0
            ? Math.max(0, event.totalRows - event.read) / event.rowsPerSecond
            : event.etaSeconds,
        status: previous.status === 'pending' ? 'loading' : previous.status,
      };
      const tableIds = current.tableIds.includes(event.tableId)
        ? current.tableIds
        : [...current.tableIds, event.tableId];
      return {
        ...current,
        tableIds,
        tables: { ...markEarlierLoaded(tableIds, current.tables, event.tableId), [event.tableId]: table },
      };
    }
    case 'log': {
      const logs = [...current.logs, { level: event.level, message: event.message }];
      return { ...current, logs: logs.length > maxLogLines ? logs.slice(logs.length - maxLogLines) : logs };
    }
    case 'table-done':
    case 'table-loaded':
      return withAccounting(current, [event.table]);
    case 'planned': {
      const tables: Record<string, LiveTable> = { ...current.tables };
      for (const { tableId, estimatedRows } of event.tables)
        tables[tableId] = { ...(tables[tableId] ?? emptyTable(tableId)), totalRows: estimatedRows };
      return { ...current, tables };
    }
    case 'paused':
      return { ...current, status: 'paused' };
    case 'resumed':
      return { ...current, status: 'running' };
    case 'done':
      return { ...withAccounting(current, event.tables), status: event.status };
    case 'failed':
      return { ...withAccounting(current, event.tables), status: 'failed', error: event.error };
    // Rejects are counted by the progress event of their batch; checkpoints change nothing on screen.
    case 'reject':
    case 'checkpoint':
      return current;
  }
}

export function isActive(status: RunStatus): boolean {
  return status === 'running' || status === 'paused';
}

/** The accounting invariant of one table: every row read was written, rejected or filtered. */
export function addsUp(table: Pick<LiveTable, 'read' | 'written' | 'rejected' | 'filtered'>): boolean {
  return table.read === table.written + table.rejected + table.filtered;
}

export function isTableFinished(status: TableStatus): boolean {
  return status === 'loaded' || status === 'done' || status === 'failed';
}

/** 0–1, or null when the total is unknown and the table is still loading. */
export function tableFraction(table: LiveTable): number | null {
  if (table.status === 'loaded' || table.status === 'done') return 1;
  if (table.totalRows === null) return table.status === 'pending' ? 0 : null;
  if (table.totalRows === 0) return table.read > 0 ? 1 : 0;
  return Math.min(1, table.read / table.totalRows);
}

export type RunTableRow = LiveTable & { source: string; target: string };

export type TableNames = (tableId: string) => { source: string; target: string };

/**
 * The rows of a run's table, in phase order: live figures where this window saw them (they are
 * the newest), the workspace's accounting otherwise.
 */
export function runTableRows(
  summary: RunSummaryInfo | undefined,
  live: LiveRun | undefined,
  names: TableNames,
): RunTableRow[] {
  const recorded = new Map((summary?.tables ?? []).map((table) => [table.tableId, table]));
  const recordedIds = summary?.tables.map((t) => t.tableId) ?? [];
  const ids = live?.seenStart
    ? live.tableIds
    : [...recordedIds, ...(live?.tableIds ?? []).filter((id) => !recorded.has(id))];
  return ids.map((tableId) => {
    const fromSummary = recorded.get(tableId);
    const liveTable = live?.tables[tableId];
    // A run seen from its start has every figure live; the workspace's may be older.
    const recordedTable = fromSummary && !live?.seenStart ? fromAccounting(undefined, fromSummary) : undefined;
    const table = liveTable ?? recordedTable ?? emptyTable(tableId);
    const named = fromSummary ? { source: fromSummary.source, target: fromSummary.target } : names(tableId);
    return { ...table, ...named };
  });
}

export type Overall = {
  read: number;
  written: number;
  rejected: number;
  filtered: number;
  /** Rows to read in all, when every table's total is known. */
  totalRows: number | null;
  tablesFinished: number;
  tableCount: number;
  /** 0–1: by rows when every total is known, else by tables (the loading one counted by its share). */
  fraction: number;
  rowsPerSecond: number | null;
  etaSeconds: number | null;
  seconds: number;
};

export function overallOf(rows: readonly RunTableRow[]): Overall {
  const sum = (pick: (row: RunTableRow) => number): number => rows.reduce((total, row) => total + pick(row), 0);
  const totals = rows.map((row) => (isTableFinished(row.status) ? row.read : row.totalRows));
  const totalRows = totals.every((total): total is number => total !== null) ? totals.reduce((a, b) => a + b, 0) : null;
  const read = sum((row) => row.read);
  const tablesFinished = rows.filter((row) => isTableFinished(row.status)).length;
  const byTables =
    rows.length === 0 ? 0 : rows.reduce((total, row) => total + (tableFraction(row) ?? 0), 0) / rows.length;
  const fraction =
    totalRows === null ? byTables : totalRows === 0 ? (tablesFinished === rows.length ? 1 : 0) : read / totalRows;
  const seconds = sum((row) => row.seconds ?? 0);
  const loading = rows.find((row) => row.status === 'loading');
  const rowsPerSecond =
    loading?.rowsPerSecond ?? (seconds > 0 && tablesFinished === rows.length ? Math.round(read / seconds) : null);
  const etaSeconds =
    totalRows !== null && rowsPerSecond !== null && rowsPerSecond > 0 && tablesFinished < rows.length
      ? Math.round(Math.max(0, totalRows - read) / rowsPerSecond)
      : null;
  return {
    read,
    written: sum((row) => row.written),
    rejected: sum((row) => row.rejected),
    filtered: sum((row) => row.filtered),
    totalRows,
    tablesFinished,
    tableCount: rows.length,
    fraction: Math.min(1, Math.max(0, fraction)),
    rowsPerSecond,
    etaSeconds,
    seconds,
  };
}

/** `< 0.1 s`, `0.4 s`, `12 s`, `3 min 05 s`, `1 h 02 min`. */
export function formatDuration(seconds: number): string {
  if (seconds < 0.1) return '< 0.1 s';
  if (seconds < 10) return `${seconds.toFixed(1)} s`;
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.floor(whole / 60);
  if (minutes < 60) return `${minutes} min ${String(whole % 60).padStart(2, '0')} s`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

/** The first block of a run id: enough to tell runs apart on screen. */
export function shortRunId(runId: string): string {
  return runId.split('-')[0] ?? runId;
}
