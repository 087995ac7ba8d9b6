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

describe('profile.start in the worker, with progress and cancel', () => {
  type ProfileEventOf = Parameters<Parameters<typeof api.on<'profile.event'>>[1]>[0];

  /** Starts a job and collects its events until it ends. */
  async function profileJob(
    input: Parameters<typeof api.call<'profile.start'>>[1],
    onEvent: (event: ProfileEventOf, jobId: string) => void = () => undefined,
  ): Promise<ProfileEventOf[]> {
    const events: ProfileEventOf[] = [];
    let jobId = '';
    let finish: () => void = () => undefined;
    const ended = new Promise<void>((resolve) => (finish = resolve));
    const off = api.on('profile.event', (event) => {
      events.push(event);
      onEvent(event, event.jobId);
      if (event.type === 'done' || event.type === 'cancelled' || event.type === 'failed') finish();
    });
    try {
      jobId = (await api.call('profile.start', input)).jobId;
      await ended;
    } finally {
      off();
    }
    return events.filter((e) => e.jobId === jobId);
  }

  it('reports each table and step, and the same profiles as profile.database', async () => {
    const events = await profileJob({ target: { url: `sqlite:${manifest.file}` } });
    expect(events[0]).toMatchObject({ type: 'started', tables: ['customers', 'order_items', 'orders', 'products'] });
    expect(events.at(-1)?.type).toBe('done');
    const steps = events.filter((e) => e.type === 'progress').map((e) => `${e.table}:${e.step}`);
    expect(steps).toContain('customers:statistics');
    expect(steps).toContain('order_items:details');
    const tables = events.flatMap((e) => (e.type === 'table' ? [e.profile] : []));
    const direct = await api.call('profile.database', { target: { url: `sqlite:${manifest.file}` } });
    const strip = (t: (typeof tables)[number]) => ({ ...t, durationMs: 0 });
    expect(tables.map(strip)).toEqual(direct.tables.map(strip));
    const emails = tables
      .find((t) => t.table === 'customers')
      ?.duplicates.find((d) => d.columns[0] === 'email' && d.normalization === 'lower-trim');
    expect(emails).toMatchObject({
      groups: manifest.flaws.emails.duplicateGroups,
      rows: manifest.flaws.emails.duplicateRows,
    });
  }, 60_000);

  it('stops at the next statement when cancelled', async () => {
    const events = await profileJob({ target: { url: `sqlite:${manifest.file}` } }, (event, jobId) => {
      if (event.type === 'started') void api.call('profile.cancel', { jobId });
    });
    const last = events.at(-1);
    expect(last?.type).toBe('cancelled');
    expect(events.filter((e) => e.type === 'table').length).toBeLessThan(4);
    expect(await api.call('profile.cancel', { jobId: last?.jobId ?? '' })).toEqual({ ok: false });
  }, 60_000);

  it('says in one sentence when the source cannot be opened', async () => {
    const events = await profileJob({ target: { url: `sqlite:${join(temp.dir, 'missing.db')}` } });
    const last = events.at(-1);
    expect(last?.type).toBe('failed');
    if (last?.type === 'failed') expect(last.error.message).toMatch(/missing\.db/);
  }, 60_000);

  it('recomputes alerts at other thresholds and renders the HTML report', async () => {
    const profile = await api.call('profile.table', { target: { url: `sqlite:${manifest.file}` }, table: 'customers' });
    const strict = await api.call('profile.alerts', { profile, thresholds: { highNullRate: 0 } });
    const same = await api.call('profile.alerts', { profile });
    expect(same).toEqual(profile.alerts);
    expect(strict.filter((a) => a.code === 'high-null-rate').length).toBeGreaterThan(
      profile.alerts.filter((a) => a.code === 'high-null-rate').length,
    );
    const { html } = await api.call('profile.report', {
      source: 'demo',
      profiledAt: '2026-01-01T00:00:00Z',
      tables: [profile],
    });
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('customers');
  });
});
