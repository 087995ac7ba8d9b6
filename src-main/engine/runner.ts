/**
 * The runner: moves every table of a plan in foreign-key order, in keyset batches, each batch
 * written with the target's bulk path and followed by a checkpoint in the workspace. Before a
 * batch goes out its key range is noted as pending, so a process killed between writing and
 * recording is repaired on resume by clearing exactly those keys: no row twice, no row lost.
 * Rows the transforms or the target refuse go to the quarantine with one sentence each; the
 * accounting (read = written + rejected + filtered) is checked against the target at the end.
 */
import { createHash } from 'node:crypto';
import { TallyError, type TallyErrorData } from '../../src-shared/errors';
import type { Plan, TableMapping } from '../../src-shared/plan';
import { compareFingerprints } from '../../src-shared/plan-compare';
import { formatTableRef, type SchemaInfo, type TableInfo, type TableRef } from '../../src-shared/schema-info';
import type { CellValue } from '../../src-shared/transforms/transform';
import { canonicalPlanJson } from '../api/plan-api';
import { openConnection, type ConnectionContext } from '../connections/connections';
import type { DatabaseSession, KeysetPageOptions, PreparedWrite } from '../dialects/dialect';
import type { Workspace } from '../workspace/workspace';
import type { RejectInput, RunTableState } from '../workspace/run-store';
import { dropScratchTables, scratchPlan } from './dry-run';
import { fingerprintOf } from './fingerprint';
import {
  checkQueryExposesKey,
  queryKeyColumns,
  sourceFromItem,
  watermarkCondition,
  watermarkRange,
  watermarkTableKey,
} from './source-read';
import { RunControl, type RunEvent, type TableAccounting } from './run-events';
import { findAndApplyDeletes } from './deletes';
import { prepareRowLog, recordTouchedKeys } from './row-log';
import { createRowMapper, showValue, sourceColumnsOf, toCellValue, type RowMapper } from './row-mapper';

export type RunOptions = {
  plan: Plan;
  workspace: Workspace;
  context: ConnectionContext;
  onEvent?: (event: RunEvent) => void;
  control?: RunControl;
  /** A fixed number of rows per batch; without it, batches adapt to the width of the rows. */
  batchRows?: number;
  /** Start afresh even if an unfinished run of this plan exists. */
  fresh?: boolean;
  /** Run although the source no longer matches the plan's fingerprint. */
  allowDrift?: boolean;
  /**
   * Overrides every table's write mode: full (empty, then load), upsert (insert or replace by key)
   * or incremental (upsert the rows whose watermark grew past the table's high-water mark).
   */
  mode?: 'full' | 'upsert' | 'incremental';
  /** Rehearse: run everything into scratch twins of the target tables, then drop them. */
  dryRun?: boolean;
  /** Passwords handed over by the parent process (never written anywhere). */
  passwords?: { source?: string; target?: string };
};

export type RunSummary = {
  runId: string;
  status: 'done' | 'failed' | 'cancelled';
  tables: TableAccounting[];
  error?: TallyErrorData;
};

const targetBatchBytes = 750_000;
const transientCodes = new Set(['host-unreachable', 'timeout']);

function planHash(plan: Plan): string {
  return createHash('sha256').update(canonicalPlanJson(plan)).digest('hex');
}

export function describeKey(names: readonly string[], values: readonly unknown[]): string {
  return names.map((name, i) => `${name}=${String(values[i])}`).join(', ');
}

function rowJson(row: Readonly<Record<string, unknown>>): string {
  return JSON.stringify(row, (_name, value: unknown) => {
    if (typeof value === 'bigint') return value.toString();
    if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
    return value;
  });
}

function rawText(value: CellValue): string | null {
  if (value === null) return null;
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return value instanceof Date ? value.toISOString() : String(value);
}

/** Approximate bytes of a row, to size batches by width rather than by count. */
function rowBytes(values: readonly CellValue[]): number {
  let size = 8;
  for (const value of values) {
    if (typeof value === 'string') size += value.length + 4;
    else if (value instanceof Uint8Array) size += value.byteLength + 4;
    else size += 10;
  }
  return size;
}

export type PreparedTable = {
  mapping: TableMapping;
  /** The source table, or (for a source query) the query's alias with no row count. */
  source: TableInfo;
  /** Set for a source query: the derived table read instead of a source table. */
  from?: string;
  sourceKey: string[];
  /** The columns read from the source, the key first: rows arrive as arrays in this order. */
  readColumns: string[];
  mapper: RowMapper;
  /** Positions of the plan's key columns among the target columns. */
  targetKeyIndexes: number[];
  /**
   * full: the table is emptied, then loaded; upsert: rows replace those with the same key;
   * incremental: upserts of the rows in the run's watermark range.
   */
  mode: 'full' | 'upsert' | 'incremental';
  /** Extra page options: the plan's filter as a keep flag and, for incremental runs, the watermark range. */
  page: KeysetPageOptions;
  /** No primary or unique key: read by the source's row identity; on resume, emptied and read again. */
  keyless: boolean;
};

