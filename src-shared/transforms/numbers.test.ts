import { describe, expect, it } from 'vitest';
import { decimalFromNumber, formatDecimal, parseDecimal, roundDecimal } from './decimal';
import { parseNumber } from './numbers';
import type { CellValue } from './transform';

function parse(value: CellValue, params: Record<string, unknown> = {}) {
  return parseNumber.apply(value, parseNumber.params.parse(params));
}

const european = { decimalSeparator: ',' };
const money = { allowCurrencySymbols: true };

describe('parse_number', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['1,234.50', {}, 1234.5],
    ['1,234,567', {}, 1234567],
    ['1234.5', {}, 1234.5],
    [' 7 ', {}, 7],
    ['+7', {}, 7],
    ['-0', {}, 0],
    ['-0.00', { output: 'string' }, '0.00'],
    ['.5', {}, 0.5],
    ['12.', {}, 12],
    ['−12.5', {}, -12.5],
    ['(12.50)', {}, -12.5],
    ['( 1,000 )', {}, -1000],
    ['1.234,50', european, 1234.5],
    ['12,50', european, 12.5],
    ['1 234,50', { decimalSeparator: ',', thousandsSeparator: ' ' }, 1234.5],
    ['1\u202f234,50', { decimalSeparator: ',', thousandsSeparator: ' ' }, 1234.5],
    ["1'234.50", { thousandsSeparator: "'" }, 1234.5],
    ['1’234.50', { thousandsSeparator: "'" }, 1234.5],
    ['1234', { thousandsSeparator: '' }, 1234],
    ['$12.50', money, 12.5],
    ['-$12.50', money, -12.5],
    ['$-12.50', money, -12.5],
    ['($1,200.00)', money, -1200],
    ['12,50 €', { ...european, ...money }, 12.5],
    ['EUR 1.000', { ...european, ...money }, 1000],
    ['1,234.50', { output: 'string' }, '1234.50'],
    ['12345678901234567890.123', { output: 'string' }, '12345678901234567890.123'],
    ['0.1', {}, 0.1],
    ['9007199254740993', { output: 'string' }, '9007199254740993'],
    [42, {}, 42],
    [-0, {}, 0],
    [0.1, { output: 'string' }, '0.1'],
    [12345678901234567890n, { output: 'string' }, '12345678901234567890'],
    [42n, {}, 42],
    ['', {}, null],
    ['  ', {}, null],
  ])('%s %j → %j', (value, params, expected) => {
    expect(parse(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, string]>([
    ['abc', {}, '"abc" is not a number.'],
    ['12,50', {}, '"12,50" is not a number written with "." for decimals and "," between thousands.'],
    ['1.234,50', {}, '"1.234,50" is not a number written with "." for decimals and "," between thousands.'],
    ['1,234.50', european, '"1,234.50" is not a number written with "," for decimals and "." between thousands.'],
    ['12,34,567', {}, '"12,34,567" is not a number written with "." for decimals and "," between thousands.'],
    ['1,234', { thousandsSeparator: '' }, '"1,234" is not a number written with "." for decimals.'],
    ['$12.50', {}, '"$12.50" has a currency symbol; set allowCurrencySymbols to read it.'],
    ['12 USD', {}, '"12 USD" has a currency symbol; set allowCurrencySymbols to read it.'],
    ['(12.50)', { parenthesesNegative: false }, '"(12.50)" is not a number.'],
    ['-(12.50)', {}, '"-(12.50)" is not a number.'],
    ['1e5', {}, '"1e5" is not a number.'],
    ['1.2.3', {}, '"1.2.3" is not a number written with "." for decimals and "," between thousands.'],
    ['.', {}, '"." is not a number.'],
    ['9007199254740993', {}, '"9007199254740993" has more digits than a number holds exactly; set output to "string".'],
    [
      12345678901234567890n,
      {},
      '12345678901234567890 has more digits than a number holds exactly; set output to "string".',
    ],
    [Number.POSITIVE_INFINITY, {}, 'Infinity is not a finite number.'],
    [true, {}, 'true is not a number.'],
  ])('%s %j is refused', (value, params, reason) => {
    expect(parse(value, params)).toEqual({ ok: false, reason });
  });
});

describe('decimals', () => {
  it.each<[string, string | null]>([
    ['0012.3400', '12.34'],
    ['-0.000', '0'],
    ['.5', '0.5'],
    ['1e3', '1000'],
    ['1.5e-3', '0.0015'],
    ['-2.5E+2', '-250'],
    ['1e', null],
    ['', null],
    ['+', null],
  ])('%j reads as %j', (text, expected) => {
    const decimal = parseDecimal(text);
    expect(decimal === null ? null : formatDecimal(decimal)).toBe(expected);
  });

  it.each<[number, string]>([
    [0.1, '0.1'],
    [1e21, '1000000000000000000000'],
    [1.5e-7, '0.00000015'],
    [-123.456, '-123.456'],
  ])('the number %d is the decimal %s', (value, expected) => {
    expect(formatDecimal(decimalFromNumber(value))).toBe(expected);
  });

  it.each<[string, number, 'half-up' | 'half-even', string]>([
    ['2.345', 2, 'half-up', '2.35'],
    ['2.345', 2, 'half-even', '2.34'],
    ['2.355', 2, 'half-even', '2.36'],
    ['2.3451', 2, 'half-even', '2.35'],
    ['-2.345', 2, 'half-up', '-2.35'],
    ['9.995', 2, 'half-up', '10'],
    ['0.5', 0, 'half-even', '0'],
    ['1.5', 0, 'half-even', '2'],
    ['0.5', 0, 'half-up', '1'],
    ['-0.004', 2, 'half-up', '0'],
  ])('%s rounded to %d places (%s) is %s', (text, scale, rounding, expected) => {
    const decimal = parseDecimal(text);
    if (!decimal) throw new Error(text);
    expect(formatDecimal(roundDecimal(decimal, scale, rounding))).toBe(expected);
  });
});
