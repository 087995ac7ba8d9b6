import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import {
  applyChain,
  compileChain,
  describeChain,
  describeStep,
  getTransform,
  transformNames,
  transforms,
  validateStep,
  type TransformName,
} from './catalogue';
import type { CellValue, TransformStep } from './transform';

/** The fewest parameters each transform needs. */
const minimalParams: Record<TransformName, Record<string, unknown>> = {
  trim: {},
  case: { to: 'upper' },
  concat: {},
  substring: { length: 2 },
  constant: { value: 'fixed' },
  coalesce: {},
  default_if_empty: { value: 'none' },
  null_if: { values: ['N/A'] },
  split_name: { part: 'first' },
  parse_date: {},
  parse_timestamp: {},
  parse_number: {},
  to_boolean: {},
  value_map: { map: { a: 'b' }, unmapped: 'pass' },
  regex_extract: { pattern: '.*', onNoMatch: 'null' },
  regex_replace: { pattern: 'x' },
  normalize_email: {},
  normalize_phone: { defaultRegion: 'US' },
  mask: {},
  hash: {},
  cast: { to: { kind: 'integer', bits: 32 } },
};

describe('the catalogue', () => {
  it('holds every transform under its own name, with a label and a description', () => {
    for (const name of transformNames) {
      const transform = getTransform(name);
      expect(transform?.name).toBe(name);
      expect(transform?.label).not.toBe('');
      expect(transform?.description).toMatch(/\.$/u);
    }
    expect(getTransform('toString')).toBeUndefined();
    expect(getTransform('nope')).toBeUndefined();
  });

  it.each(transformNames)('%s: its parameters convert to JSON Schema (for the grid and the plan schema)', (name) => {
    expect(() => z.toJSONSchema(transforms[name].params, { io: 'input', unrepresentable: 'throw' })).not.toThrow();
  });

  it.each(transformNames)('%s: its minimal parameters are valid', (name) => {
    expect(validateStep({ name, params: minimalParams[name] })).toMatchObject({ ok: true });
  });
});

describe('nulls and empty text', () => {
  // The catalogue's rule (see catalogue.ts): null in → null out, empty text → null from the
  // readers; these rows are the deliberate exceptions and the readers.
  const cases: [TransformName, CellValue, CellValue][] = [
    ...transformNames
      .filter((name) => !['constant', 'default_if_empty'].includes(name))
      .map((name): [TransformName, CellValue, CellValue] => [name, null, null]),
    ['constant', null, 'fixed'],
    ['default_if_empty', null, 'none'],
    ['default_if_empty', '  ', 'none'],
    ['trim', '', ''],
    ['case', '', ''],
    ['concat', '', ''],
    ['substring', '', ''],
    ['mask', '', ''],
    ['regex_replace', '', ''],
    ['split_name', '  ', null],
    ['parse_date', '', null],
    ['parse_timestamp', ' ', null],
    ['parse_number', '', null],
    ['to_boolean', '', null],
    ['normalize_email', '', null],
    ['normalize_phone', '', null],
    ['cast', '', null],
    ['null_if', ' n/a ', null],
  ];

  it.each(cases)('%s: %j → %j', (name, input, expected) => {
    expect(applyChain([input], [{ name, params: minimalParams[name] }])).toMatchObject({ ok: true, value: expected });
  });

  it('keeps empty text for a cast to text', () => {
    expect(applyChain([''], [{ name: 'cast', params: { to: { kind: 'text' } } }])).toMatchObject({ value: '' });
  });
});