export async function runPlan(options: RunOptions): Promise<RunSummary> {
  const { plan, workspace } = options;
  const runs = workspace.runs;
  const control = options.control ?? new RunControl();
  const emit = (event: RunEvent): void => options.onEvent?.(event);
  const hash = planHash(plan);
  const ordered = plan.phases.flatMap((phase) => phase.tables);
  let byId = new Map(plan.tables.map((t) => [t.id, t]));
  let scratch: Plan | undefined;
  const unfinished = options.fresh || options.dryRun ? undefined : runs.findUnfinishedRun(hash, options.mode ?? 'plan');
  const run =
    unfinished ??
    runs.createRun({
      planName: plan.name,
      planHash: hash,
      planJson: canonicalPlanJson(plan),
      mode: options.mode ?? 'plan',
      dryRun: options.dryRun === true,
      tableIds: ordered,
    });
  const runId = run.id;
  if (unfinished) runs.setRunStatus(runId, 'running');

  const accounting = (): TableAccounting[] =>
    runs.tables(runId).map((state) => {
      const mapping = byId.get(state.tableId);
      const source = mapping && 'table' in mapping.source ? formatTableRef(mapping.source.table) : '(query)';
      return {
        tableId: state.tableId,
        source,
        target: mapping ? formatTableRef(mapping.target) : state.tableId,
        read: state.read,
        written: state.written,
        rejected: state.rejected,
        filtered: state.filtered,
        ...(state.deleted > 0 ? { deleted: state.deleted } : {}),
        ...(state.note ? { note: state.note } : {}),
        seconds: Math.round(state.seconds * 1000) / 1000,
        status: state.status,
      };
    });

  let source: DatabaseSession | undefined;
  let target: DatabaseSession | undefined;
  try {
    emit({ type: 'started', runId, resumed: unfinished !== undefined, tables: ordered });
    source = await openConnection(
      plan.source.name ? { url: plan.source.url, name: plan.source.name } : { url: plan.source.url },
      options.context,
      { readOnly: true, ...(options.passwords?.source ? { password: options.passwords.source } : {}) },
    );
    target = await openConnection(
      { url: plan.target.url, role: 'target', ...(plan.target.name ? { name: plan.target.name } : {}) },
      options.context,
      options.passwords?.target ? { password: options.passwords.target } : {},
    );
    const sourceSchema = await source.inspect({ exactCountLimit: 0 });
    if (!options.allowDrift) {
      const drift = compareFingerprints(
        plan.sourceFingerprint,
        fingerprintOf(sourceSchema, plan.sourceFingerprint.tables),
      );
      if (drift.length > 0) {
        const more = drift.length > 1 ? ` (and ${drift.length - 1} more change${drift.length > 2 ? 's' : ''})` : '';
        throw new TallyError(
          'bad-input',
          `The source changed since the plan was made: ${drift[0]?.message ?? ''}${more} Re-plan, or run with --allow-drift.`,
        );
      }
    }
    if (options.dryRun) {
      scratch = scratchPlan(plan, await target.inspect({ exactCountLimit: 0 }));
      byId = new Map(scratch.tables.map((t) => [t.id, t]));
      // Twins left behind by a dry run that was killed go first.
      await dropScratchTables(target, scratch);
      emit({
        type: 'log',
        runId,
        level: 'info',
        message: 'Dry run: writing into scratch tables (tally_dry_…) that are dropped at the end.',
      });
    }
    const prepared = ordered.map((id) =>
      prepareTable(byId.get(id), sourceSchema, options.mode, source?.dialect.rowIdentity),
    );
    emit({
      type: 'planned',
      runId,
      tables: prepared.map((t) => ({ tableId: t.mapping.id, estimatedRows: t.source.rowCount?.value ?? null })),
    });
    for (const table of prepared) {
      if (table.from) await checkQueryExposesKey(source, table.mapping, table.sourceKey);
      if (table.mode === 'incremental' && table.mapping.watermarkColumn) {
        const range = await watermarkRange(
          source,
          plan,
          table.mapping,
          source.dialect.quoteTable(table.source),
          runs,
          runId,
        );
        table.page.where = watermarkCondition(source, table.mapping.watermarkColumn, range);
      }
    }
    await createMissingTables(target, prepared, runId, options, emit);
    await emptyTargetTables(target, prepared, runId, options);

    // When every key among the plan's tables belongs to a table this run creates, keys are checked
    // once after the load (the orphan sweep names each orphan) instead of refusing rows one by one.
    const createdHere = new Set(
      runs
        .changes(runId)
        .filter((c) => c.kind === 'created')
        .map((c) => c.tableId),
    );
    const keysAllOurs = options.dryRun === true || prepared.every((t) => createdHere.has(t.mapping.id));
    if (keysAllOurs) await target.setForeignKeyChecks(false);
    for (const table of prepared) {
      if (control.isCancelled) break;
      await loadTable(table, { source, target, runId, options, control, emit });
      if (table.mode === 'incremental' && table.mapping.deletes && !options.dryRun && !control.isCancelled)
        await applyDeletes(table, { source, target, runId, options, control, emit });
    }
    if (control.isCancelled) {
      runs.setRunStatus(runId, 'cancelled', 'Cancelled by the user.');
      const tables = accounting();
      emit({ type: 'done', runId, status: 'cancelled', tables });
      return { runId, status: 'cancelled', tables };
    }
    const keysStarted = performance.now();
    await finishConstraints(target, prepared, runId, options, emit);
    if (keysAllOurs) await target.setForeignKeyChecks(true);
    emit({
      type: 'log',
      runId,
      level: 'info',
      message: `Keys and indexes after the load (and the orphan sweep): ${((performance.now() - keysStarted) / 1000).toFixed(1)} s.`,
    });
    const failures: string[] = [];
    for (const table of prepared) {
      const problem =
        (await proveAccounting(target, table, runs.table(runId, table.mapping.id))) ??
        (await proveQueryRead(source, table, runs.table(runId, table.mapping.id)));
      if (problem) {
        failures.push(problem);
        runs.setTableStatus(runId, table.mapping.id, 'failed', problem);
      } else runs.setTableStatus(runId, table.mapping.id, 'done');
      const done = accounting().find((a) => a.tableId === table.mapping.id);
      if (done) emit({ type: 'table-done', runId, table: done });
    }
    if (failures.length > 0) throw new TallyError('internal', failures.join(' '));
    // The high-water marks advance only now, with the run's commit, in one workspace transaction.
    const marks = options.dryRun
      ? []
      : prepared
          .filter((t) => t.mode === 'incremental')
          .map((t) => ({
            tableKey: watermarkTableKey(plan, t.mapping),
            value: runs.table(runId, t.mapping.id).watermark?.to ?? null,
          }))
          .filter((m) => m.value !== null);
    runs.finishWithWatermarks(runId, marks);
    const tables = accounting();
    emit({ type: 'done', runId, status: 'done', tables });
    return { runId, status: 'done', tables };
  } catch (error) {
    const data: TallyErrorData =
      error instanceof TallyError
        ? error.toData()
        : { code: 'internal', message: `The run stopped: ${(error as Error).message}` };
    runs.setRunStatus(runId, 'failed', data.message);
    const tables = accounting();
    emit({ type: 'failed', runId, error: data, tables });
    return { runId, status: 'failed', tables, error: data };
  } finally {
    if (scratch && target) await dropScratchTables(target, scratch).catch(() => undefined);
    await source?.close();
    await target?.close();
  }
}

