/**
 * From a source row to the target row a table mapping asks for, column by column through the
 * shared column mapping (the grid's preview runs the same code). A row that fails gets one
 * sentence naming the table, the row's key and the column; it is never written half-converted.
 */
import { prepareColumn, showValue, targetRefusal } from '../../src-shared/column-mapping';
import { TallyError } from '../../src-shared/errors';
import type { TableMapping } from '../../src-shared/plan';
import type { CellValue } from '../../src-shared/transforms/transform';
import type { WriteColumn } from '../dialects/dialect';

export { showValue };

export type MappedRow =
  { ok: true; values: CellValue[] } | { ok: false; column: string; rawValue: CellValue; reason: string };

export type RowMapper = {
  targetColumns: WriteColumn[];
  /** A source row as read: values in the order of the columns the mapper was made for. */
  /** `rowKey` spells out the row's key; it is called only when the row fails. */
  map(row: readonly unknown[], rowKey: () => string): MappedRow;
};

/** The source columns a table mapping reads, the key first. */
export function sourceColumnsOf(table: TableMapping, keyColumns: readonly string[]): string[] {
  return [...new Set([...keyColumns, ...table.columns.flatMap((c) => c.sources)])];
}

/** A driver's value as a cell: everything the transforms and writers know, anything else as JSON text. */
export function toCellValue(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return value;
  if (value instanceof Date || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

export function createRowMapper(table: TableMapping, readColumns: readonly string[]): RowMapper {
  for (const column of table.columns) {
    if (column.sources.length > 1 && column.transforms.length === 0)
      throw new TallyError(
        'bad-input',
        `${table.id}.${column.target} takes ${column.sources.length} source columns but no transform combines them (concat, coalesce…).`,
        { table: table.id, column: column.target },
      );
  }
  const columns = table.columns.map((column) => ({
    prepared: prepareColumn(column),
    // Where each source sits in a row as read.
    positions: column.sources.map((name) => readColumns.indexOf(name)),
    // One source and no transforms (most columns of most runs): the value as read, its default
    // for null, the target's check. The same steps as prepared.run, without its bookkeeping.
    passThrough: column.transforms.length === 0 && column.sources.length === 1,
  }));
  return {
    targetColumns: table.columns.map((c) => ({ name: c.target, type: c.targetType })),
    map(row, describeRow) {
      const values: CellValue[] = new Array<CellValue>(columns.length);
      for (let index = 0; index < columns.length; index += 1) {
        const { prepared, positions, passThrough } = columns[index] as (typeof columns)[number];
        if (passThrough) {
          const source = toCellValue(row[positions[0] ?? -1]);
          const { column } = prepared;
          const value = source === null && column.defaultForNull !== undefined ? column.defaultForNull : source;
          const refusal = targetRefusal(column.targetType, column.targetNullable, value);
          if (refusal === null) {
            values[index] = value;
            continue;
          }
          return {
            ok: false,
            column: column.target,
            rawValue: source,
            reason: `${table.id} row ${describeRow()}, column ${column.target}: ${refusal}`,
          };
        }
        const sources = positions.map((position) => toCellValue(row[position]));
        const outcome = prepared.run(sources);
        if (outcome.kind === 'value') {
          values[index] = outcome.value;
          continue;
        }
        const step = outcome.failedStepName ? ` (${outcome.failedStepName})` : '';
        return {
          ok: false,
          column: prepared.column.target,
          rawValue:
            sources.length === 1 ? (sources[0] ?? null) : sources.map((v) => (v === null ? '' : String(v))).join(' | '),
          reason: `${table.id} row ${describeRow()}, column ${prepared.column.target}${step}: ${outcome.reason}`,
        };
      }
      return { ok: true, values };
    },
  };
}
