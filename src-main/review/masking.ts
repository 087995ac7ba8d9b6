/**
 * Reviewer mode and review packs hide personal data: the values of a table's PII columns are
 * replaced before they leave the project (a pack never holds them), while whether a field
 * differs, and why, still shows.
 */
import { maskedValue, type ReviewRecord, type ReviewTable } from '../../src-shared/review';
import type { JsonCell } from '../../src-shared/validation';

function maskRow(row: Record<string, JsonCell> | null, columns: ReadonlySet<string>): Record<string, JsonCell> | null {
  if (!row) return row;
  return Object.fromEntries(
    Object.entries(row).map(([name, value]) => [name, columns.has(name) ? maskedValue(value) : value]),
  );
}

export function maskRecord(record: ReviewRecord, table: ReviewTable | undefined): ReviewRecord {
  const columns = new Set(table?.piiColumns ?? []);
  if (columns.size === 0) return record;
  return {
    ...record,
    source: maskRow(record.source, columns) ?? {},
    maskedSource: Object.keys(record.source).filter((name) => columns.has(name)),
    expected: maskRow(record.expected, columns),
    actual: maskRow(record.actual, columns),
    // A refusal sentence quotes the value it refused: keep the sentence, not the value.
    expectedError:
      record.expectedError && record.fields.some((f) => columns.has(f.column))
        ? record.expectedError.replace(/"[^"]*"/g, '"•••••"')
        : record.expectedError,
    fields: record.fields.map((field) =>
      columns.has(field.column)
        ? { ...field, expected: maskedValue(field.expected), actual: maskedValue(field.actual), masked: true }
        : field,
    ),
  };
}

/** Every masked column as `table.column`. */
export function maskedColumnNames(tables: readonly ReviewTable[]): string[] {
  return tables.flatMap((t) => t.piiColumns.map((c) => `${t.tableId}.${c}`));
}