export function prepareTable(
  mapping: TableMapping | undefined,
  sourceSchema: SchemaInfo,
  modeOverride?: 'full' | 'upsert' | 'incremental',
  rowIdentity?: string,
): PreparedTable {
  if (!mapping) throw new TallyError('bad-input', 'The plan lists a table in its phases that it does not map.');
  const mode = modeOverride ?? mapping.writeMode;
  if (mode === 'incremental' && !mapping.watermarkColumn)
    throw new TallyError(
      'bad-input',
      `${mapping.id}: the incremental mode reads the rows whose watermark column grew; the plan names no watermarkColumn for this table.`,
      { table: mapping.id },
    );
  const page: KeysetPageOptions = mapping.filter ? { keepWhen: mapping.filter } : {};
  const from = sourceFromItem(mapping);
  let source: TableInfo | undefined;
  if ('table' in mapping.source) {
    const ref = mapping.source.table;
    source = sourceSchema.tables.find((t) => t.name === ref.name && (ref.schema === null || t.schema === ref.schema));
    if (!source)
      throw new TallyError('not-found', `The source has no table ${formatTableRef(ref)}.`, { table: mapping.id });
  } else source = queryAsTable();
  const ref = { schema: source.schema, name: source.name };
  const sourceKey = from
    ? queryKeyColumns(mapping)
    : [...(source.primaryKey?.columns ?? source.uniqueConstraints[0]?.columns ?? [])];
  if (from) page.from = from;
  // A table with no key is read in one ordered pass by the source's row identity, full mode only:
  // its checkpoint rule is to empty the target table and read it again on resume.
  const keyless = sourceKey.length === 0 && !from && mode === 'full' && rowIdentity !== undefined;
  if (keyless && rowIdentity) sourceKey.push(rowIdentity);
  if (sourceKey.length === 0)
    throw new TallyError(
      'unsupported',
      `${formatTableRef(ref)} has no primary key or unique key, which keyset reading and checkpoints need; ${mode === 'full' ? 'this source has no row identity to read it by' : `the ${mode} mode needs a key to match rows`}: add a key, or load it in full mode from a source that has one (SQLite).`,
      { table: mapping.id },
    );
  const readColumns = sourceColumnsOf(mapping, sourceKey);
  const mapper = createRowMapper(mapping, readColumns);
  const targetNames = mapper.targetColumns.map((c) => c.name);
  const targetKeyIndexes = mapping.keyColumns.map((name) => targetNames.indexOf(name));
  if (targetKeyIndexes.some((i) => i < 0) || (targetKeyIndexes.length === 0 && !keyless))
    throw new TallyError(
      'bad-input',
      `${mapping.id}: the plan's key columns (${mapping.keyColumns.join(', ') || 'none'}) must be mapped target columns.`,
      {
        table: mapping.id,
      },
    );
  return {
    mapping,
    source,
    ...(from ? { from } : {}),
    sourceKey,
    readColumns,
    mapper,
    targetKeyIndexes,
    mode,
    page,
    keyless,
  };
}

