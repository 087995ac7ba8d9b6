/** The profile methods through the dispatcher and the in-memory transport, on a generated demo database. */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/rpc/client';
import { TallyError } from '../../src-shared/errors';
import { MemorySecretStore } from '../connections/secret-store';
import { generateDemoDatabase, type DemoManifest } from '../demo/generate';
import { makeTempDir } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { createApi } from './api';
import { createInProcessClient } from './in-process';

let temp: ReturnType<typeof makeTempDir>;
let workspace: Workspace;
let api: ApiClient;
let manifest: DemoManifest;

async function rejection(promise: Promise<unknown>): Promise<TallyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TallyError);
  return error as TallyError;
}

beforeAll(() => {
  temp = makeTempDir('profile-api');
  manifest = generateDemoDatabase({ file: join(temp.dir, 'demo.db'), rows: 1000, seed: 11 });
  workspace = Workspace.open(join(temp.dir, 'project.tally'));
  api = createInProcessClient(createApi({ workspace, secrets: new MemorySecretStore(), host: 'test', env: {} }));
});

afterAll(() => {
  api?.dispose();
  workspace?.close();
  temp?.remove();
});

describe('profile.table and profile.database', () => {
  it('profiles one table of a saved source connection', async () => {
    const saved = await api.call('connections.save', {
      name: 'Demo',
      role: 'source',
      spec: { dialect: 'sqlite', file: manifest.file },
    });
    const profile = await api.call('profile.table', { target: { connectionId: saved.id }, table: 'order_items' });
    expect(profile).toMatchObject({ table: 'order_items', rowCount: manifest.tables.order_items, sampled: null });
    expect(profile.orphans.find((o) => o.columns[0] === 'product_id')).toMatchObject({
      declared: false,
      rows: manifest.flaws.orphanedOrderItems,
    });
  });

  it('samples above the caller’s threshold, and applies the caller’s thresholds', async () => {
    const profile = await api.call('profile.table', {
      target: { url: `sqlite:${manifest.file}` },
      table: 'orders',
      options: { sampleAbove: 100, sampleRows: 200, thresholds: { highNullRate: 0 } },
    });
    expect(profile.sampled?.method).toMatch(/rowid ranges/);
    expect(profile.profiledRows).toBeLessThan(manifest.tables.orders);
    // A null rate of 0 reports every column with a null in it.
    expect(profile.alerts.filter((a) => a.code === 'high-null-rate').length).toBeGreaterThanOrEqual(3);
  });

  it('profiles every table, or the named ones, with the time it was done', async () => {
    const all = await api.call('profile.database', { target: { url: `sqlite:${manifest.file}` } });
    expect(all.tables.map((t) => t.table).sort()).toEqual(['customers', 'order_items', 'orders', 'products']);
    expect(Date.parse(all.profiledAt)).not.toBeNaN();
    const two = await api.call('profile.database', {
      target: { url: `sqlite:${manifest.file}` },
      tables: ['products', 'PRODUCTS', 'customers'],
    });
    expect(two.tables.map((t) => t.table)).toEqual(['products', 'customers']);
  });

  it('refuses a table that is not there, and options out of range, in one sentence', async () => {
    const missing = await rejection(
      api.call('profile.table', { target: { url: `sqlite:${manifest.file}` }, table: 'invoices' }),
    );
    expect(missing.code).toBe('not-found');
    expect(missing.message).toBe(
      'The database has no table "invoices"; it has customers, order_items, orders, products.',
    );
    const bad = await rejection(
      api.call('profile.table', { target: { url: `sqlite:${manifest.file}` }, table: 'orders', options: { topN: 0 } }),
    );
    expect(bad.code).toBe('bad-input');
  });
});
