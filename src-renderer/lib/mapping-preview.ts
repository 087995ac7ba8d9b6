/**
 * The live preview: what each sample row becomes under a table's mapping, computed in the window
 * with the shared column mapping (the engine's own code), so an edit shows at once. Pure.
 */
import { prepareColumn, type ColumnOutcome } from '../../src-shared/column-mapping';
import type { ColumnMapping, TableMapping } from '../../src-shared/plan';
import type { CellValue } from '../../src-shared/transforms/transform';

/** A sample cell as `plan.sampleRows` sends it (JSON-safe). */
export type SampleCell = string | number | boolean | null;
export type SampleRow = Readonly<Record<string, SampleCell>>;

export type StepTrace = { name: string; value: CellValue };

/** Where a value was replaced by the column's default. */
export type DefaultUse = 'null' | 'error';

export type { ColumnOutcome };

export type RowRejection = { column: string; reason: string; failedStepName: string | null };

export type RowPreview = {
  index: number;
  /** `customer_id 84`, from the table's key columns, or `row 3`. */
  label: string;
  source: SampleRow;
  columns: Readonly<Record<string, ColumnOutcome>>;
  /** Every column that rejects the row, in column order; the row is rejected when not empty. */
  rejections: RowRejection[];
};

/** The outcome of one column on one row: the shared column mapping the engine runs too. */
export function previewColumn(column: ColumnMapping, row: SampleRow): ColumnOutcome {
  return prepareColumn(column).run(column.sources.map((name) => row[name] ?? null));
}

function rowLabel(table: TableMapping, row: SampleRow, index: number): string {
  const parts = table.keyColumns.flatMap((key) => {
    const column = table.columns.find((c) => c.target === key);
    const source = column?.sources[0];
    if (source === undefined) return [];
    return [`${key} ${formatCell(row[source] ?? null)}`];
  });
  return parts.length > 0 ? parts.join(', ') : `row ${index + 1}`;
}

export function previewRow(table: TableMapping, row: SampleRow, index: number): RowPreview {
  const columns: Record<string, ColumnOutcome> = {};
  const rejections: RowRejection[] = [];
  for (const column of table.columns) {
    const outcome = previewColumn(column, row);
    columns[column.target] = outcome;
    if (outcome.kind === 'rejected')
      rejections.push({ column: column.target, reason: outcome.reason, failedStepName: outcome.failedStepName });
  }
  return { index, label: rowLabel(table, row, index), source: row, columns, rejections };
}

export function previewRows(table: TableMapping, rows: readonly SampleRow[]): RowPreview[] {
  return rows.map((row, index) => previewRow(table, row, index));
}

/** One line for a rejected row: `phone (normalize_phone): "n/a" is not a phone number.` */
export function rejectionText(rejection: RowRejection): string {
  const where = rejection.failedStepName ? `${rejection.column} (${rejection.failedStepName})` : rejection.column;
  return `${where}: ${rejection.reason}`;
}

function hex(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0')).join('');
}

/** A cell as the preview shows it: text as is, null as `null`, dates in ISO 8601, binary in hex. */
export function formatCell(value: CellValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return value;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'Invalid date' : value.toISOString();
  if (value instanceof Uint8Array) return `0x${hex(value)}`;
  return String(value);
}

/** The same cell with white space made visible where it matters: empty, or spaces at either end. */
export function cellKind(value: CellValue): 'null' | 'empty' | 'padded' | 'plain' {
  if (value === null) return 'null';
  if (typeof value !== 'string') return 'plain';
  if (value === '') return 'empty';
  return value.trim() === value ? 'plain' : 'padded';
}

export type PreviewSummary = { rows: number; rejected: number; defaulted: number };

export function summarize(rows: readonly RowPreview[]): PreviewSummary {
  let rejected = 0;
  let defaulted = 0;
  for (const row of rows) {
    if (row.rejections.length > 0) rejected += 1;
    if (Object.values(row.columns).some((outcome) => outcome.kind === 'value' && outcome.defaulted !== null))
      defaulted += 1;
  }
  return { rows: rows.length, rejected, defaulted };
}