/** A source query stands in for a table with no catalogue entry: no keys, no row count. */
function queryAsTable(): TableInfo {
  return {
    schema: null,
    name: '(query)',
    kind: 'table',
    columns: [],
    primaryKey: null,
    uniqueConstraints: [],
    foreignKeys: [],
    indexes: [],
    rowCount: null,
  } as unknown as TableInfo;
}

/** The target's tables as they are now: read once per step, not once per table. */
async function targetTables(target: DatabaseSession, prepared: readonly PreparedTable[]): Promise<TableInfo[]> {
  const schemas = [...new Set(prepared.map((t) => t.mapping.target.schema).filter((s): s is string => s !== null))];
  return (await target.inspect({ exactCountLimit: 0, ...(schemas.length > 0 ? { schemas } : {}) })).tables;
}

function findTable(tables: readonly TableInfo[], ref: TableRef): TableInfo | undefined {
  return tables.find((t) => t.name === ref.name && (ref.schema === null || t.schema === ref.schema));
}

async function createMissingTables(
  target: DatabaseSession,
  prepared: readonly PreparedTable[],
  runId: string,
  options: RunOptions,
  emit: (event: RunEvent) => void,
): Promise<void> {
  const runs = options.workspace.runs;
  const existing = await targetTables(target, prepared);
  for (const [position, { mapping }] of prepared.entries()) {
    if (!mapping.createIfMissing || !mapping.targetTable) continue;
    if (findTable(existing, mapping.target)) continue;
    // Noted first: a rollback drops what this run may have created.
    if (!options.dryRun)
      runs.recordChange(runId, {
        tableId: mapping.id,
        position,
        kind: 'created',
        target: mapping.target,
        backup: null,
      });
    // Indexes and foreign keys come after the load: checked once, not row by row. (Where keys must
    // be declared inside CREATE TABLE, as in SQLite, they are, and the orphan sweep stands in.)
    for (const sql of target.dialect.tableDdl(mapping.target, { ...mapping.targetTable, indexes: [] }).createTable)
      await target.query(sql);
    emit({ type: 'log', runId, level: 'info', message: `Created ${formatTableRef(mapping.target)} on the target.` });
  }
}

/** Where a table's rows are kept while the run that emptied it may still be rolled back. */
export function backupRef(runId: string, position: number, table: TableRef): TableRef {
  return { schema: table.schema, name: `tally_rb_${runId.slice(0, 8)}_${position}` };
}

/**
 * Full mode: every table not yet started is emptied, children before parents so that no foreign
 * key objects; every row in a table at the end is then this run's. A table that held rows is
 * first copied aside, so that the run can be rolled back.
 */
async function emptyTargetTables(
  target: DatabaseSession,
  prepared: readonly PreparedTable[],
  runId: string,
  options: RunOptions,
): Promise<void> {
  const runs = options.workspace.runs;
  const changes = new Map(runs.changes(runId).map((c) => [c.tableId, c]));
  for (const [position, table] of [...prepared.entries()].reverse()) {
    if (runs.table(runId, table.mapping.id).status !== 'pending' || table.mode !== 'full') continue;
    const quoted = target.dialect.quoteTable(table.mapping.target);
    const change = changes.get(table.mapping.id);
    if (!options.dryRun && (!change || (change.kind === 'emptied' && !change.backupComplete))) {
      const counted = await target.query(`SELECT count(*) AS n FROM ${quoted}`);
      const holdsRows = Number(Object.values(counted[0] ?? {})[0]) > 0;
      const backup = holdsRows ? backupRef(runId, position, table.mapping.target) : null;
      runs.recordChange(runId, {
        tableId: table.mapping.id,
        position,
        kind: 'emptied',
        target: table.mapping.target,
        backup,
      });
      if (backup) {
        await target.query(`DROP TABLE IF EXISTS ${target.dialect.quoteTable(backup)}`);
        await target.query(target.dialect.copyTableSql(table.mapping.target, backup));
      }
      runs.markBackupComplete(runId, table.mapping.id);
    }
    await target.emptyTable(table.mapping.target);
  }
  for (const table of prepared)
    if (runs.table(runId, table.mapping.id).status === 'pending')
      runs.setTableStatus(runId, table.mapping.id, 'loading');
}

