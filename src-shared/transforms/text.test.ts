import { describe, expect, it } from 'vitest';
import { changeCase, coalesce, concat, constant, defaultIfEmpty, nullIf, substring, trim } from './text';
import type { CellValue, TransformDefinition } from './transform';

function run<P>(
  transform: TransformDefinition<P>,
  input: CellValue | CellValue[],
  params: Record<string, unknown> = {},
) {
  return transform.apply(input, transform.params.parse(params));
}

describe('trim', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['  a b  ', {}, 'a b'],
    ['\t\u00a0a\n', {}, 'a'],
    ['  a  ', { side: 'start' }, 'a  '],
    ['  a  ', { side: 'end' }, '  a'],
    ['  a   b \t c ', { collapseInner: true }, 'a b c'],
    ['', {}, ''],
    ['   ', {}, ''],
    [42, {}, '42'],
    [12345678901234567890n, {}, '12345678901234567890'],
    [true, {}, 'true'],
    [new Date(Date.UTC(2024, 0, 2)), {}, '2024-01-02T00:00:00.000Z'],
  ])('%s %j → %j', (input, params, expected) => {
    expect(run(trim, input, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, string]>([
    [new Uint8Array([1, 2, 3]), 'a binary value (3 bytes) is not text.'],
    [Number.NaN, 'NaN is not a finite number.'],
  ])('refuses %j', (input, reason) => {
    expect(run(trim, input)).toEqual({ ok: false, reason });
  });

  it('refuses several values', () => {
    expect(run(trim, ['a', 'b'])).toEqual({
      ok: false,
      reason: 'trim takes one value, not 2; combine them first with concat.',
    });
  });
});

describe('case', () => {
  it.each<[string, string, string]>([
    ['hello World', 'upper', 'HELLO WORLD'],
    ['straße', 'upper', 'STRASSE'],
    ['HELLO World', 'lower', 'hello world'],
    ['ÉCOLE', 'lower', 'école'],
    ['JOHN SMITH', 'title', 'John Smith'],
    ["conan o'brien", 'title', "Conan O'Brien"],
    ['d’angelo', 'title', 'D’Angelo'],
    ["it's here", 'title', "It's Here"],
    ['mary-jane watson-parker', 'title', 'Mary-Jane Watson-Parker'],
    ['ZOË ÁLVAREZ', 'title', 'Zoë Álvarez'],
    ['  two  spaces', 'title', '  Two  Spaces'],
    ['HELLO. THIS IS FINE! OK? yes', 'sentence', 'Hello. This is fine! Ok? Yes'],
    ['"quoted. "next', 'sentence', '"Quoted. "Next'],
    ['', 'title', ''],
  ])('%j to %s → %j', (input, to, expected) => {
    expect(run(changeCase, input, { to })).toEqual({ ok: true, value: expected });
  });
});

describe('concat', () => {
  it.each<[CellValue | CellValue[], Record<string, unknown>, CellValue]>([
    [['Ada', 'Lovelace'], {}, 'Ada Lovelace'],
    [['Ada', null, 'Lovelace'], {}, 'Ada Lovelace'],
    [['Ada', '  ', 'Lovelace'], {}, 'Ada Lovelace'],
    [['Ada', '', 'Lovelace'], { skipEmpty: false, separator: '|' }, 'Ada||Lovelace'],
    [['Ada', null, 'Lovelace'], { skipNulls: false }, null],
    [['12 Main St', 'Springfield', 'IL'], { separator: ', ' }, '12 Main St, Springfield, IL'],
    [['A', 1, true, 2n], { separator: '-' }, 'A-1-true-2'],
    [[null, null], {}, null],
    [['', null], {}, ''],
    [[], {}, null],
    ['single', {}, 'single'],
  ])('%s %j → %j', (inputs, params, expected) => {
    expect(run(concat, inputs, params)).toEqual({ ok: true, value: expected });
  });

  it('refuses binary', () => {
    expect(run(concat, ['a', new Uint8Array(2)])).toEqual({
      ok: false,
      reason: 'a binary value (2 bytes) is not text.',
    });
  });
});

describe('substring', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['Hello', { start: 1, length: 3 }, 'Hel'],
    ['Hello', { start: 2 }, 'ello'],
    ['Hello', { start: -3 }, 'llo'],
    ['Hello', { start: -2, length: 1 }, 'l'],
    ['Hello', { start: -10, length: 2 }, 'He'],
    ['Hello', { start: 10 }, ''],
    ['Hello', { length: 0 }, ''],
    ['😀é😀x', { start: 2, length: 2 }, 'é😀'],
    ['Zoë', { length: 3 }, 'Zoë'],
  ])('%j %j → %j', (input, params, expected) => {
    expect(run(substring, input, params)).toEqual({ ok: true, value: expected });
  });
});

describe('constant, coalesce, default_if_empty, null_if', () => {
  it.each<[CellValue[], CellValue, CellValue]>([
    [[], 'X', 'X'],
    [['anything'], 0, 0],
    [[null], false, false],
    [['a', 'b'], null, null],
  ])('constant over %j → %j', (inputs, value, expected) => {
    expect(run(constant, inputs, { value })).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue[], Record<string, unknown>, CellValue]>([
    [[null, 'b', 'c'], {}, 'b'],
    [['', 'b'], {}, ''],
    [['', '  ', 'b'], { skipEmpty: true }, 'b'],
    [[null, 0], {}, 0],
    [[null, false], {}, false],
    [[null, null], {}, null],
    [[], {}, null],
  ])('coalesce %j %j → %j', (inputs, params, expected) => {
    expect(run(coalesce, inputs, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, CellValue]>([
    [null, 'unknown'],
    ['', 'unknown'],
    [' \t', 'unknown'],
    ['x', 'x'],
    [0, 0],
  ])('default_if_empty %j → %j', (input, expected) => {
    expect(run(defaultIfEmpty, input, { value: 'unknown' })).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['N/A', {}, null],
    [' n/a ', {}, null],
    ['-', {}, null],
    ['NA', {}, 'NA'],
    ['n/a', { caseInsensitive: false }, 'n/a'],
    [' - ', { trim: false }, ' - '],
    [0, { values: ['0'] }, null],
    [new Uint8Array(1), {}, new Uint8Array(1)],
  ])('null_if %j %j → %j', (input, params, expected) => {
    expect(run(nullIf, input, { values: ['N/A', '-'], ...params })).toEqual({ ok: true, value: expected });
  });
});
