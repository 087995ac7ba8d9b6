/** The canonical encoding validation hashes: one text per value and portable type. */
import { describe, expect, it } from 'vitest';
import {
  canonicalEncoder,
  canonicalRowEncoder,
  canonicalRowText,
  canonicalValue,
  jsonbText,
  roundDecimal,
  type CanonicalColumn,
} from './canonical';
import type { CellValue } from './transforms/transform';

describe('canonical encoding', () => {
  it.each([
    [-0, { kind: 'decimal' as const, precision: 12, scale: 2 }, '0.00'],
    [-0.001, { kind: 'decimal' as const, precision: 12, scale: 2 }, '0.00'],
    [1234567890123.45, { kind: 'decimal' as const, precision: 18, scale: 2 }, '1234567890123.45'],
    ['12.345', { kind: 'decimal' as const, precision: 12, scale: 2 }, '12.35'],
    ['-12.345', { kind: 'decimal' as const, precision: 12, scale: 2 }, '-12.35'],
    [9.995, { kind: 'decimal' as const, precision: 12, scale: 2 }, '10.00'],
    ['5.00', { kind: 'decimal' as const }, '5'],
    [0.1, { kind: 'float' as const }, '0.100000'],
    [-0, { kind: 'float' as const }, '0.000000'],
    ['007', { kind: 'integer' as const, bits: 32 as const }, '7'],
    [5.0, { kind: 'integer' as const, bits: 32 as const }, '5'],
    ['Y', { kind: 'boolean' as const }, '1'],
    [0, { kind: 'boolean' as const }, '0'],
    ['2024-03-01T10:00:00+02:00', { kind: 'timestamptz' as const }, '2024-03-01 08:00:00.000000'],
    ['2024-02-29T23:30:00.5-05:30', { kind: 'timestamptz' as const }, '2024-03-01 05:00:00.500000'],
    ['2024-03-01T10:00:00+02:00', { kind: 'timestamp' as const }, '2024-03-01 10:00:00.000000'],
    ['Zoë 表', { kind: 'text' as const }, 'Zoë 表'],
    [new Uint8Array([0, 255, 16]), { kind: 'binary' as const }, '00ff10'],
    [
      '{"items":2,"coupon":null,"channel":"web"}',
      { kind: 'json' as const },
      '{"items": 2, "coupon": null, "channel": "web"}',
    ],
  ])('%s as %o is %s', (value, type, expected) => {
    expect(canonicalValue(value, { type })).toBe(expected);
  });

  it('trims CHAR padding only where a side pads, and keeps null apart from the empty text', () => {
    expect(canonicalValue('AB   ', { type: { kind: 'text' }, padded: true })).toBe('AB');
    expect(canonicalValue('AB   ', { type: { kind: 'text' } })).toBe('AB   ');
    expect(canonicalRowText([null, ''])).toBe('N\u001f=');
    expect(canonicalRowText(['', null])).not.toBe(canonicalRowText([null, '']));
  });

  it('marks text that is not a value of the type so it never equals one', () => {
    expect(canonicalValue('abc', { type: { kind: 'integer', bits: 32 } })).toBe('?abc');
    expect(roundDecimal('0.005', 2)).toBe('0.01');
    expect(jsonbText({ bb: 1, a: [1, 'x'] })).toBe('{"a": [1, "x"], "bb": 1}');
  });

  it('orders JSON keys as jsonb does: shorter UTF-8 first, then by bytes', () => {
    expect(jsonbText({ é: 3, aa: 2, b: 1, a: 0, ab: 4 })).toBe('{"a": 0, "b": 1, "aa": 2, "ab": 4, "é": 3}');
    expect(jsonbText({ z: 1, é: 2 })).toBe('{"z": 1, "é": 2}');
  });

  it('compiles per column to the same texts as the definition, on the direct paths and off them', () => {
    const columns: CanonicalColumn[] = [
      { type: { kind: 'integer', bits: 64 } },
      { type: { kind: 'decimal', precision: 12, scale: 2 } },
      { type: { kind: 'decimal', precision: 12 } },
      { type: { kind: 'decimal', precision: 12, scale: 0 } },
      { type: { kind: 'boolean' } },
      { type: { kind: 'text' } },
      { type: { kind: 'text' }, padded: true },
      { type: { kind: 'timestamp' } },
      { type: { kind: 'timestamptz' } },
      { type: { kind: 'json' } },
      { type: { kind: 'float' } },
    ];
    const values: CellValue[] = [
      null,
      0,
      -0,
      7,
      -42,
      2 ** 53,
      1e21,
      12.5,
      -12.345,
      0.1 + 0.2,
      1.005,
      1e-7,
      123456789.12,
      10n,
      -5n,
      true,
      '',
      'AB  ',
      ' 12 ',
      '007',
      'Y',
      'no',
      '12.345',
      'abc',
      '2024-03-01T10:00:00+02:00',
      '2024-03-01 00:30:00.123456789-05:30',
      '2024-03-01T23:59:59.5+0100',
      '2024-12-31T23:30:00-01',
      '2024-01-01T00:10:00+00:30',
      '2024-02-28T22:00:00-05:00',
      '2023-02-28T22:00:00.25-05:00',
      '2000-01-01T01:00:00+05:30',
      '1000-01-01T00:00:00+01:00',
      '9999-12-31T23:00:00-02:00',
      '2024-03-01T10:00:00+99:99',
      '2024-02-29 12:00:00Z',
      '2023-02-29 12:00:00',
      '2024-13-01 00:00:00',
      '2024-04-31T10:00:00',
      '0999-01-01 00:00:00',
      '2024-03-01T24:00:00',
      '2024-03-01T10:00:00 +02:00',
      '2024-03-01T10:00:00.1234567891',
      '2024-03-01T10:00',
      '2024-03-01',
      '2024-03-01T10:00:00.',
      '2024-03-01t10:00:00z',
      '{"b":1,"a":[1,{"d":null,"c":"x"}]}',
      '{"b":1,"a":[1,{"d":null,"c":"x"}]}',
      '{not json',
      new Date(Date.UTC(2024, 2, 1, 10, 0, 0, 250)),
      new Uint8Array([1, 2]),
    ];
    for (const column of columns) {
      const encode = canonicalEncoder(column);
      for (const value of values)
        expect([column, value, encode(value)]).toEqual([column, value, canonicalValue(value, column)]);
    }
    const row = canonicalRowEncoder(columns.slice(0, 3));
    expect(row([7, 1.5, null])).toBe(
      canonicalRowText([canonicalValue(7, columns[0] as CanonicalColumn), '1.50', null]),
    );
  });
});
