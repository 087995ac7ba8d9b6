import { describe, expect, it } from 'vitest';
import type { TableProfile } from '../../src-shared/profile';
import { escapeHtml, histogramChart, renderProfileHtml, topValuesChart } from './html-report';

const hostile = '<script>alert("x")</script> & \'quotes\'';

const profile: TableProfile = {
  table: hostile,
  schema: null,
  name: hostile,
  rowCount: 3,
  rowCountExact: true,
  profiledRows: 3,
  sampled: { rows: 3, method: `slices of <${hostile}>` },
  columns: [
    {
      name: hostile,
      nativeType: 'TEXT',
      portableType: 'text',
      kind: 'text',
      nulls: 0,
      nullShare: 0,
      emptyStrings: 0,
      emptyShare: 0,
      distinct: 2,
      distinctShare: 2 / 3,
      min: hostile,
      max: ' padded ',
      length: { min: 1, max: 40, mean: 12.5 },
      numbers: null,
      storageClasses: { integer: 1, real: 0, text: 2, blob: 0 },
      numericText: 0,
      top: [
        { value: hostile, count: 2, share: 2 / 3 },
        { value: '', count: 1, share: 1 / 3 },
      ],
      patterns: {
        computedIn: 'sql',
        sampleRows: null,
        total: 3,
        distinct: 1,
        values: [{ pattern: '<aaaa>', count: 3, share: 1, distinctValues: 2, example: hostile }],
      },
      histogram: {
        of: 'lengths',
        buckets: [
          { from: 1, to: 2, count: 1 },
          { from: 2, to: 3, count: 2 },
        ],
      },
      inferred: null,
    },
  ],
  duplicates: [
    {
      columns: [hostile],
      exampleRows: [{ [hostile]: hostile, note: null }],
      normalization: 'lower-trim',
      groups: 1,
      rows: 2,
      examples: [{ value: hostile, count: 2, variants: [hostile] }],
    },
  ],
  orphans: [
    {
      columns: [hostile],
      exampleRows: [{ [hostile]: hostile }],
      references: { table: hostile, columns: [hostile] },
      declared: false,
      matchedShare: 0.5,
      rows: 1,
      distinctValues: 1,
      examples: [{ values: [hostile], count: 1 }],
    },
  ],
  alerts: [{ code: 'orphans', severity: 'warning', column: hostile, message: hostile, count: 1 }],
  durationMs: 12,
};

describe('the HTML report', () => {
  const html = renderProfileHtml({
    source: `sqlite:${hostile}`,
    profiledAt: '2026-01-01T00:00:00Z',
    tables: [profile],
    version: '0.1.0',
  });

  it('escapes every text from the data', () => {
    expect(html).not.toContain('<script>');
    // Example rows: every field escaped, a null shown as null.
    expect(html).toContain(`<h4>Rows whose ${escapeHtml(hostile)} has no match in ${escapeHtml(hostile)}</h4>`);
    expect(html).toContain('<td><i>null</i></td>');
    expect(html).not.toContain('<aaaa>');
    expect(html).toContain(escapeHtml(hostile));
    expect(escapeHtml(`<&>"'`)).toBe('&#60;&#38;&#62;&#34;&#39;');
  });

  it('is self-contained: inline style, inline SVG, no script, no address to fetch', () => {
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(
      `<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">`,
    );
    expect(html).not.toMatch(/<script|<link|<img|src=|url\(/i);
    expect(html).toContain('<svg class="chart bars"');
    expect(html).toContain('<svg class="chart histogram"');
  });

  it('labels a sampled table and mixed storage classes', () => {
    expect(html).toContain('Profiled on a sample of 3 rows');
    expect(html).toContain('stored as 1 integer, 2 text');
  });

  it('draws one bar per value, longest for the most common', () => {
    const svg = topValuesChart([
      { value: 'a', count: 10 },
      { value: 'b', count: 5 },
    ]);
    const widths = [...svg.matchAll(/<rect [^>]*width="(\d+)"/g)].map((m) => Number(m[1]));
    expect(widths).toEqual([170, 85]);
    expect(histogramChart([], 'values')).toBe('');
  });
});
