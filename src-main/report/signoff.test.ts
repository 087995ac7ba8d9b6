/** The sign-off report's own rules: honest about what is missing, escaped, no script, no secret, a broken chain said plainly. */
import { describe, expect, it } from 'vitest';
import { buildSignoffReport, type SignoffReportInput } from './signoff';

const base: SignoffReportInput = {
  generatedAt: '2026-12-04T12:00:00.000Z',
  tallyVersion: '0.1.0',
  plan: { name: 'Shop <migration>', planId: 'p1', version: 3, hash: 'abc123' },
  source: 'postgres://ann:s3cret@db.example:5432/shop',
  target: 'sqlite:/tmp/target.db',
  run: {
    runId: 'r1',
    status: 'done',
    mode: 'full',
    startedAt: '2026-12-04T11:00:00.000Z',
    finishedAt: '2026-12-04T11:01:00.000Z',
    rolledBackAt: null,
    tables: [{ tableId: 'orders', source: 'orders', target: 'orders', read: 10, written: 9, rejected: 1, filtered: 0 }],
  },
  validation: null,
  rejects: [
    {
      tableId: 'orders',
      count: 1,
      examples: [{ rowKey: 'id=7', reason: 'orders row id=7, column total: "x<y" is not a number.' }],
    },
  ],
  review: null,
  audit: {
    ok: false,
    entries: 4,
    headHash: null,
    firstBad: { seq: 2, reason: 'entry 2 (run.finished) was edited after it was written.' },
  },
  signedOff: null,
};

describe('the sign-off report', () => {
  it('says what it cannot prove, escapes every text and names the broken audit entry', () => {
    const html = buildSignoffReport(base);
    expect(html).toContain('No checksum validation yet');
    expect(html).toContain('No sample review yet');
    expect(html).toContain('Shop &#60;migration&#62;');
    expect(html).toContain('&#34;x&#60;y&#34;');
    expect(html).not.toContain('s3cret');
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('entry 2 (run.finished) was edited after it was written.');
    expect(html).toContain('Not clean');
    expect(html).toContain('@media print');
    expect(html).toContain('Name ____');
  });
});
