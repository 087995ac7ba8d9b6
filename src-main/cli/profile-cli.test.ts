/**
 * `tally profile` in-process (the same program the binary runs): the summary people read, one
 * JSON document, a self-contained HTML report, and exit status 2 for bad input.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { databaseProfileSchema } from '../../src-shared/profile';
import { generateDemoDatabase, type DemoManifest } from '../demo/generate';
import { makeTempDir } from '../testing/fixtures';
import { runCli } from './main';

let temp: ReturnType<typeof makeTempDir>;
let manifest: DemoManifest;

async function tally(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout += String(chunk);
    return true;
  });
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    const status = await runCli(args);
    return { status, stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

beforeAll(() => {
  temp = makeTempDir('profile-cli');
  manifest = generateDemoDatabase({ file: join(temp.dir, 'demo <shop>.db'), rows: 2000, seed: 3 });
});

afterAll(() => temp?.remove());

describe('tally profile', () => {
  it('prints each table with its size and its alerts as sentences', async () => {
    const result = await tally(['profile', `sqlite:${manifest.file}`]);
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^customers: [\d,]+ rows, 12 columns, [\d.]+ s$/m);
    expect(result.stdout).toMatch(/^ {2}warning {2}phone is written in \d formats: \(999\) 999-9999 /m);
    expect(result.stdout).toMatch(
      /^ {2}warning {2}email is nearly unique but \d+ values repeat once case and surrounding spaces are ignored/m,
    );
    expect(result.stdout).toMatch(/^ {2}error {4}\d+ rows have a customer_id that is not in customers\.customer_id/m);
    expect(result.stdout).toMatch(/^4 tables profiled: \d+ errors?, \d+ warnings, \d+ info\.$/m);
  });

  it('prints one JSON document for the chosen tables', async () => {
    const result = await tally([
      'profile',
      `sqlite:${manifest.file}`,
      '--table',
      'order_items',
      '--table',
      'orders',
      '--json',
    ]);
    expect(result.status).toBe(0);
    const profile = databaseProfileSchema.parse(JSON.parse(result.stdout));
    expect(profile.tables.map((t) => t.table)).toEqual(['order_items', 'orders']);
    expect(profile.tables[0]?.orphans.find((o) => o.columns[0] === 'product_id')?.rows).toBe(
      manifest.flaws.orphanedOrderItems,
    );
  });

  it('samples above the threshold unless a full pass is asked for', async () => {
    const sampled = await tally([
      'profile',
      `sqlite:${manifest.file}`,
      '--table',
      'orders',
      '--sample-above',
      '500',
      '--json',
    ]);
    const table = databaseProfileSchema.parse(JSON.parse(sampled.stdout)).tables[0];
    expect(table?.sampled?.method).toMatch(/rowid ranges/);
    expect(table?.rowCount).toBe(manifest.tables.orders);
    const full = await tally([
      'profile',
      `sqlite:${manifest.file}`,
      '--table',
      'orders',
      '--sample-above',
      '500',
      '--full',
      '--json',
    ]);
    expect(databaseProfileSchema.parse(JSON.parse(full.stdout)).tables[0]?.sampled).toBeNull();
  });

  it('writes a self-contained HTML report with inline charts, everything escaped', async () => {
    const file = join(temp.dir, 'report.html');
    const result = await tally(['profile', `sqlite:${manifest.file}`, '--html', file]);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/^Wrote .*report\.html: 4 tables, \d+ alerts\.\n$/);
    const html = readFileSync(file, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain(`default-src 'none'`);
    expect(html).toContain('<svg class="chart bars"');
    expect(html).toContain('<svg class="chart histogram"');
    expect(html).toContain('demo &#60;shop&#62;.db');
    expect(html).not.toContain('<shop>');
    expect(html).not.toMatch(/<script|<link|https?:\/\//i);
  });

  it('exits 2 with one sentence for bad input', async () => {
    const missing = await tally(['profile', `sqlite:${join(temp.dir, 'nope.db')}`]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^tally: The SQLite file .* does not exist\.\n$/);
    const noTable = await tally(['profile', `sqlite:${manifest.file}`, '--table', 'invoices']);
    expect(noTable.status).toBe(2);
    expect(noTable.stderr).toMatch(/^tally: The database has no table "invoices"; it has customers, .*\.\n$/);
    const both = await tally(['profile', `sqlite:${manifest.file}`, '--json', '--html', join(temp.dir, 'x.html')]);
    expect(both.status).toBe(2);
    expect(existsSync(join(temp.dir, 'x.html'))).toBe(false);
  });
});