type LoadContext = {
  source: DatabaseSession;
  target: DatabaseSession;
  runId: string;
  options: RunOptions;
  control: RunControl;
  emit: (event: RunEvent) => void;
};

async function deleteTargetKeys(
  target: DatabaseSession,
  table: PreparedTable,
  keys: readonly (readonly CellValue[])[],
): Promise<void> {
  const q = (name: string): string => target.dialect.quoteIdentifier(name);
  const keyNames = table.mapping.keyColumns;
  for (let start = 0; start < keys.length; start += 200) {
    const slice = keys.slice(start, start + 200);
    const condition = slice.map(() => `(${keyNames.map((k) => `${q(k)} = ?`).join(' AND ')})`).join(' OR ');
    await target.query(
      `DELETE FROM ${target.dialect.quoteTable(table.mapping.target)} WHERE ${condition}`,
      slice.flat(),
    );
  }
}

/** Reads the source rows of a key range (after, last] in pages. */
async function* readRange(
  source: DatabaseSession,
  table: PreparedTable,
  after: readonly unknown[] | null,
  pageRows: () => number,
): AsyncGenerator<unknown[][]> {
  let position: readonly unknown[] | null = after;
  for (;;) {
    const page = source.dialect.keysetPageSql(
      table.source,
      table.readColumns,
      table.sourceKey,
      position,
      pageRows(),
      table.page,
    );
    const rows = await source.queryArrays(page.sql, page.bindings);
    if (rows.length === 0) return;
    yield rows;
    position = keyOfRow(table, rows[rows.length - 1] ?? []);
  }
}

/** A row's source key: the first values of a row as read. */
function keyOfRow(table: PreparedTable, row: readonly unknown[]): unknown[] {
  return row.slice(0, table.sourceKey.length);
}

/** A row as read, by column name, for the quarantine. */
function rowObject(table: PreparedTable, row: readonly unknown[]): Record<string, unknown> {
  return Object.fromEntries(table.readColumns.map((name, i) => [name, row[i]]));
}

function compareKeys(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i];
    const y = b[i];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') return x - y;
    return String(x) < String(y) ? -1 : String(x) > String(y) ? 1 : 0;
  }
  return 0;
}

