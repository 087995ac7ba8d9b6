import { describe, expect, it } from 'vitest';
import type { ColumnProfile, TableProfile } from '../../src-shared/profile';
import { applyChain, validateStep } from '../../src-shared/transforms/catalogue';
import type { CellValue } from '../../src-shared/transforms/transform';
import { spellingGroups, suggestRules, type RuleSuggestion } from './profile-rules';

function column(name: string, extra: Partial<ColumnProfile> = {}): ColumnProfile {
  return {
    name,
    nativeType: 'TEXT',
    portableType: 'text',
    kind: 'text',
    nulls: 0,
    nullShare: 0,
    emptyStrings: 0,
    emptyShare: 0,
    distinct: 100,
    distinctShare: 1,
    min: null,
    max: null,
    length: null,
    numbers: null,
    storageClasses: null,
    numericText: null,
    top: [],
    patterns: null,
    histogram: null,
    inferred: null,
    ...extra,
  };
}

function table(columns: ColumnProfile[], extra: Partial<TableProfile> = {}): TableProfile {
  return {
    table: 'customers',
    schema: null,
    name: 'customers',
    rowCount: 1000,
    rowCountExact: true,
    profiledRows: 1000,
    sampled: null,
    columns,
    duplicates: [],
    orphans: [],
    alerts: [],
    durationMs: 1,
    ...extra,
  };
}

const values = (pairs: [string, number][]) => pairs.map(([value, count]) => ({ value, count, share: count / 1000 }));

function run(suggestion: RuleSuggestion | undefined, value: CellValue): CellValue | string {
  if (!suggestion) throw new Error('no suggestion');
  const result = applyChain([value], [suggestion.step]);
  return result.ok ? result.value : `rejected: ${result.reason}`;
}

describe('spellingGroups', () => {
  it('joins case, punctuation, initials and longer names of one value', () => {
    const groups = spellingGroups(
      values([
        ['US', 380],
        ['USA', 277],
        ['United States', 193],
        ['United States of America', 74],
        ['U.S.A.', 43],
        ['Canada', 50],
        ['canada ', 5],
        ['Australia', 40],
      ]),
    );
    const names = groups.map((g) => g.map((v) => v.value));
    expect(names).toContainEqual(['US', 'USA', 'United States', 'United States of America', 'U.S.A.']);
    expect(names).toContainEqual(['Canada', 'canada ']);
    expect(names).toContainEqual(['Australia']);
  });
});

describe('suggestRules', () => {
  const email = column('email', {
    distinct: 960,
    inferred: { type: 'email', share: 0.98 },
  });
  const country = column('country', {
    distinct: 7,
    distinctShare: 0.007,
    top: values([
      ['US', 500],
      ['USA', 200],
      ['u.s.a.', 100],
      ['United States', 100],
      ['United States of America', 50],
      ['Canada', 60],
      ['Australia', 40],
    ]),
  });
  const phone = column('phone', {
    inferred: { type: 'phone', share: 0.95 },
    patterns: {
      computedIn: 'sql',
      sampleRows: null,
      total: 1000,
      distinct: 3,
      values: [
        { pattern: '(999) 999-9999', count: 500, share: 0.5, distinctValues: 480, example: '(212) 485-3882' },
        { pattern: '999-999-9999', count: 300, share: 0.3, distinctValues: 290, example: '212-485-3882' },
        { pattern: 'aaa', count: 5, share: 0.005, distinctValues: 1, example: 'n/a' },
      ],
    },
  });
  const orderDate = column('order_date', {
    inferred: { type: 'date', share: 0.99, formats: 3 },
    patterns: {
      computedIn: 'sql',
      sampleRows: null,
      total: 1000,
      distinct: 3,
      values: [
        { pattern: '9999-99-99 99:99:99', count: 500, share: 0.5, distinctValues: 500, example: '2019-01-02 10:00:00' },
        { pattern: '99/99/9999 9:99 AA', count: 500, share: 0.5, distinctValues: 500, example: '01/01/2019 3:46 AM' },
      ],
    },
  });
  const price = column('unit_price', {
    storageClasses: { integer: 10, real: 900, text: 90, blob: 0 },
    top: values([['$116.99', 3]]),
  });
  const profile = table([email, country, phone, orderDate, price], {
    duplicates: [
      {
        columns: ['email'],
        exampleRows: [],
        normalization: 'lower-trim',
        groups: 39,
        rows: 82,
        examples: [{ value: 'ann@x.com', count: 2, variants: [' Ann@X.com', 'ann@x.com'] }],
      },
    ],
    orphans: [
      {
        columns: ['country_id'],
        exampleRows: [],
        references: { table: 'countries', columns: ['id'] },
        declared: false,
        matchedShare: 0.99,
        rows: 7,
        distinctValues: 2,
        examples: [
          { values: ['53'], count: 5 },
          { values: ['13'], count: 2 },
        ],
      },
    ],
  });
  const suggestions = suggestRules(profile);
  const find = (column: string, kind: RuleSuggestion['kind']) =>
    suggestions.find((s) => s.column === column && s.kind === kind);

  it('gives only steps the catalogue accepts', () => {
    expect(suggestions.length).toBeGreaterThanOrEqual(6);
    for (const suggestion of suggestions)
      expect(validateStep(suggestion.step), suggestion.id).toMatchObject({ ok: true });
  });

  it('cleans case and space duplicates of emails so they compare equal', () => {
    const rule = find('email', 'normalize-email');
    expect(rule?.reason).toContain('39 email addresses repeat');
    expect(rule?.answers).toBe('duplicates');
    expect(run(rule, ' Ann@X.com')).toBe(run(rule, 'ann@x.com'));
  });

  it('maps every spelling of a category to its most common one', () => {
    const rule = find('country', 'value-map');
    expect(rule?.title).toContain('5 spellings of country to 1 value');
    expect(run(rule, 'u.s.a.')).toBe('US');
    expect(run(rule, 'United States')).toBe('US');
    expect(run(rule, 'Canada')).toBe('Canada');
  });

  it('reads US phone formats with US as the default region', () => {
    const rule = find('phone', 'normalize-phone');
    expect(rule?.step.params).toMatchObject({ defaultRegion: 'US' });
    expect(run(rule, '(212) 485-3882')).toBe('+12124853882');
    expect(run(rule, '212-485-3882')).toBe('+12124853882');
  });

  it('reads mixed date-time formats as timestamps', () => {
    const rule = find('order_date', 'parse-date');
    expect(rule?.step.name).toBe('parse_timestamp');
    expect(run(rule, '01/01/2019 3:46 AM')).toBe('2019-01-01T03:46:00.000Z');
    expect(run(rule, '2019-01-02 10:00:00')).toBe('2019-01-02T10:00:00.000Z');
  });

  it('reads numbers stored as text, currency symbols included', () => {
    const rule = find('unit_price', 'parse-number');
    expect(rule?.reason).toContain('90 values');
    expect(run(rule, '$116.99')).toBe('116.99');
  });

  it('turns orphaned values into null only when every missing value is known', () => {
    const rule = find('country_id', 'orphans-to-null');
    expect(run(rule, 53)).toBeNull();
    expect(run(rule, 7)).toBe(7);
    const partial = suggestRules(table([], { orphans: profile.orphans.map((o) => ({ ...o, distinctValues: 3 })) }));
    expect(partial.filter((s) => s.kind === 'orphans-to-null')).toEqual([]);
  });
});
