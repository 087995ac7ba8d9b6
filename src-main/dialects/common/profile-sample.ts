/**
 * Keyset-sliced samples, for databases without TABLESAMPLE (SQLite, MySQL): a table with an
 * integer key is read in a hundred short key ranges spread over the whole key span, one in each
 * stratum at a seeded random offset. The ranges are index range reads, so a sample of 1% reads
 * about 1% of the table; the same seed gives the same ranges, so every statement of one profile
 * reads the same rows.
 */
import type { TableInfo } from '../../../src-shared/schema-info';

export type KeyRange = readonly [from: number, to: number];

/** A small seeded generator (mulberry32): the same seed, the same numbers. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Key ranges within [low, high] that together hold about `wanted` of `estimatedRows` rows, assuming
 * the keys are spread evenly over the span. Empty when the span is not a safe integer range.
 */
export function planKeyRanges(options: {
  low: number;
  high: number;
  wanted: number;
  estimatedRows: number;
  seed: number;
  maxRanges?: number;
}): KeyRange[] {
  const { low, high, wanted, estimatedRows, seed } = options;
  if (!Number.isSafeInteger(low) || !Number.isSafeInteger(high) || high < low) return [];
  const span = high - low + 1;
  const density = Math.min(1, Math.max(estimatedRows, 1) / span);
  const keysWanted = Math.min(span, Math.ceil(wanted / density));
  const count = Math.max(1, Math.min(options.maxRanges ?? 100, Math.floor(keysWanted / 10) || 1));
  const width = Math.max(1, Math.floor(keysWanted / count));
  const stratum = span / count;
  const random = seededRandom(seed);
  const ranges: KeyRange[] = [];
  for (let index = 0; index < count; index++) {
    const start = low + Math.floor(index * stratum);
    const room = Math.max(0, Math.floor(stratum) - width);
    const from = start + Math.floor(random() * (room + 1));
    ranges.push([from, Math.min(high, from + width - 1)]);
  }
  return ranges;
}

/** `key BETWEEN a AND b OR …` for the ranges. */
export function keyRangeCondition(quotedKey: string, ranges: readonly KeyRange[]): string {
  return ranges.map(([from, to]) => `${quotedKey} BETWEEN ${from} AND ${to}`).join(' OR ');
}

/** The table's single-column integer primary key, if it has one. */
export function integerKeyOf(table: TableInfo): string | null {
  const [only, ...rest] = table.primaryKey?.columns ?? [];
  if (only === undefined || rest.length > 0) return null;
  const column = table.columns.find((c) => c.name === only);
  return column?.portableType.kind === 'integer' ? only : null;
}

/** "3.5%"-style percentage, as short as it stays exact to four decimals. */
export function formatPercent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(4))}%`;
}