async function loadTable(table: PreparedTable, context: LoadContext): Promise<void> {
  const { source, target, runId, options, control, emit } = context;
  const runs = options.workspace.runs;
  const id = table.mapping.id;
  let state: RunTableState = runs.table(runId, id);
  if (state.status === 'loaded' || state.status === 'done') return;

  if (table.keyless && state.note === null) {
    const note = `${formatTableRef(table.mapping.target)} comes from a table with no primary or unique key: it was read in one pass by the source's row identity, and a resume empties it and reads it again.`;
    runs.setTableNote(runId, id, note);
    emit({ type: 'log', runId, level: 'warn', message: `${id}: ${note}` });
  }
  if (table.keyless && (state.pending || state.read > 0)) {
    // A keyless table has no key range to clear: its rows go and it is read again from the start.
    await target.emptyTable(table.mapping.target);
    runs.resetTable(runId, id);
    emit({ type: 'log', runId, level: 'info', message: `${id}: emptied to read again, as it has no key.` });
  } else if (state.pending && table.mode !== 'full') {
    // Replaying an upsert batch writes the same rows again: nothing to clear.
    runs.clearPending(runId, id);
  } else if (state.pending) {
    // The process stopped while a batch was in flight: clear exactly that batch's keys, then redo it.
    const keys: CellValue[][] = [];
    const last = state.pending.last;
    for await (const rows of readRange(source, table, state.pending.after, () => 5000)) {
      for (const row of rows) {
        const key = keyOfRow(table, row);
        if (compareKeys(key, last) > 0) break;
        const mapped = table.mapper.map(row, () => '');
        if (mapped.ok) keys.push(table.targetKeyIndexes.map((i) => mapped.values[i] ?? null));
      }
      if (compareKeys(keyOfRow(table, rows[rows.length - 1] ?? []), last) >= 0) break;
    }
    await deleteTargetKeys(target, table, keys);
    runs.clearPending(runId, id);
    emit({
      type: 'log',
      runId,
      level: 'info',
      message: `${id}: cleared ${keys.length} rows of an unfinished batch before resuming.`,
    });
  }
  state = runs.table(runId, id);

  const totalRows = table.source.rowCount?.value ?? null;
  let pageRows = options.batchRows ?? 5000;
  const started = performance.now();
  let rowsThisSession = 0;
  const budget = table.mapping.errorBudget;
  // Upserts change rows in place: the rows a batch replaces are kept on the target for a rollback.
  const keyWriteColumns = table.targetKeyIndexes
    .map((i) => table.mapper.targetColumns[i])
    .filter((c) => c !== undefined);
  const rowLog =
    table.mode === 'full' || options.dryRun
      ? undefined
      : await prepareRowLog(target, runs, runId, {
          tableId: id,
          position: state.position,
          target: table.mapping.target,
          keyColumns: keyWriteColumns,
        });

  const keyOf = (row: readonly unknown[]): string => describeKey(table.sourceKey, keyOfRow(table, row));
  const writeOptions = table.mode === 'full' ? {} : { upsertKeys: table.mapping.keyColumns };
  const pages = readRange(source, table, state.lastKey, () => pageRows);
  let next = pages.next();
  // One batch is in flight at a time: while the target takes batch N in, batch N+1 is read, mapped
  // and made ready to send (prepareWrite). Batch N+1 is marked pending only once batch N is
  // committed, so a crash leaves at most one pending range, starting at the last committed key.
  let inFlight: Promise<void> | undefined;
  let committedKey = state.lastKey;
  // Batches overlap, so a batch's time is the wall time since the previous commit.
  let lastCommitAt = performance.now();
  for (;;) {
    const page = await next;
    if (page.done) break;
    const rows = page.value;
    const lastKey = keyOfRow(table, rows[rows.length - 1] ?? []);
    const good: { values: CellValue[]; row: readonly unknown[] }[] = [];
    const rejects: RejectInput[] = [];
    let bytes = 0;
    let filtered = 0;
    const keepFlag = table.page.keepWhen ? table.readColumns.length : -1;
    for (const row of rows) {
      // The plan's filter arrives as a flag after the columns: a filtered row is counted, not written.
      if (keepFlag >= 0 && Number(row[keepFlag]) !== 1) {
        filtered += 1;
        continue;
      }
      // The key is spelled out only for a row that is refused: most rows never need it.
      const mapped = table.mapper.map(row, () => keyOf(row));
      if (mapped.ok) {
        good.push({ values: mapped.values, row });
        bytes += rowBytes(mapped.values);
      } else
        rejects.push({
          rowKey: keyOf(row),
          column: mapped.column,
          rawValue: rawText(mapped.rawValue),
          reason: mapped.reason,
          rowJson: rowJson(rowObject(table, row)),
        });
    }
    // Wide rows make small batches, narrow rows big ones.
    if (good.length > 0 && options.batchRows === undefined)
      pageRows = Math.max(200, Math.min(10_000, Math.round(targetBatchBytes / (bytes / good.length))));
    // A batch that cannot be prepared is written the plain way below, which meets the same
    // failure and handles it (retries, quarantine).
    const prepared =
      good.length > 0 && target.prepareWrite
        ? target
            .prepareWrite(
              table.mapping.target,
              table.mapper.targetColumns,
              good.map((g) => g.values),
              writeOptions,
            )
            .catch(() => undefined)
        : undefined;
    next = pages.next();
    if (inFlight) await inFlight;
    // SQLite works synchronously: without a turn of the event loop, a pause or cancel sent to the
    // worker would wait until the whole table is done.
    await new Promise((resolve) => setImmediate(resolve));
    if (control.isPaused) {
      emit({ type: 'paused', runId, tableId: id });
      await control.waitWhilePaused();
      emit({ type: 'resumed', runId, tableId: id });
    }
    if (control.isCancelled) return;
    runs.markPending(runId, id, { after: committedKey, last: lastKey });
    committedKey = lastKey;
    let sent: () => void = () => undefined;
    const handedOver = new Promise<void>((resolve) => (sent = resolve));
    inFlight = (async () => {
      if (rowLog)
        await recordTouchedKeys(
          target,
          rowLog,
          keyWriteColumns,
          good.map((g) => table.targetKeyIndexes.map((i) => g.values[i] ?? null)),
        );
      const refused = await writeWithQuarantine(
        target,
        table,
        good,
        keyOf,
        (message) => emit({ type: 'log', runId, level: 'warn', message }),
        await prepared,
        sent,
      );
      rejects.push(...refused);
      runs.commitBatch(runId, id, {
        lastKey,
        read: rows.length,
        written: good.length - refused.length,
        filtered,
        rejects,
        seconds: (performance.now() - lastCommitAt) / 1000,
      });
      lastCommitAt = performance.now();
      const now = runs.table(runId, id);
      for (const reject of rejects)
        emit({
          type: 'reject',
          runId,
          tableId: id,
          rowKey: reject.rowKey,
          column: reject.column,
          reason: reject.reason,
        });
      emit({ type: 'checkpoint', runId, tableId: id, lastKey });
      rowsThisSession += rows.length;
      const elapsed = (performance.now() - started) / 1000;
      const rowsPerSecond = elapsed > 0 ? Math.round(rowsThisSession / elapsed) : 0;
      const remaining = totalRows === null ? null : Math.max(0, totalRows - now.read);
      emit({
        type: 'progress',
        runId,
        tableId: id,
        read: now.read,
        written: now.written,
        rejected: now.rejected,
        filtered: now.filtered,
        rowsPerSecond,
        totalRows,
        etaSeconds: remaining === null || rowsPerSecond === 0 ? null : Math.round(remaining / rowsPerSecond),
      });
      if (budget && exceedsBudget(now, budget))
        throw new TallyError(
          'bad-input',
          `${id}: ${now.rejected} rows rejected, over the plan's error budget; the run stops here and can resume.`,
          {
            table: id,
          },
        );
    })();
    // Awaited at the next batch or at the end; this keeps a failure from counting as unhandled meanwhile.
    const settled = inFlight.catch(() => undefined);
    // The next batch's reading and mapping hold the thread (SQLite reads synchronously): the target
    // would wait that long for a prepared batch, unless it is handed over first.
    if (prepared) await Promise.race([handedOver, settled]);
  }
  if (inFlight) await inFlight;
  runs.setTableStatus(runId, id, 'loaded');
  const loaded = runs.table(runId, id);
  emit({
    type: 'table-loaded',
    runId,
    table: {
      tableId: id,
      source: 'table' in table.mapping.source ? formatTableRef(table.mapping.source.table) : '(query)',
      target: formatTableRef(table.mapping.target),
      read: loaded.read,
      written: loaded.written,
      rejected: loaded.rejected,
      filtered: loaded.filtered,
      seconds: Math.round(loaded.seconds * 1000) / 1000,
      status: 'loaded',
    },
  });
}

