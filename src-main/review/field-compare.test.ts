/** The comparison of one card field: equal through the canonical encoding, and each kind of difference named. */
import { describe, expect, it } from 'vitest';
import type { PortableType } from '../../src-shared/portable-types';
import { compareField } from './field-compare';

const text: PortableType = { kind: 'text' };
const cases: { name: string; expected: unknown; actual: unknown; type: PortableType; cause: string | null }[] = [
  {
    name: 'the same decimal written two ways',
    expected: '12.5',
    actual: 12.5,
    type: { kind: 'decimal', precision: 10, scale: 2 },
    cause: null,
  },
  { name: '-0 and 0', expected: -0, actual: 0, type: { kind: 'float' }, cause: null },
  { name: 'a boolean as Y and true', expected: true, actual: 1, type: { kind: 'boolean' }, cause: null },
  {
    name: 'a Date and its text',
    expected: new Date('2024-03-01T10:00:00Z'),
    actual: '2024-03-01 10:00:00+00',
    type: { kind: 'timestamptz' },
    cause: null,
  },
  {
    name: 'a time-zone shift',
    expected: '2024-03-01T10:00:00Z',
    actual: '2024-03-01T12:00:00Z',
    type: { kind: 'timestamptz' },
    cause: 'time_zone',
  },
  { name: 'trailing spaces', expected: 'Main St', actual: 'Main St   ', type: text, cause: 'trailing_space' },
  { name: 'letter case', expected: 'ann@example.com', actual: 'ANN@example.com', type: text, cause: 'case' },
  { name: 'mojibake', expected: 'Zoë', actual: 'ZoÃ«', type: text, cause: 'encoding' },
  { name: 'null against empty', expected: null, actual: '', type: text, cause: 'null_vs_empty' },
  { name: 'lost decimal places', expected: '10.125', actual: '10.13', type: { kind: 'decimal' }, cause: 'precision' },
  { name: 'a number as other text', expected: 193, actual: '193.0', type: text, cause: 'precision' },
  { name: 'a real change', expected: 'Paris', actual: 'Lyon', type: text, cause: 'real_change' },
];

describe('a record card field', () => {
  for (const c of cases)
    it(c.name, () => {
      const result = compareField(c.expected, c.actual, c.type);
      expect(result).toEqual(c.cause === null ? { differs: false, cause: null } : { differs: true, cause: c.cause });
    });
});
