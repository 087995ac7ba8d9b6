import { describe, expect, it } from 'vitest';
import { toBoolean } from './booleans';
import type { CellValue } from './transform';

function read(value: CellValue, params: Record<string, unknown> = {}) {
  return toBoolean.apply(value, toBoolean.params.parse(params));
}

describe('to_boolean', () => {
  it.each<[CellValue, boolean | null]>([
    ['Y', true],
    ['n', false],
    ['yes', true],
    ['NO', false],
    ['1', true],
    ['0', false],
    ['t', true],
    ['F', false],
    ['True', true],
    ['FALSE', false],
    ['on', true],
    ['Off', false],
    ['  yes  ', true],
    [1, true],
    [0, false],
    [1n, true],
    [true, true],
    [false, false],
    ['', null],
    ['   ', null],
    [null, null],
  ])('%s → %s', (value, expected) => {
    expect(read(value)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, string]>([
    ['maybe', '"maybe" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).'],
    ['2', '"2" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).'],
    [2, '2 is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).'],
    ['yes please', '"yes please" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).'],
    ['ja', '"ja" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).'],
    [
      new Date(0),
      '"1970-01-01T00:00:00.000Z" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).',
    ],
  ])('refuses %s', (value, reason) => {
    expect(read(value)).toEqual({ ok: false, reason });
  });

  it('takes extra words, in any case', () => {
    const params = { trueWords: ['Ja', 'X'], falseWords: ['nein'] };
    expect([' ja', 'x', 'NEIN', 'y'].map((value) => read(value, params))).toEqual([
      { ok: true, value: true },
      { ok: true, value: true },
      { ok: true, value: false },
      { ok: true, value: true },
    ]);
    expect(read('vielleicht', params)).toEqual({
      ok: false,
      reason: '"vielleicht" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off, Ja, X or nein).',
    });
  });

  it('refuses a word that would mean both', () => {
    expect(toBoolean.params.safeParse({ trueWords: ['no'] }).error?.issues[0]?.message).toBe(
      'names a word that already means false',
    );
    expect(toBoolean.params.safeParse({ trueWords: ['x'], falseWords: ['X'] }).success).toBe(false);
  });
});
