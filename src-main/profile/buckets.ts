/** Equal-width histogram buckets, planned in Tally and counted by the database. */
import type { HistogramBucket } from '../../src-shared/profile';

export type BucketPlan = { start: number; width: number; count: number };

/**
 * Buckets over [min, max]: at most `buckets` of equal width. Whole numbers get whole widths, one
 * bucket per value when the range is small. Null when there is nothing to divide.
 */
export function planBuckets(
  min: number | null,
  max: number | null,
  integer: boolean,
  buckets: number,
): BucketPlan | null {
  if (min === null || max === null || !Number.isFinite(min) || !Number.isFinite(max) || max < min) return null;
  if (max === min) return { start: min, width: 1, count: 1 };
  if (integer) {
    const start = Math.floor(min);
    const span = Math.floor(max) - start + 1;
    const width = span <= buckets ? 1 : Math.ceil(span / buckets);
    return { start, width, count: Math.ceil(span / width) };
  }
  return { start: min, width: (max - min) / buckets, count: buckets };
}

/** The last bucket's lower edge: values from here up (the maximum included) go to the last bucket. */
export function lastEdge(plan: BucketPlan): number {
  return plan.start + (plan.count - 1) * plan.width;
}

/** Every bucket of the plan with its count (zero where the database returned none). */
export function fillBuckets(plan: BucketPlan, counts: ReadonlyMap<number, number>): HistogramBucket[] {
  return Array.from({ length: plan.count }, (_, index) => {
    const from = plan.start + index * plan.width;
    return { from, to: from + plan.width, count: counts.get(index) ?? 0 };
  });
}

/** A number as an SQL literal (finite numbers only), parenthesised so a minus sign never meets another. */
export function sqlNumber(value: number): string {
  if (!Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  return `(${String(value)})`;
}