function exceedsBudget(state: RunTableState, budget: NonNullable<TableMapping['errorBudget']>): boolean {
  if (budget.rows !== undefined && state.rejected > budget.rows) return true;
  return budget.percent !== undefined && state.read > 0 && (state.rejected / state.read) * 100 > budget.percent;
}

/**
 * Writes a batch; when the target refuses it, halves it until the refused rows are alone and
 * quarantines them with the target's own sentence. Lost connections are not the rows' fault:
 * those are retried, then end the run so it can resume.
 */
export async function writeWithQuarantine(
  target: DatabaseSession,
  table: PreparedTable,
  rows: readonly { values: CellValue[]; row: readonly unknown[] }[],
  keyOf: (row: readonly unknown[]) => string,
  onRetry: (message: string) => void = () => undefined,
  /** These rows, already made ready by the target's prepareWrite. */
  prepared?: PreparedWrite,
  /** Called once the prepared batch is handed to the target. */
  sent?: () => void,
): Promise<RejectInput[]> {
  if (rows.length === 0) return [];
  for (let attempt = 1; ; attempt += 1) {
    try {
      if (prepared) await prepared.write(sent);
      else
        await target.writeRows(
          table.mapping.target,
          table.mapper.targetColumns,
          rows.map((r) => r.values),
          table.mode === 'full' ? {} : { upsertKeys: table.mapping.keyColumns },
        );
      return [];
    } catch (error) {
      const code = error instanceof TallyError ? error.code : 'internal';
      if (transientCodes.has(code)) {
        if (attempt >= 3) throw error;
        onRetry(
          `${table.mapping.id}: ${error instanceof Error ? error.message : String(error)} Retrying the batch (attempt ${attempt + 1} of 3).`,
        );
        await new Promise((resolve) => setTimeout(resolve, 500 * attempt));
        continue;
      }
      if (rows.length === 1) {
        const only = rows[0];
        if (!only) return [];
        const message = error instanceof Error ? error.message : String(error);
        const rowKey = keyOf(only.row);
        return [
          {
            rowKey,
            column: null,
            rawValue: null,
            reason: `${table.mapping.id} row ${rowKey}: the target refused it: ${message}`,
            rowJson: rowJson(rowObject(table, only.row)),
          },
        ];
      }
      const middle = Math.ceil(rows.length / 2);
      return [
        ...(await writeWithQuarantine(target, table, rows.slice(0, middle), keyOf, onRetry)),
        ...(await writeWithQuarantine(target, table, rows.slice(middle), keyOf, onRetry)),
      ];
    }
  }
}

/**
 * After every table is loaded: rows whose foreign key points at nothing are moved to the
 * quarantine (parents first, so a removed parent's children follow), then the keys and indexes
 * of the tables Tally created are added.
 */
