/**
 * Deletes of an incremental run: target rows whose key left the source. Both key sets are read in
 * key order, page by page, and merged, so no side's keys are ever all in memory. Deletes are
 * applied in batches, each first noted as pending in the workspace and recorded in the run's row
 * log (pre-images on the target), so a crash repeats the batch and counts it once, and a rollback
 * brings the rows back.
 */
import { TallyError } from '../../src-shared/errors';
import type { TableMapping } from '../../src-shared/plan';
import type { CellValue } from '../../src-shared/transforms/transform';
import type { DatabaseSession, KeysetPageOptions, WriteColumn } from '../dialects/dialect';
import type { RunRowLog, RunStore } from '../workspace/run-store';
import { recordTouchedKeys } from './row-log';

const pageRows = 5000;
const deleteBatch = 500;

/** Integers may come back as numbers, big integers or digit strings depending on the driver: compare them as numbers. */
function compareValue(x: unknown, y: unknown): number {
  const integer = (v: unknown): bigint | undefined =>
    typeof v === 'bigint'
      ? v
      : typeof v === 'number' && Number.isInteger(v)
        ? BigInt(v)
        : typeof v === 'string' && /^-?\d{1,30}$/.test(v)
          ? BigInt(v)
          : undefined;
  const a = integer(x);
  const b = integer(y);
  if (a !== undefined && b !== undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (typeof x === 'number' && typeof y === 'number') return x - y;
  const s = x instanceof Date ? x.toISOString() : String(x);
  const t = y instanceof Date ? y.toISOString() : String(y);
  return s < t ? -1 : s > t ? 1 : 0;
}

export function compareKeyValues(a: readonly unknown[], b: readonly unknown[]): number {
  for (let i = 0; i < a.length; i += 1) {
    const c = compareValue(a[i], b[i]);
    if (c !== 0) return c;
  }
  return 0;
}

/** The source key columns the target key is copied from unchanged, or a sentence why deletes cannot be found. */
export function deleteKeySources(mapping: TableMapping, sourceKey: readonly string[]): string[] {
  const sources = mapping.keyColumns.map((name) => {
    const column = mapping.columns.find((c) => c.target === name);
    return column && column.sources.length === 1 && column.transforms.length === 0 ? column.sources[0] : undefined;
  });
  if (sources.some((s) => s === undefined) || sources.join('\u0000') !== sourceKey.join('\u0000'))
    throw new TallyError(
      'bad-input',
      `${mapping.id}: deletes are found by comparing keys, so the target key (${mapping.keyColumns.join(', ')}) must be the source key (${sourceKey.join(', ')}) copied without transforms.`,
      { table: mapping.id },
    );
  return sources as string[];
}

/** Keys of one side in key order, page by page; refuses keys that do not arrive in increasing order. */
async function* orderedKeys(
  session: DatabaseSession,
  table: Parameters<DatabaseSession['dialect']['keysetPageSql']>[0],
  keyColumns: readonly string[],
  options: KeysetPageOptions,
  side: string,
  tableId: string,
): AsyncGenerator<unknown[]> {
  let after: unknown[] | null = null;
  const keep = options.keepWhen ? keyColumns.length : -1;
  for (;;) {
    const page = session.dialect.keysetPageSql(table, keyColumns, keyColumns, after, pageRows, options);
    const rows = await session.queryArrays(page.sql, page.bindings);
    if (rows.length === 0) return;
    for (const row of rows) {
      const key = row.slice(0, keyColumns.length);
      if (after && compareKeyValues(key, after) <= 0)
        throw new TallyError(
          'unsupported',
          `${tableId}: the ${side}'s keys do not come back in the order Tally compares them (a collation that sorts differently), so deletes cannot be found safely.`,
          { table: tableId },
        );
      after = key;
      if (keep < 0 || Number(row[keep]) === 1) yield key;
    }
  }
}

export type DeletePass = { found: number; deleted: number };

/**
 * Finds the target keys the source no longer has; with `apply`, deletes them (recorded first for a
 * rollback), with `report`, only counts them.
 */
export async function findAndApplyDeletes(input: {
  source: DatabaseSession;
  target: DatabaseSession;
  mapping: TableMapping;
  sourceTable: Parameters<DatabaseSession['dialect']['keysetPageSql']>[0];
  sourceKey: readonly string[];
  sourcePage: KeysetPageOptions;
  keyWriteColumns: readonly WriteColumn[];
  rowLog: RunRowLog | undefined;
  runs: RunStore;
  runId: string;
}): Promise<DeletePass> {
  const { source, target, mapping, runs, runId } = input;
  deleteKeySources(mapping, input.sourceKey);
  const apply = mapping.deletes === 'apply';
  const pass: DeletePass = { found: 0, deleted: 0 };
  const remove = async (keys: readonly (readonly unknown[])[]): Promise<void> => {
    if (keys.length === 0) return;
    runs.markDeletesPending(runId, mapping.id, keys);
    if (input.rowLog) await recordTouchedKeys(target, input.rowLog, input.keyWriteColumns, keys as CellValue[][]);
    const q = (name: string): string => target.dialect.quoteIdentifier(name);
    for (let start = 0; start < keys.length; start += 200) {
      const slice = keys.slice(start, start + 200);
      const condition = slice.map(() => `(${mapping.keyColumns.map((k) => `${q(k)} = ?`).join(' AND ')})`).join(' OR ');
      await target.query(`DELETE FROM ${target.dialect.quoteTable(mapping.target)} WHERE ${condition}`, slice.flat());
    }
    runs.commitDeletes(runId, mapping.id, keys.length);
    pass.deleted += keys.length;
  };
  // A batch noted before the process stopped: its rows are gone or go now, and count once.
  const pending = runs.table(runId, mapping.id).deletesPending;
  if (apply && pending) await remove(pending);

  // Only the table (or query) and the plan's filter: a row outside the watermark range still exists.
  const sourcePage: KeysetPageOptions = {
    ...(input.sourcePage.from ? { from: input.sourcePage.from } : {}),
    ...(input.sourcePage.keepWhen ? { keepWhen: input.sourcePage.keepWhen } : {}),
  };
  const sourceKeys = orderedKeys(source, input.sourceTable, input.sourceKey, sourcePage, 'source', mapping.id);
  const targetKeys = orderedKeys(target, mapping.target, mapping.keyColumns, {}, 'target', mapping.id);
  let s = await sourceKeys.next();
  let batch: unknown[][] = [];
  for await (const key of targetKeys) {
    while (!s.done && compareKeyValues(s.value, key) < 0) s = await sourceKeys.next();
    if (!s.done && compareKeyValues(s.value, key) === 0) continue;
    pass.found += 1;
    if (!apply) continue;
    batch.push(key);
    if (batch.length >= deleteBatch) {
      // Deleting behind the target's cursor leaves its later pages unchanged.
      await remove(batch);
      batch = [];
    }
  }
  if (apply) await remove(batch);
  return pass;
}
