import { describe, expect, it } from 'vitest';
import { defaultProfileThresholds, type ColumnProfile } from '../../src-shared/profile';
import { buildAlerts, formatShare, quoteValue, type AlertInput } from './alerts';

function column(overrides: Partial<ColumnProfile> & { name: string }): ColumnProfile {
  return {
    nativeType: 'TEXT',
    portableType: 'text',
    kind: 'text',
    nulls: 0,
    nullShare: 0,
    emptyStrings: 0,
    emptyShare: 0,
    distinct: 10,
    distinctShare: 0.1,
    min: null,
    max: null,
    length: null,
    numbers: null,
    storageClasses: null,
    numericText: 0,
    top: [],
    patterns: null,
    histogram: null,
    inferred: null,
    ...overrides,
  };
}

const input = (overrides: Partial<AlertInput>): AlertInput => ({
  profiledRows: 100,
  sampled: false,
  columns: [],
  duplicates: [],
  orphans: [],
  keyColumns: new Set(),
  thresholds: defaultProfileThresholds,
  ...overrides,
});

const pattern = (p: string, count: number, distinctValues = count) => ({
  pattern: p,
  count,
  share: count / 100,
  distinctValues,
  example: '',
});

describe('buildAlerts', () => {
  it('reports a high null rate from the threshold up, and a column always null', () => {
    const alerts = buildAlerts(
      input({
        columns: [
          column({ name: 'notes', nulls: 60, nullShare: 0.6 }),
          column({ name: 'fax', nulls: 100, nullShare: 1 }),
          column({ name: 'city', nulls: 49, nullShare: 0.49 }),
        ],
      }),
    );
    expect(alerts.map((a) => [a.code, a.column, a.count])).toEqual([
      ['high-null-rate', 'notes', 60],
      ['high-null-rate', 'fax', 100],
    ]);
    expect(alerts[0]?.message).toBe('notes is null in 60% of rows (60 of 100).');
    expect(alerts[1]?.message).toBe('fax is null in every row.');
  });

  it('lets the caller move a threshold', () => {
    const columns = [column({ name: 'city', nulls: 30, nullShare: 0.3 })];
    expect(buildAlerts(input({ columns }))).toEqual([]);
    expect(
      buildAlerts(input({ columns, thresholds: { ...defaultProfileThresholds, highNullRate: 0.25 } }))[0]?.code,
    ).toBe('high-null-rate');
  });

  it('finds mixed formats among patterns with digits, not among free text or single values', () => {
    const phone = column({
      name: 'phone',
      patterns: {
        computedIn: 'sql',
        sampleRows: null,
        total: 100,
        distinct: 3,
        values: [pattern('(999) 999-9999', 50), pattern('999-999-9999', 40), pattern('999.999.9999', 10)],
      },
    });
    const notes = column({
      name: 'notes',
      patterns: {
        computedIn: 'sql',
        sampleRows: null,
        total: 100,
        distinct: 2,
        values: [pattern('Aaa aaaa #9999', 50, 1), pattern('Aaaa\naaa 99', 50, 1)],
      },
    });
    const alerts = buildAlerts(input({ columns: [phone, notes] }));
    expect(alerts).toEqual([
      {
        code: 'mixed-formats',
        severity: 'warning',
        column: 'phone',
        message: 'phone is written in 3 formats: (999) 999-9999 (50%), 999-999-9999 (40%), 999.999.9999 (10%).',
        count: 50,
      },
    ]);
  });

  it('counts text stored among numbers (SQLite storage classes)', () => {
    const price = column({
      name: 'price',
      kind: 'decimal',
      storageClasses: { integer: 10, real: 80, text: 10, blob: 0 },
      numericText: 4,
      patterns: {
        computedIn: 'sql',
        sampleRows: null,
        total: 100,
        distinct: 2,
        values: [pattern('99.99', 90), pattern('$99.99', 10)],
      },
    });
    price.patterns!.values[1]!.example = '$12.50';
    const [alert] = buildAlerts(input({ columns: [price] }));
    expect(alert).toEqual({
      code: 'numbers-as-text',
      severity: 'warning',
      column: 'price',
      message: 'price holds 10 text values among 90 numbers (6 of them not plain numbers, e.g. "$12.50").',
      count: 10,
    });
  });

  it('puts orphans of declared keys first, as errors, and says when figures are of a sample', () => {
    const alerts = buildAlerts(
      input({
        sampled: true,
        columns: [column({ name: 'status', distinct: 3, top: [{ value: 'shipped', count: 95, share: 0.95 }] })],
        orphans: [
          {
            columns: ['customer_id'],
            exampleRows: [],
            references: { table: 'customers', columns: ['id'] },
            declared: true,
            matchedShare: 0.97,
            rows: 3,
            distinctValues: 2,
            examples: [
              { values: ['41'], count: 2 },
              { values: ['42'], count: 1 },
            ],
          },
        ],
      }),
    );
    expect(alerts.map((a) => [a.severity, a.code])).toEqual([
      ['error', 'orphans'],
      ['info', 'skew'],
    ]);
    expect(alerts[0]?.message).toBe(
      '3 rows of the sample have a customer_id that is not in customers.id (2 missing values, e.g. 41, 42); the declared foreign key is violated.',
    );
  });

  it('reports one duplicate finding per column, the larger one', () => {
    const alerts = buildAlerts(
      input({
        duplicates: [
          { columns: ['email'], normalization: 'exact', groups: 1, rows: 2, examples: [], exampleRows: [] },
          {
            columns: ['email'],
            exampleRows: [],
            normalization: 'lower-trim',
            groups: 3,
            rows: 7,
            examples: [{ value: 'a@x.com', count: 3, variants: ['A@x.com', 'a@x.com '] }],
          },
        ],
      }),
    );
    expect(alerts).toEqual([
      {
        code: 'duplicates',
        severity: 'warning',
        column: 'email',
        message:
          'email is nearly unique but 3 values repeat once case and surrounding spaces are ignored (7 rows), e.g. "A@x.com" and "a@x.com ".',
        count: 7,
      },
    ]);
  });

  it('writes shares and values for a sentence', () => {
    expect(formatShare(0.0004)).toBe('<0.1%');
    expect(formatShare(0.05)).toBe('5%');
    expect(formatShare(0.0512)).toBe('5.1%');
    expect(formatShare(0.997)).toBe('99.7%');
    expect(formatShare(1)).toBe('100%');
    expect(quoteValue('two\nlines')).toBe('"two⏎lines"');
  });
});
