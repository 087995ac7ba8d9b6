/**
 * From a source row to the target row a table mapping asks for: each target column's sources
 * through its transform chain (the same code the grid's preview runs), then its default for
 * null, then the checks the target would make. A row that fails gets one sentence naming the
 * table, the row's key and the column; it is never written half-converted.
 */
import type { ColumnMapping, TableMapping } from '../../src-shared/plan';
import { formatPortableType, type PortableType } from '../../src-shared/portable-types';
import { applyChain } from '../../src-shared/transforms/catalogue';
import type { CellValue } from '../../src-shared/transforms/transform';
import { TallyError } from '../../src-shared/errors';
import type { WriteColumn } from '../dialects/dialect';

export type MappedRow =
  { ok: true; values: CellValue[] } | { ok: false; column: string; rawValue: CellValue; reason: string };

export type RowMapper = {
  targetColumns: WriteColumn[];
  /** The source columns the mapping reads. */
  sourceColumns: string[];
  /** `rowKey` spells out the row's key; it is called only when the row fails. */
  map(row: Readonly<Record<string, unknown>>, rowKey: () => string): MappedRow;
};

export function toCellValue(value: unknown): CellValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return value;
  if (value instanceof Date || value instanceof Uint8Array) return value;
  return JSON.stringify(value);
}

/** Quoted and shortened, for reasons people read. */
export function showValue(value: CellValue): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `"${text.length > 40 ? `${text.slice(0, 37)}…` : text}"`;
}

const integerLimits: Record<8 | 16 | 32 | 64, bigint> = {
  8: 127n,
  16: 32767n,
  32: 2147483647n,
  64: 9223372036854775807n,
};

/** What the target itself would refuse, said before it does, in our words. */
function misfit(value: CellValue, type: PortableType): string | undefined {
  if (value === null) return undefined;
  if (type.kind === 'text' && type.length !== undefined && typeof value === 'string' && [...value].length > type.length)
    return `${showValue(value)} is ${[...value].length} characters long; the column holds at most ${type.length}.`;
  if (type.kind === 'integer') {
    let whole: bigint | undefined;
    if (typeof value === 'bigint') whole = value;
    else if (typeof value === 'number' && Number.isInteger(value)) whole = BigInt(value);
    else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) whole = BigInt(value.trim());
    else if (typeof value === 'boolean') whole = value ? 1n : 0n;
    if (whole === undefined) return `${showValue(value)} is not a whole number (${formatPortableType(type)}).`;
    const limit = integerLimits[type.bits];
    if (whole > limit || whole < -limit - 1n) return `${showValue(value)} does not fit ${formatPortableType(type)}.`;
  }
  if (type.kind === 'text' && typeof value === 'string' && value.includes('\u0000'))
    return `${showValue(value.split('\u0000').join('\\0'))} contains a NUL character, which text columns cannot hold.`;
  return undefined;
}

function describeColumn(table: TableMapping, column: ColumnMapping): string {
  return `${table.id}.${column.target}`;
}

export function createRowMapper(table: TableMapping): RowMapper {
  for (const column of table.columns) {
    if (column.sources.length > 1 && column.transforms.length === 0)
      throw new TallyError(
        'bad-input',
        `${describeColumn(table, column)} takes ${column.sources.length} source columns but no transform combines them (concat, coalesce…).`,
        { table: table.id, column: column.target },
      );
  }
  const columns = table.columns;
  const sourceColumns = [...new Set(columns.flatMap((c) => c.sources))];
  return {
    targetColumns: columns.map((c) => ({ name: c.target, type: c.targetType })),
    sourceColumns,
    map(row, describeRow) {
      const values: CellValue[] = [];
      for (const column of columns) {
        const inputs = column.sources.map((name) => toCellValue(row[name]));
        let value: CellValue;
        if (column.transforms.length === 0) value = inputs[0] ?? null;
        else {
          const result = applyChain(inputs, column.transforms);
          if (result.ok) value = result.value;
          else if (column.onError === 'default' && column.defaultForNull !== undefined) value = column.defaultForNull;
          else
            return {
              ok: false,
              column: column.target,
              rawValue:
                inputs.length === 1
                  ? (inputs[0] ?? null)
                  : inputs.map((v) => (v === null ? '' : String(v))).join(' | '),
              reason: `${table.id} row ${describeRow()}, column ${column.target}: ${result.reason}`,
            };
        }
        if (value === null && column.defaultForNull !== undefined) value = column.defaultForNull;
        if (value === null && !column.targetNullable)
          return {
            ok: false,
            column: column.target,
            rawValue: null,
            reason: `${table.id} row ${describeRow()}, column ${column.target}: the column requires a value (NOT NULL) and the row has none.`,
          };
        const problem = misfit(value, column.targetType);
        if (problem)
          return {
            ok: false,
            column: column.target,
            rawValue: value,
            reason: `${table.id} row ${describeRow()}, column ${column.target}: ${problem}`,
          };
        values.push(value);
      }
      return { ok: true, values };
    },
  };
}
