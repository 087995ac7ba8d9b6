import { describe, expect, it } from 'vitest';
import {
  formatPercent,
  integerKeyOf,
  keyRangeCondition,
  planKeyRanges,
  seededRandom,
} from '../dialects/common/profile-sample';
import { fillBuckets, lastEdge, planBuckets, sqlNumber } from './buckets';

describe('planBuckets', () => {
  it('gives whole numbers one bucket per value when the range is small', () => {
    expect(planBuckets(1, 5, true, 20)).toEqual({ start: 1, width: 1, count: 5 });
  });
  it('gives whole numbers whole widths', () => {
    const plan = planBuckets(1, 1000, true, 20);
    expect(plan).toEqual({ start: 1, width: 50, count: 20 });
    expect(lastEdge(plan!)).toBe(951);
  });
  it('divides real ranges evenly', () => {
    expect(planBuckets(0, 1, false, 4)).toEqual({ start: 0, width: 0.25, count: 4 });
  });
  it('has one bucket for one value and none for no values', () => {
    expect(planBuckets(3, 3, false, 20)).toEqual({ start: 3, width: 1, count: 1 });
    expect(planBuckets(null, 3, false, 20)).toBeNull();
    expect(planBuckets(5, 3, false, 20)).toBeNull();
  });
  it('fills buckets the database did not return with zero', () => {
    const buckets = fillBuckets({ start: 0, width: 10, count: 3 }, new Map([[1, 4]]));
    expect(buckets).toEqual([
      { from: 0, to: 10, count: 0 },
      { from: 10, to: 20, count: 4 },
      { from: 20, to: 30, count: 0 },
    ]);
  });
  it('writes numbers as parenthesised literals, so `x - -5` never reads as a comment', () => {
    expect(sqlNumber(-5)).toBe('(-5)');
    expect(() => sqlNumber(Number.NaN)).toThrow();
  });
});

describe('keyset-sliced samples', () => {
  it('spreads reproducible, disjoint ranges over the whole key span', () => {
    const ranges = planKeyRanges({ low: 1, high: 1_000_000, wanted: 100_000, estimatedRows: 1_000_000, seed: 42 });
    expect(ranges).toHaveLength(100);
    expect(ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0)).toBe(100_000);
    for (let i = 1; i < ranges.length; i++) expect(ranges[i]![0]).toBeGreaterThan(ranges[i - 1]![1]);
    expect(ranges[0]![0]).toBeGreaterThanOrEqual(1);
    expect(ranges[99]![1]).toBeLessThanOrEqual(1_000_000);
    expect(planKeyRanges({ low: 1, high: 1_000_000, wanted: 100_000, estimatedRows: 1_000_000, seed: 42 })).toEqual(
      ranges,
    );
    expect(planKeyRanges({ low: 1, high: 1_000_000, wanted: 100_000, estimatedRows: 1_000_000, seed: 7 })).not.toEqual(
      ranges,
    );
  });
  it('widens the ranges where keys are sparse', () => {
    const ranges = planKeyRanges({ low: 1, high: 2_000_000, wanted: 1000, estimatedRows: 100_000, seed: 1 });
    expect(ranges.reduce((sum, [from, to]) => sum + to - from + 1, 0)).toBe(20_000);
  });
  it('gives up on keys that are not safe integers', () => {
    expect(planKeyRanges({ low: Number.NaN, high: 5, wanted: 1, estimatedRows: 1, seed: 1 })).toEqual([]);
  });
  it('writes the ranges as one condition', () => {
    expect(
      keyRangeCondition('rowid', [
        [1, 10],
        [50, 60],
      ]),
    ).toBe('rowid BETWEEN 1 AND 10 OR rowid BETWEEN 50 AND 60');
  });
  it('draws the same numbers for the same seed', () => {
    const a = seededRandom(3);
    const b = seededRandom(3);
    expect([a(), a(), a()]).toEqual([b(), b(), b()]);
  });
  it('formats percentages briefly', () => {
    expect(formatPercent(0.1)).toBe('10%');
    expect(formatPercent(0.123456789)).toBe('12.3457%');
  });
  it('slices on a one-column integer primary key only', () => {
    const column = (name: string, kind: 'integer' | 'text') => ({
      name,
      ordinal: 1,
      nativeType: '',
      portableType: kind === 'integer' ? ({ kind, bits: 64 } as const) : ({ kind } as const),
      nullable: false,
      defaultValue: null,
      autoIncrement: false,
    });
    const base = {
      schema: null,
      name: 't',
      kind: 'table' as const,
      foreignKeys: [],
      uniqueConstraints: [],
      indexes: [],
      rowCount: null,
    };
    expect(
      integerKeyOf({ ...base, columns: [column('id', 'integer')], primaryKey: { name: null, columns: ['id'] } }),
    ).toBe('id');
    expect(
      integerKeyOf({ ...base, columns: [column('code', 'text')], primaryKey: { name: null, columns: ['code'] } }),
    ).toBeNull();
    expect(
      integerKeyOf({
        ...base,
        columns: [column('a', 'integer'), column('b', 'integer')],
        primaryKey: { name: null, columns: ['a', 'b'] },
      }),
    ).toBeNull();
  });
});