describe('applyChain', () => {
  const step = (name: string, params: Record<string, unknown> = {}): TransformStep => ({ name, params });

  it.each<[string, CellValue[], TransformStep[], CellValue]>([
    ['an empty chain passes the single source through', ['x'], [], 'x'],
    ['an empty chain with no source gives null', [], [], null],
    ['a constant needs no source', [], [step('constant', { value: 42 })], 42],
    ['a first step that takes one value gets null without a source', [], [step('trim')], null],
    [
      'a first step that takes many gets every source',
      ['Ada', null, 'Lovelace'],
      [step('concat', { separator: ' ' })],
      'Ada Lovelace',
    ],
    [
      'each later step gets the previous value',
      ['  van der BERG, jan  '],
      [step('trim'), step('split_name', { part: 'last' }), step('case', { to: 'title' })],
      'Van Der Berg',
    ],
    [
      'a later step that takes many gets the previous value',
      [' '],
      [step('trim'), step('coalesce', { skipEmpty: true })],
      null,
    ],
    ['a coalesce over sources', [null, '', 'b'], [step('coalesce', { skipEmpty: true })], 'b'],
  ])('%s', (_, sources, chain, expected) => {
    expect(applyChain(sources, chain)).toMatchObject({ ok: true, value: expected });
  });

  it('reports the value after every step', () => {
    expect(applyChain([' (212) 555-0100 '], [step('trim'), step('normalize_phone', { defaultRegion: 'US' })])).toEqual({
      ok: true,
      value: '+12125550100',
      steps: [
        { name: 'trim', value: '(212) 555-0100' },
        { name: 'normalize_phone', value: '+12125550100' },
      ],
    });
  });

  it.each<[string, CellValue[], TransformStep[], string, number, number]>([
    [
      'several sources and a first step that takes one',
      ['a', 'b'],
      [step('trim')],
      'There are 2 source values but trim takes one value; start with concat or coalesce to combine them.',
      0,
      0,
    ],
    [
      'several sources and no step',
      ['a', 'b'],
      [],
      'There are 2 source values but an empty chain passes one value through; start with concat or coalesce to combine them.',
      -1,
      0,
    ],
    [
      'a reason in the middle of the chain',
      ['maybe '],
      [step('trim'), step('to_boolean'), step('cast', { to: { kind: 'text' } })],
      '"maybe" is not a yes/no value (expected Y/N, yes/no, 1/0, t/f, true/false, on/off).',
      1,
      1,
    ],
    [
      'an unknown transform',
      ['x'],
      [step('trim'), step('spilt_name')],
      'There is no transform named "spilt_name" (did you mean split_name?).',
      1,
      0,
    ],
    [
      'bad parameters',
      ['x'],
      [step('split_name', { part: 'given-name' })],
      'Parameter "part" of split_name must be one of "prefix", "first", "middle", "last", "suffix", "nickname" or "given" (got "given-name").',
      0,
      0,
    ],
  ])('fails on %s', (_, sources, chain, reason, failedStep, stepsDone) => {
    const result = applyChain(sources, chain);
    expect(result).toMatchObject({ ok: false, reason, failedStep });
    expect(result.steps).toHaveLength(stepsDone);
  });

  it('compiles a chain once and runs it on many rows', () => {
    const compiled = compileChain([step('parse_number', { decimalSeparator: ',' })]);
    if (!compiled.ok) throw new Error(compiled.reason);
    expect(['1.234,50', '7', ''].map((value) => compiled.run([value]))).toMatchObject([
      { ok: true, value: 1234.5 },
      { ok: true, value: 7 },
      { ok: true, value: null },
    ]);
  });
});

