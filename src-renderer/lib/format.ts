import type { RowCount } from '../../src-shared/schema-info';

const integer = new Intl.NumberFormat(undefined, { maximumFractionDigits: 0 });

export function formatInteger(value: number): string {
  return integer.format(value);
}

/** `3,503`, or `≈ 1,200,000` when the number is the catalogue's estimate. */
export function formatRowCount(count: RowCount | null): string {
  if (!count) return '—';
  return count.exact ? formatInteger(count.value) : `≈ ${formatInteger(count.value)}`;
}

export function formatLatency(ms: number): string {
  return ms < 10 ? `${ms.toFixed(1)} ms` : `${formatInteger(ms)} ms`;
}
