import { describe, expect, it } from 'vitest';
import { regexExtract, regexReplace } from './regex';
import type { CellValue } from './transform';

function extract(value: CellValue, params: Record<string, unknown>) {
  return regexExtract.apply(value, regexExtract.params.parse(params));
}

function replace(value: CellValue, params: Record<string, unknown>) {
  return regexReplace.apply(value, regexReplace.params.parse(params));
}

describe('regex_extract', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['Order #12345 shipped', { pattern: '#(\\d+)' }, '12345'],
    ['Order #12345 shipped', { pattern: '#\\d+' }, '#12345'],
    ['Order #12345 shipped', { pattern: '#(\\d+)', group: 0 }, '#12345'],
    ['ZIP: 90210-1234', { pattern: '(?<zip>\\d{5})(?:-(?<plus4>\\d{4}))?', group: 'plus4' }, '1234'],
    ['john.SMITH@example.com', { pattern: '^([^@]+)@', group: 1 }, 'john.SMITH'],
    ['ABC', { pattern: 'b', flags: 'i' }, 'B'],
    ['line1\nline2', { pattern: '^line2$', flags: 'm' }, 'line2'],
    ['Zoë 😀', { pattern: '\\p{L}+$|\\p{Extended_Pictographic}', flags: 'u' }, '😀'],
    [20240115, { pattern: '^(\\d{4})' }, '2024'],
    ['no digits', { pattern: '\\d+', onNoMatch: 'null' }, null],
    ['', { pattern: '^$' }, ''],
  ])('%j %j → %j', (value, params, expected) => {
    expect(extract(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, string]>([
    ['no digits', { pattern: '\\d+' }, '"no digits" does not match /\\d+/.'],
    [
      'ZIP: 90210',
      { pattern: '(\\d{5})(?:-(\\d{4}))?', group: 2 },
      '"ZIP: 90210" does not match /(\\d{5})(?:-(\\d{4}))?/ (group 2 took no part in the match).',
    ],
    ['abc', { pattern: 'X', flags: 'i' }, '"abc" does not match /X/i.'],
    [new Uint8Array(1), { pattern: 'x' }, 'a binary value (1 byte) is not text.'],
  ])('%j %j is refused', (value, params, reason) => {
    expect(extract(value, params)).toEqual({ ok: false, reason });
  });

  it('refuses a named group the pattern lacks', () => {
    expect(regexExtract.params.safeParse({ pattern: '(?<a>x)', group: 'b' }).error?.issues[0]?.message).toBe(
      'names a group "b" that the pattern does not have',
    );
  });
});

describe('regex_replace', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['a  b   c', { pattern: '\\s+', replacement: ' ' }, 'a b c'],
    ['a  b   c', { pattern: '\\s+', replacement: ' ', flags: '' }, 'a b   c'],
    ['(212) 555-0100', { pattern: '\\D' }, '2125550100'],
    ['Smith, John', { pattern: '^(\\w+), (\\w+)$', replacement: '$2 $1' }, 'John Smith'],
    ['2024-01-15', { pattern: '(?<y>\\d+)-(?<m>\\d+)-(?<d>\\d+)', replacement: '$<d>.$<m>.$<y>' }, '15.01.2024'],
    ['price 5', { pattern: '\\d', replacement: '$$$&' }, 'price $5'],
    ['ABC', { pattern: 'b', flags: 'gi', replacement: '-' }, 'A-C'],
    ['unchanged', { pattern: 'x' }, 'unchanged'],
  ])('%j %j → %j', (value, params, expected) => {
    expect(replace(value, params)).toEqual({ ok: true, value: expected });
  });

  it('refuses a named reference the pattern lacks', () => {
    expect(regexReplace.params.safeParse({ pattern: '(?<a>x)', replacement: '$<b>' }).error?.issues[0]?.message).toBe(
      'uses $<b>, but the pattern has no group of that name',
    );
  });

  it('gives the same result on every call (no state kept in a global pattern)', () => {
    const params = regexReplace.params.parse({ pattern: 'a', replacement: 'b' });
    expect([regexReplace.apply('aa', params), regexReplace.apply('aa', params)]).toEqual([
      { ok: true, value: 'bb' },
      { ok: true, value: 'bb' },
    ]);
  });
});