describe('validateStep', () => {
  it.each<[string, Record<string, unknown>, string]>([
    ['nope', {}, 'There is no transform named "nope".'],
    ['Trim', {}, 'There is no transform named "Trim" (did you mean trim?).'],
    ['split_name', {}, 'Parameter "part" of split_name is required.'],
    ['trim', { sides: 'both' }, 'trim has no parameter "sides".'],
    ['trim', { side: 3 }, 'Parameter "side" of trim must be one of "both", "start" or "end" (got 3).'],
    ['concat', { separator: 1 }, 'Parameter "separator" of concat must be text (got 1).'],
    [
      'substring',
      { start: 0 },
      'Parameter "start" of substring counts from 1 (the first character) or from -1 (the last).',
    ],
    ['substring', { start: 1.5 }, 'Parameter "start" of substring must be a whole number (got 1.5).'],
    ['substring', { length: -1 }, 'Parameter "length" of substring must be at least 0 (got -1).'],
    ['null_if', { values: [] }, 'Parameter "values" of null_if must list at least 1.'],
    [
      'parse_timestamp',
      { assumeTimeZone: 'Europe/Berlln' },
      'Parameter "assumeTimeZone" of parse_timestamp is not an IANA time zone such as "Europe/Berlin" or "UTC".',
    ],
    [
      'parse_date',
      { formats: ['YYYY-MM-DD', 'DD/MM'] },
      'Parameter "formats" (item 2) of parse_date has a pattern "DD/MM" that needs a year, a month and a day (e.g. YYYY-MM-DD).',
    ],
    [
      'parse_number',
      { decimalSeparator: ',', thousandsSeparator: ',' },
      'Parameter "thousandsSeparator" of parse_number cannot be the same as decimalSeparator.',
    ],
    [
      'value_map',
      { map: { M: 'male', m: 'male' }, caseInsensitive: true },
      'Parameter "map" of value_map lists "M" and "m", which match the same values.',
    ],
    [
      'value_map',
      { map: { M: 'male' }, unmapped: 'default' },
      'Parameter "defaultValue" of value_map is required when unmapped is "default".',
    ],
    [
      'regex_extract',
      { pattern: '(' },
      'Parameter "pattern" of regex_extract is not a valid regular expression (Unterminated group).',
    ],
    [
      'regex_extract',
      { pattern: '(\\d+)', group: 2 },
      'Parameter "group" of regex_extract is 2, but the pattern has only 1 group.',
    ],
    [
      'regex_extract',
      { pattern: '\\d+', flags: 'gx' },
      'Parameter "flags" of regex_extract may hold only i, m, s and u, each once.',
    ],
    [
      'regex_replace',
      { pattern: '(a)', replacement: '$2' },
      'Parameter "replacement" of regex_replace uses $2, but the pattern has 1 group(s).',
    ],
    [
      'normalize_phone',
      { defaultRegion: 'USA' },
      'Parameter "defaultRegion" of normalize_phone is not a region code such as "US", "GB" or "DE".',
    ],
    ['mask', { maskCharacter: '**' }, 'Parameter "maskCharacter" of mask must be a single character.'],
    [
      'cast',
      { to: { kind: 'integer', bits: 128 } },
      'Parameter "to.bits" of cast must be one of 8, 16, 32 or 64 (got 128).',
    ],
    [
      'cast',
      { to: { kind: 'money' } },
      'Parameter "to.kind" of cast must be one of "integer", "decimal", "float", "boolean", "text", "binary", "date", "time", "timestamp", "timestamptz", "uuid" or "json" (got "money").',
    ],
    ['cast', {}, 'Parameter "to" of cast is required.'],
  ])('%s %j: %s', (name, params, reason) => {
    expect(validateStep({ name, params })).toEqual({ ok: false, reason });
  });

  it('fills in defaults', () => {
    expect(validateStep({ name: 'trim', params: {} })).toMatchObject({
      ok: true,
      params: { side: 'both', collapseInner: false },
    });
  });
});

describe('describeStep', () => {
  it.each<[TransformStep, string]>([
    [{ name: 'trim', params: {} }, 'trim'],
    [{ name: 'split_name', params: { part: 'first' } }, 'split_name (part: first)'],
    [{ name: 'concat', params: { separator: ', ', skipNulls: true } }, 'concat (separator: ", ", skipNulls: true)'],
    [{ name: 'parse_date', params: { formats: ['DD.MM.YYYY', 'auto'] } }, 'parse_date (formats: [DD.MM.YYYY, auto])'],
    [{ name: 'cast', params: { to: { kind: 'decimal', precision: 10, scale: 2 } } }, 'cast (to: decimal(10,2))'],
    [{ name: 'value_map', params: { map: { M: 'male', F: 'female' } } }, 'value_map (map: {M → male, F → female})'],
    [{ name: 'hash', params: { salt: 'pepper' } }, 'hash (salt: (set, not shown))'],
    [{ name: 'constant', params: { value: null } }, 'constant (value: null)'],
  ])('%j → %s', (step, text) => {
    expect(describeStep(step)).toBe(text);
  });

  it('joins a chain with arrows', () => {
    expect(describeChain([])).toBe('as is');
    expect(
      describeChain([
        { name: 'trim', params: {} },
        { name: 'case', params: { to: 'upper' } },
      ]),
    ).toBe('trim → case (to: upper)');
  });
});
