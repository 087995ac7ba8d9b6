import { describe, expect, it } from 'vitest';
import { classifyPattern, formatsOf, inferType, patternShape } from './semantics';

describe('classifyPattern', () => {
  it.each([
    ['9999-99-99', 'date'],
    ['9999-99-99 99:99:99', 'date'],
    ['9999-99-99A99:99:99A', 'date'],
    ['9999-99-99A99:99:99+99:99', 'date'],
    ['9999-99-99 99:99 AAA', 'date'],
    ['99/99/9999 9:99 AA', 'date'],
    ['99.99.9999 99:99', 'date'],
    ['Aaa 9, 9999', 'date'],
    ['aaaa.aaaa99@aaaaa.aaa', 'email'],
    ['(999) 999-9999', 'phone'],
    ['+99 99 9999 9999', 'phone'],
    ['999.999.9999', 'phone'],
    ['9999999999', 'number'],
    ['-99.99', 'number'],
    ['9,999.99', 'number'],
    ['$99.99', null],
    ['Aaaa Aaaaa', null],
    ['AAA-99999', null],
  ])('%s is %s', (pattern, kind) => {
    expect(classifyPattern(pattern)).toBe(kind);
  });

  it('collapses digit runs into a shape: numbers of any size are one format', () => {
    expect(patternShape('(999) 999-9999')).toBe('(9) 9-9');
    expect(patternShape('99.99')).toBe(patternShape('9999.9'));
  });
});

const p = (pattern: string, count: number) => ({ pattern, count, share: 0, distinctValues: count, example: '' });

describe('inferType', () => {
  it('calls a column of several date patterns a date column, counting the patterns', () => {
    const inferred = inferType({
      patterns: [p('9999-99-99 99:99:99', 50), p('99/99/9999 9:99 AA', 30), p('AAA', 5)],
      values: 85,
      top: [],
      distinct: 80,
      minShare: 0.5,
    });
    expect(inferred).toEqual({ type: 'date', share: 80 / 85, formats: 2 });
  });

  it('needs the share of the threshold', () => {
    expect(
      inferType({ patterns: [p('9999-99-99', 4), p('Aaaa', 6)], values: 10, top: [], distinct: 10, minShare: 0.5 }),
    ).toBeNull();
  });

  it('reads Y/N/yes/1/0 as a boolean', () => {
    const top = [
      { value: 'Y', count: 70, share: 0.7 },
      { value: 'N', count: 20, share: 0.2 },
      { value: 'yes', count: 5, share: 0.05 },
      { value: '1', count: 5, share: 0.05 },
    ];
    expect(inferType({ patterns: [], values: 100, top, distinct: 4, minShare: 0.5 })).toEqual({
      type: 'boolean',
      share: 1,
    });
  });

  it('groups patterns by shape, most common first', () => {
    const formats = formatsOf([p('99-99', 5), p('(999) 999', 7), p('9-9', 3)]);
    expect(formats.map((f) => [f.shape, f.count])).toEqual([
      ['9-9', 8],
      ['(9) 9', 7],
    ]);
  });
});
