/** The profile as a person reads it in a terminal: per table its size, sample and alerts as sentences. */
import type { ProfileAlert, TableProfile } from '../../src-shared/profile';
import { formatInteger } from './alerts';

const severityLabel: Record<ProfileAlert['severity'], string> = {
  error: 'error  ',
  warning: 'warning',
  info: 'info   ',
};

function plural(count: number, one: string, many = `${one}s`): string {
  return `${formatInteger(count)} ${count === 1 ? one : many}`;
}

export function formatTableSummary(profile: TableProfile): string {
  const size = `${profile.rowCountExact ? '' : '≈'}${plural(profile.rowCount, 'row')}`;
  const sample = profile.sampled
    ? `, profiled on a sample of ${plural(profile.sampled.rows, 'row')} (${profile.sampled.method})`
    : '';
  const lines = [
    `${profile.table}: ${size}, ${plural(profile.columns.length, 'column')}${sample}, ${(profile.durationMs / 1000).toFixed(1)} s`,
  ];
  if (profile.alerts.length === 0) lines.push('  no alerts');
  for (const alert of profile.alerts) lines.push(`  ${severityLabel[alert.severity]}  ${alert.message}`);
  return lines.join('\n');
}

export function formatProfileSummary(tables: readonly TableProfile[]): string {
  const alerts = tables.flatMap((t) => t.alerts);
  const count = (severity: ProfileAlert['severity']): number => alerts.filter((a) => a.severity === severity).length;
  const totals = `${plural(tables.length, 'table')} profiled: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}, ${formatInteger(count('info'))} info.`;
  return [...tables.map(formatTableSummary), totals].join('\n\n');
}
