import { describe, expect, it } from 'vitest';
import { prepareColumn, targetRefusal } from './column-mapping';
import type { ColumnMapping } from './plan';
import type { PortableType } from './portable-types';

function column(overrides: Partial<ColumnMapping>): ColumnMapping {
  return {
    target: 'phone',
    targetType: { kind: 'text', length: 20 },
    targetNullable: true,
    sources: ['phone'],
    transforms: [],
    onError: 'reject',
    review: { status: 'draft' },
    ...overrides,
  };
}

describe('targetRefusal', () => {
  it.each<[PortableType, boolean, string | number | null, string | null]>([
    [{ kind: 'text', length: 5 }, true, 'abcdef', '"abcdef" is 6 characters long; the column holds at most 5.'],
    [{ kind: 'text', length: 5 }, true, 'ünï', null],
    [{ kind: 'text' }, false, null, 'the column requires a value (NOT NULL) and the row has none.'],
    [{ kind: 'integer', bits: 16 }, true, 40000, '40000 does not fit integer(16).'.replace('40000', '"40000"')],
    [{ kind: 'integer', bits: 64 }, true, '12', null],
    [{ kind: 'integer', bits: 64 }, true, 'three', '"three" is not a whole number (integer(64)).'],
    [{ kind: 'decimal', precision: 10, scale: 2 }, true, 'USD 18.99', '"USD 18.99" is not a number (decimal(10,2)).'],
    [{ kind: 'decimal', precision: 10, scale: 2 }, true, 18.99, null],
    [
      { kind: 'decimal', precision: 10, scale: 2 },
      true,
      '12.345',
      '"12.345" has more decimal places than decimal(10,2) keeps; round it with cast first.',
    ],
    [
      { kind: 'decimal', precision: 4, scale: 2 },
      true,
      123.4,
      '"123.4" has more integer digits than decimal(4,2) holds.',
    ],
    [{ kind: 'float' }, true, 1e-7, null],
    [{ kind: 'float' }, true, 1e300, null],
    [{ kind: 'decimal' }, true, -2.5e22, null],
    [{ kind: 'decimal', precision: 2, scale: 2 }, true, 0.5, null],
    [{ kind: 'decimal', precision: 2, scale: 2 }, true, '0.05', null],
    [
      { kind: 'decimal', precision: 2, scale: 2 },
      true,
      '1.5',
      '"1.5" has more integer digits than decimal(2,2) holds.',
    ],
    [{ kind: 'decimal', precision: 4, scale: 2 }, true, 99.99, null],
    [{ kind: 'decimal', precision: 4, scale: 2 }, true, -0, null],
    [{ kind: 'decimal', precision: 4, scale: 2 }, true, 100, '"100" has more integer digits than decimal(4,2) holds.'],
    [
      { kind: 'decimal', precision: 12, scale: 2 },
      true,
      0.1 + 0.2,
      '"0.30000000000000004" has more decimal places than decimal(12,2) keeps; round it with cast first.',
    ],
    [{ kind: 'decimal', precision: 30, scale: 0 }, true, 1e25, null],
    [
      { kind: 'decimal', precision: 20, scale: 0 },
      true,
      1e25,
      '"1e+25" has more integer digits than decimal(20,0) holds.',
    ],
  ])('%o, nullable %s, %o', (type, nullable, value, reason) => {
    expect(targetRefusal(type, nullable, value)).toBe(reason);
  });
});

describe('prepareColumn', () => {
  it('runs the chain, then the default, then the target checks', () => {
    const phone = prepareColumn(column({ transforms: [{ name: 'normalize_phone', params: { defaultRegion: 'US' } }] }));
    expect(phone.run(['(718) 693-6833'])).toMatchObject({ kind: 'value', value: '+17186936833' });
    expect(phone.run(['call me'])).toMatchObject({
      kind: 'rejected',
      failedStep: 0,
      failedStepName: 'normalize_phone',
    });
    const defaulted = prepareColumn(
      column({
        transforms: [{ name: 'normalize_phone', params: { defaultRegion: 'US' } }],
        onError: 'default',
        defaultForNull: 'unknown',
      }),
    );
    expect(defaulted.run(['call me'])).toMatchObject({ kind: 'value', value: 'unknown', defaulted: 'error' });
    expect(defaulted.run([null])).toMatchObject({ kind: 'value', value: 'unknown', defaulted: 'null' });
    const short = prepareColumn(column({ targetType: { kind: 'text', length: 3 } }));
    expect(short.run(['abcd'])).toMatchObject({
      kind: 'rejected',
      failedStep: null,
      reason: '"abcd" is 4 characters long; the column holds at most 3.',
    });
  });

  it('refuses a broken chain once, with its reason, for every row', () => {
    const broken = prepareColumn(column({ transforms: [{ name: 'spilt_name', params: {} }] }));
    const outcome = broken.run(['Ann Lee']);
    expect(outcome).toMatchObject({ kind: 'rejected', failedStep: 0 });
    expect(outcome.kind === 'rejected' ? outcome.reason : '').toMatch(/did you mean split_name/);
  });
});
