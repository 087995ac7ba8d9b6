/**
 * What a table's rows are read from and which of them: a source table or a plan's source query
 * (read as a derived table), the plan's filter (selected as a keep flag so filtered rows are
 * counted, never skipped unseen) and an incremental run's watermark range.
 */
import { TallyError } from '../../src-shared/errors';
import type { Plan, TableMapping } from '../../src-shared/plan';
import { formatTableRef } from '../../src-shared/schema-info';
import type { DatabaseSession, KeysetPageOptions } from '../dialects/dialect';
import type { RunStore } from '../workspace/run-store';

/** The alias a plan's source query is read under. */
export const sourceQueryAlias = 'tally_source';

/** The FROM item of a query source, or undefined for a table. */
export function sourceFromItem(mapping: TableMapping): string | undefined {
  return 'query' in mapping.source ? `(${mapping.source.query}) ${sourceQueryAlias}` : undefined;
}

/**
 * The source columns that identify a query source's rows: for each of the plan's key columns, the
 * one source column it is filled from. A key computed from several columns cannot page a query.
 */
export function queryKeyColumns(mapping: TableMapping): string[] {
  const keys = mapping.keyColumns.map((name) => {
    const column = mapping.columns.find((c) => c.target === name);
    return column && column.sources.length === 1 ? column.sources[0] : undefined;
  });
  if (keys.length === 0 || keys.some((k) => k === undefined))
    throw new TallyError(
      'bad-input',
      `${mapping.id}: a source query is read in key order, so each of the plan's key columns (${mapping.keyColumns.join(', ') || 'none'}) must be filled from exactly one column of the query.`,
      { table: mapping.id },
    );
  return keys as string[];
}

/** Refuses, with one sentence, a source query that does not expose the key columns it is paged by. */
export async function checkQueryExposesKey(
  source: DatabaseSession,
  mapping: TableMapping,
  keyColumns: readonly string[],
): Promise<void> {
  const from = sourceFromItem(mapping);
  if (!from) return;
  const page = source.dialect.keysetPageSql({ schema: null, name: sourceQueryAlias }, keyColumns, keyColumns, null, 1, {
    from,
  });
  try {
    await source.queryArrays(page.sql, page.bindings);
  } catch (error) {
    throw new TallyError(
      'bad-input',
      `${mapping.id}: the source query must return the key column${keyColumns.length > 1 ? 's' : ''} ${keyColumns.join(', ')} to be read in key order; the source said: ${(error as Error).message}`,
      { table: mapping.id },
    );
  }
}

/** Identifies a table for its high-water mark: where it is read from and where it goes, not a plan version. */
export function watermarkTableKey(plan: Plan, mapping: TableMapping): string {
  return JSON.stringify({
    source: plan.source.url,
    from: 'table' in mapping.source ? formatTableRef(mapping.source.table) : mapping.source.query,
    target: plan.target.url,
    table: formatTableRef(mapping.target),
    watermark: mapping.watermarkColumn ?? null,
  });
}

export type WatermarkRange = { from: unknown; to: unknown };

/**
 * The range (from, to] of an incremental run, fixed when the table starts: from is the last
 * committed high-water mark, to the largest watermark in the source now. Rows changed while the
 * run works carry a later watermark and come with the next run. A resume reuses the stored range.
 */
export async function watermarkRange(
  source: DatabaseSession,
  plan: Plan,
  mapping: TableMapping,
  quotedSource: string,
  runs: RunStore,
  runId: string,
): Promise<WatermarkRange> {
  const stored = runs.table(runId, mapping.id).watermark;
  if (stored) return stored;
  const column = mapping.watermarkColumn;
  if (!column)
    throw new TallyError('bad-input', `${mapping.id}: the incremental mode needs the plan's watermarkColumn.`, {
      table: mapping.id,
    });
  const from = runs.watermark(watermarkTableKey(plan, mapping))?.value ?? null;
  const rows = await source.queryArrays(
    `SELECT max(${source.dialect.quoteIdentifier(column)}) FROM ${sourceFromItem(mapping) ?? quotedSource}`,
  );
  const range = { from, to: rows[0]?.[0] ?? null };
  runs.setWatermarkRange(runId, mapping.id, range);
  return range;
}

/**
 * The condition of a watermark range. The first run (no mark yet) also takes rows whose watermark
 * is null, which no later run would ever see; later runs take what grew past the mark.
 */
export function watermarkCondition(
  source: DatabaseSession,
  column: string,
  range: WatermarkRange,
): NonNullable<KeysetPageOptions['where']> {
  const quoted = source.dialect.quoteIdentifier(column);
  if (range.to === null) return range.from === null ? { sql: '1 = 1', bindings: [] } : { sql: '1 = 0', bindings: [] };
  if (range.from === null) return { sql: `${quoted} <= ? OR ${quoted} IS NULL`, bindings: [range.to] };
  return { sql: `${quoted} > ? AND ${quoted} <= ?`, bindings: [range.from, range.to] };
}