async function finishConstraints(
  target: DatabaseSession,
  prepared: readonly PreparedTable[],
  runId: string,
  options: RunOptions,
  emit: (event: RunEvent) => void,
): Promise<void> {
  const q = (name: string): string => target.dialect.quoteIdentifier(name);
  const created = prepared.filter((t) => t.mapping.createIfMissing && t.mapping.targetTable);
  for (let pass = 0; pass < 10; pass += 1) {
    let moved = 0;
    for (const table of created) {
      for (const fk of table.mapping.targetTable?.foreignKeys ?? []) {
        const child = target.dialect.quoteTable(table.mapping.target);
        const parent = target.dialect.quoteTable(fk.referencedTable);
        const present = fk.columns.map((c) => `c.${q(c)} IS NOT NULL`).join(' AND ');
        const join = fk.columns.map((c, i) => `p.${q(fk.referencedColumns[i] ?? c)} = c.${q(c)}`).join(' AND ');
        const orphans = await target.query(
          `SELECT c.* FROM ${child} c WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${join})`,
        );
        if (orphans.length === 0) continue;
        const rejects: RejectInput[] = orphans.map((row) => {
          const rowKey = describeKey(
            table.mapping.keyColumns,
            table.mapping.keyColumns.map((k) => row[k]),
          );
          const value = fk.columns.map((c) => showValue(toCellValue(row[c]))).join(', ');
          return {
            rowKey,
            column: fk.columns.join(', '),
            rawValue: fk.columns.map((c) => String(row[c])).join(', '),
            reason: `${table.mapping.id} row ${rowKey}, column ${fk.columns.join(', ')}: ${value} has no match in ${formatTableRef(fk.referencedTable)} (${fk.referencedColumns.join(', ')}): an orphaned foreign key.`,
            rowJson: rowJson(row),
          };
        });
        options.workspace.runs.quarantineWritten(runId, table.mapping.id, rejects);
        await deleteTargetKeys(
          target,
          table,
          orphans.map((row) => table.mapping.keyColumns.map((k) => toCellValue(row[k]))),
        );
        for (const reject of rejects)
          emit({
            type: 'reject',
            runId,
            tableId: table.mapping.id,
            rowKey: reject.rowKey,
            column: reject.column,
            reason: reject.reason,
          });
        moved += orphans.length;
      }
    }
    if (moved === 0) break;
  }
  const existing = await targetTables(target, created);
  for (const table of created) {
    const definition = table.mapping.targetTable;
    if (!definition) continue;
    const info = findTable(existing, table.mapping.target);
    const ddl = target.dialect.tableDdl(table.mapping.target, definition);
    if (info && info.indexes.length === 0) for (const sql of ddl.indexes) await target.query(sql);
    // SQLite declares its keys inside CREATE TABLE, which ran before the load without them.
    if (info && info.foreignKeys.length === 0) for (const sql of ddl.foreignKeys) await target.query(sql);
  }
}

/** read = written + rejected + filtered, and the target holds exactly the rows written. */
async function proveAccounting(
  target: DatabaseSession,
  table: PreparedTable,
  state: RunTableState,
): Promise<string | undefined> {
  const id = table.mapping.id;
  if (state.read !== state.written + state.rejected + state.filtered)
    return `${id}: read ${state.read} rows but written ${state.written} + rejected ${state.rejected} + filtered ${state.filtered} do not add up.`;
  const rows = await target.query(`SELECT count(*) AS n FROM ${target.dialect.quoteTable(table.mapping.target)}`);
  const count = Number(Object.values(rows[0] ?? {})[0]);
  // An upsert lands among rows that were there before: the target holds at least what it wrote.
  if (table.mode !== 'full' ? count < state.written : count !== state.written)
    return `${id}: the target holds ${count} rows but the run wrote ${state.written}.`;
  return undefined;
}

/**
 * A source query is paged by its key: keys that are not unique would make a page boundary skip
 * rows. Counting the query's rows at the end proves every row was read once.
 */
async function proveQueryRead(
  source: DatabaseSession,
  table: PreparedTable,
  state: RunTableState,
): Promise<string | undefined> {
  if (!table.from || table.page.where) return undefined;
  const rows = await source.queryArrays(`SELECT count(*) FROM ${table.from}`);
  const count = Number(rows[0]?.[0]);
  if (count === state.read) return undefined;
  return `${table.mapping.id}: the source query returns ${count} rows but the run read ${state.read}: its key columns (${table.sourceKey.join(', ')}) must identify each row once.`;
}

/** Incremental deletes after the table's rows are in: applied or reported as the plan says. */
async function applyDeletes(table: PreparedTable, context: LoadContext): Promise<void> {
  const { source, target, runId, options, emit } = context;
  const runs = options.workspace.runs;
  const id = table.mapping.id;
  if (runs.table(runId, id).status === 'done') return;
  const keyWriteColumns = table.targetKeyIndexes
    .map((i) => table.mapper.targetColumns[i])
    .filter((c) => c !== undefined);
  const rowLog = await prepareRowLog(target, runs, runId, {
    tableId: id,
    position: runs.table(runId, id).position,
    target: table.mapping.target,
    keyColumns: keyWriteColumns,
  });
  const pass = await findAndApplyDeletes({
    source,
    target,
    mapping: table.mapping,
    sourceTable: table.source,
    sourceKey: table.sourceKey,
    sourcePage: table.page,
    keyWriteColumns,
    rowLog,
    runs,
    runId,
  });
  if (table.mapping.deletes === 'report' && pass.found > 0) {
    const note = `${pass.found} target row${pass.found === 1 ? ' is' : 's are'} no longer in the source (not deleted: the plan's deletes is "report").`;
    runs.setTableNote(runId, id, note);
    emit({ type: 'log', runId, level: 'warn', message: `${id}: ${note}` });
  } else if (pass.deleted > 0)
    emit({
      type: 'log',
      runId,
      level: 'info',
      message: `${id}: deleted ${pass.deleted} target rows no longer in the source.`,
    });
}
