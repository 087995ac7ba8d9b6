import { describe, expect, it } from 'vitest';
import { valueMap } from './lookups';
import type { CellValue } from './transform';

const genders = { M: 'male', F: 'female', X: 'diverse', '': 'unknown' };

function lookUp(value: CellValue, params: Record<string, unknown> = {}) {
  return valueMap.apply(value, valueMap.params.parse({ map: genders, ...params }));
}

describe('value_map', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['M', {}, 'male'],
    [' F ', {}, 'female'],
    ['', {}, 'unknown'],
    ['m', { caseInsensitive: true }, 'male'],
    [' M', { trim: false, unmapped: 'pass' }, ' M'],
    ['Q', { unmapped: 'pass' }, 'Q'],
    ['Q', { unmapped: 'default', defaultValue: 'other' }, 'other'],
    ['Q', { unmapped: 'default', defaultValue: null }, null],
    [null, {}, null],
  ])('%j %j → %j', (value, params, expected) => {
    expect(lookUp(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    [1, { map: { 1: 'gold', 2: 'silver' } }, 'gold'],
    ['2', { map: { 1: 'gold', 2: 'silver' } }, 'silver'],
    [true, { map: { true: 'Y', false: 'N' } }, 'Y'],
    ['A', { map: { A: 1, B: 0 } }, 1],
    ['B', { map: { A: true, B: false } }, false],
    ['constructor', { map: { a: 1 }, unmapped: 'pass' }, 'constructor'],
  ])('keys are text: %j %j → %j', (value, params, expected) => {
    expect(lookUp(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, string]>([
    ['m', {}, '"m" is not in the value map (it lists "M", "F", "X" or "").'],
    ['Q', {}, '"Q" is not in the value map (it lists "M", "F", "X" or "").'],
    [
      'Z',
      { map: { a: 1, b: 2, c: 3, d: 4, e: 5, f: 6, g: 7 } },
      '"Z" is not in the value map (it lists "a", "b", "c", "d", "e" and 2 more).',
    ],
    [new Uint8Array(4), {}, 'a binary value (4 bytes) is not in the value map (it lists "M", "F", "X" or "").'],
  ])('%j %j is refused', (value, params, reason) => {
    expect(lookUp(value, params)).toEqual({ ok: false, reason });
  });
});
