/** The canonical encoding validation hashes: one text per value and portable type. */
import { describe, expect, it } from 'vitest';
import { canonicalRowText, canonicalValue, jsonbText, roundDecimal } from './canonical';

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
});
