/**
 * A run's quarantine as CSV (RFC 4180: every field quoted, quotes doubled, CRLF line ends), for a
 * spreadsheet or a person fixing the mapping. Streams page by page so a large quarantine is never
 * all in memory.
 */
import type { RejectRecord, RunStore } from '../workspace/run-store';

const header = ['table', 'row_key', 'column', 'raw_value', 'reason', 'row_json', 'rejected_at'];

function field(value: string | null): string {
  return `"${(value ?? '').replace(/"/g, '""')}"`;
}

function line(values: readonly (string | null)[]): string {
  return `${values.map(field).join(',')}\r\n`;
}

export function* rejectsCsv(runs: RunStore, runId: string, tableId?: string, pageRows = 5000): Generator<string> {
  yield line(header);
  for (let offset = 0; ; offset += pageRows) {
    const page: RejectRecord[] = runs.rejects(runId, tableId, pageRows, offset);
    for (const r of page) yield line([r.tableId, r.rowKey, r.column, r.rawValue, r.reason, r.rowJson, r.createdAt]);
    if (page.length < pageRows) return;
  }
}
