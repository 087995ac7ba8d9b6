/** One line per validated table for the command line. */
import type { TableValidation } from '../../src-shared/validation';

export function formatValidatedTable(table: TableValidation): string {
  const head = `${table.source} → ${table.target}: ${table.sourceRows.toLocaleString('en-US')} / ${table.targetRows.toLocaleString('en-US')} rows`;
  if (table.status === 'failed') return `${head}: failed — ${table.error?.message ?? 'unknown error'}`;
  const segments = `${table.segments} segments, ${table.mismatchedSegments} mismatched`;
  if (table.status === 'match')
    return `${head}, ${segments}: match${table.withinTolerance > 0 ? ` (${table.withinTolerance} within tolerance)` : ''}`;
  const causes = table.groups.map(
    (g) => `${g.count} ${g.kind}${g.columns.length ? ` (${g.columns.join(', ')})` : ''}: ${g.cause}`,
  );
  const counts = table.counts.ok ? '' : ` ${table.counts.message ?? ''}`;
  return `${head}, ${segments}: ${table.missing} missing, ${table.extra} extra, ${table.changed} changed${causes.length ? ` — ${causes.join('; ')}` : ''}.${counts}`;
}
