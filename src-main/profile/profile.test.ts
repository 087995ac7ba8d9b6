/**
 * The profiler against the demo database's ground truth: every planted flaw is found, with the
 * counts the generator itself recorded (src-main/demo/demo-flaws.ts).
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveProfileOptions, type ColumnProfile, type TableProfile } from '../../src-shared/profile';
import type { SchemaInfo } from '../../src-shared/schema-info';
import { generateDemoDatabase, type DemoManifest } from '../demo/generate';
import { dialectFor } from '../dialects';
import type { DatabaseSession } from '../dialects/dialect';
import { makeTempDir } from '../testing/fixtures';
import { TallyError } from '../../src-shared/errors';
import { findTable, profileTable } from './engine';

let temp: ReturnType<typeof makeTempDir>;
let manifest: DemoManifest;
let session: DatabaseSession;
let schema: SchemaInfo;
const profiles = new Map<string, TableProfile>();

function column(table: string, name: string): ColumnProfile {
  const found = profiles.get(table)?.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no profile of ${table}.${name}`);
  return found;
}

function patternCount(table: string, name: string, pattern: string): number {
  return column(table, name).patterns?.values.find((p) => p.pattern === pattern)?.count ?? 0;
}

beforeAll(async () => {
  temp = makeTempDir('profile');
  manifest = generateDemoDatabase({ file: join(temp.dir, 'demo.db'), rows: 3000, seed: 7 });
  session = await dialectFor('sqlite').connect(
    { dialect: 'sqlite', file: manifest.file },
    { password: undefined, readOnly: true, timeoutMs: 5000 },
  );
  schema = await session.inspect({ exactCountLimit: 1_000_000 });
  const options = resolveProfileOptions({});
  for (const name of ['customers', 'products', 'orders', 'order_items'])
    profiles.set(name, await profileTable(session, schema, findTable(schema, name), options));
});

afterAll(async () => {
  await session?.close();
  temp?.remove();
});

describe('profile of the demo database (SQLite)', () => {
  it('counts rows, nulls and empty strings exactly, with no sample', () => {
    for (const [table, count] of Object.entries(manifest.tables)) {
      const profile = profiles.get(table);
      expect(profile?.rowCount, table).toBe(count);
      expect(profile?.sampled, table).toBeNull();
      for (const [name, nulls] of Object.entries(manifest.flaws.nulls[table as keyof typeof manifest.flaws.nulls]))
        expect(column(table, name).nulls, `${table}.${name} nulls`).toBe(nulls);
      for (const [name, empties] of Object.entries(
        manifest.flaws.emptyStrings[table as keyof typeof manifest.flaws.emptyStrings],
      )) {
        const profiled = column(table, name);
        if (profiled.kind === 'text') expect(profiled.emptyStrings, `${table}.${name} empty strings`).toBe(empties);
        else expect(empties, `${table}.${name} empty strings`).toBe(0);
      }
    }
  });

  it('finds the duplicated e-mails once case and spaces are ignored', () => {
    const finding = profiles
      .get('customers')
      ?.duplicates.find((d) => d.columns[0] === 'email' && d.normalization === 'lower-trim');
    expect(finding).toMatchObject({
      groups: manifest.flaws.emails.duplicateGroups,
      rows: manifest.flaws.emails.duplicateRows,
    });
    expect(finding?.examples[0]?.variants.length).toBe(2);
    // Whole rows of the two most repeated addresses, each spelling among them.
    const repeated = finding?.examples.slice(0, 2).map((e) => e.value) ?? [];
    const rows = finding?.exampleRows ?? [];
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (const row of rows) {
      expect(repeated).toContain((row.email ?? '').trim().toLowerCase());
      expect(row.customer_id).toMatch(/^\d+$/);
    }
    const alert = profiles.get('customers')?.alerts.find((a) => a.code === 'duplicates' && a.column === 'email');
    expect(alert?.count).toBe(manifest.flaws.emails.duplicateRows);
    expect(alert?.message).toMatch(/once case and surrounding spaces are ignored/);
  });

  it('shows the phone formats as mixed patterns, one pattern per planted format', () => {
    const { phones } = manifest.flaws;
    expect(patternCount('customers', 'phone', '(999) 999-9999')).toBe(phones.parenthesized);
    expect(patternCount('customers', 'phone', '999-999-9999')).toBe(phones.dashed);
    expect(patternCount('customers', 'phone', '999.999.9999')).toBe(phones.dotted);
    expect(patternCount('customers', 'phone', '+9 999 999 9999')).toBe(phones.plusOneSpaced);
    expect(patternCount('customers', 'phone', '9999999999')).toBe(phones.digitsOnly);
    const alert = profiles.get('customers')?.alerts.find((a) => a.code === 'mixed-formats' && a.column === 'phone');
    expect(alert?.severity).toBe('warning');
    expect(column('customers', 'phone').inferred?.type).toBe('phone');
  });

  it('reads the order dates as dates stored as text in several formats', () => {
    const orderDate = column('orders', 'order_date');
    expect(orderDate.inferred).toMatchObject({ type: 'date' });
    expect(orderDate.inferred?.formats).toBeGreaterThanOrEqual(6);
    const alerts = profiles.get('orders')?.alerts.filter((a) => a.column === 'order_date') ?? [];
    expect(alerts.map((a) => a.code)).toEqual(expect.arrayContaining(['mixed-formats', 'dates-as-text']));
    // Impossible calendar dates ('2023-04-31T09:00:00Z') share the patterns of the valid ones.
    const { orderDates, invalidOrderDates } = manifest.flaws;
    const within = (pattern: string, planted: number): void => {
      const count = patternCount('orders', 'order_date', pattern);
      expect(count, pattern).toBeGreaterThanOrEqual(planted);
      expect(count, pattern).toBeLessThanOrEqual(planted + invalidOrderDates.impossibleCalendarDate);
    };
    within('9999-99-99 99:99:99', orderDates.sqlDateTime);
    within('9999-99-99A99:99:99A', orderDates.isoUtc);
    expect(patternCount('orders', 'order_date', '99.99.9999 99:99')).toBe(orderDates.euDotted);
    expect(patternCount('orders', 'order_date', '9999-99-99 99:99 AAA')).toBe(orderDates.withZoneName);
  });

  it('finds the order items of deleted products through a likely foreign key', () => {
    const finding = profiles.get('order_items')?.orphans.find((o) => o.columns[0] === 'product_id');
    expect(finding).toMatchObject({
      declared: false,
      references: { table: 'products', columns: ['product_id'] },
      rows: manifest.flaws.orphanedOrderItems,
      distinctValues: manifest.flaws.missingProductIds,
    });
    expect(finding?.matchedShare).toBeGreaterThan(0.8);
    // Whole order items that point at the missing products.
    const missing = finding?.examples.map((e) => e.values[0]) ?? [];
    expect(finding?.exampleRows.length).toBe(5);
    for (const row of finding?.exampleRows ?? []) {
      expect(missing).toContain(row.product_id);
      expect(row.order_item_id).toMatch(/^\d+$/);
    }
    const alert = profiles.get('order_items')?.alerts.find((a) => a.code === 'orphans');
    expect(alert).toMatchObject({
      severity: 'warning',
      column: 'product_id',
      count: manifest.flaws.orphanedOrderItems,
    });
  });

  it('finds the orders whose customer is missing through the declared foreign key', () => {
    expect(manifest.flaws.ordersWithMissingCustomer).toBeGreaterThan(0);
    const finding = profiles.get('orders')?.orphans.find((o) => o.columns[0] === 'customer_id');
    expect(finding).toMatchObject({
      declared: true,
      rows: manifest.flaws.ordersWithMissingCustomer,
      distinctValues: manifest.flaws.missingCustomerIds,
    });
    const alert = profiles.get('orders')?.alerts.find((a) => a.code === 'orphans');
    expect(alert).toMatchObject({ severity: 'error', count: manifest.flaws.ordersWithMissingCustomer });
    expect(profiles.get('order_items')?.orphans.find((o) => o.columns[0] === 'order_id')?.rows).toBe(0);
  });

  it('counts the prices stored as text by storage class', () => {
    const { prices } = manifest.flaws;
    const price = column('products', 'price');
    expect(price.storageClasses?.text).toBe(prices.productsPriceText);
    expect(price.storageClasses?.integer).toBe(prices.productsPriceInteger);
    expect((price.storageClasses?.text ?? 0) - (price.numericText ?? 0)).toBe(prices.productsPriceNonNumericText);
    const unitPrice = column('order_items', 'unit_price');
    expect(unitPrice.storageClasses?.text).toBe(prices.orderItemsUnitPriceText);
    expect((unitPrice.storageClasses?.text ?? 0) - (unitPrice.numericText ?? 0)).toBe(
      prices.orderItemsUnitPriceNonNumericText,
    );
    for (const [table, name, count] of [
      ['products', 'price', prices.productsPriceText],
      ['order_items', 'unit_price', prices.orderItemsUnitPriceText],
    ] as const) {
      const alert = profiles.get(table)?.alerts.find((a) => a.code === 'numbers-as-text' && a.column === name);
      expect(alert, `${table}.${name}`).toMatchObject({ severity: 'warning', count });
    }
  });

  it('lists top values with counts and spellings as stored', () => {
    const currency = column('orders', 'currency');
    const usd = currency.top.find((v) => v.value === 'USD');
    expect(usd?.count).toBe(manifest.flaws.currencies.USD);
    expect(currency.top.find((v) => v.value === 'usd')?.count).toBe(manifest.flaws.currencies.usd);
    expect(currency.distinct).toBe(Object.keys(manifest.flaws.currencies).length);
    const active = column('customers', 'is_active');
    expect(active.inferred?.type).toBe('boolean');
  });

  it('computes min, max, lengths, moments and histograms in the database', () => {
    const orderId = column('orders', 'order_id');
    expect(orderId).toMatchObject({ min: '1', max: String(manifest.rows), distinct: manifest.rows });
    expect(orderId.numbers?.mean).toBeCloseTo((manifest.rows + 1) / 2, 6);
    // A declared key is unique: no value to count, no histogram of ids.
    expect(orderId.top).toEqual([]);
    expect(orderId.histogram).toBeNull();
    const customerId = column('orders', 'customer_id');
    expect(customerId.histogram?.of).toBe('values');
    expect(customerId.histogram?.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(
      manifest.rows - manifest.flaws.nulls.orders.customer_id,
    );
    expect(customerId.numbers).toMatchObject({
      min: 1,
      count: manifest.rows - manifest.flaws.nulls.orders.customer_id,
    });
    const lengths = column('customers', 'full_name').histogram;
    expect(lengths?.of).toBe('lengths');
    expect(lengths?.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(manifest.tables.customers);
    const name = column('customers', 'full_name');
    expect(name.length?.min).toBeGreaterThan(0);
    expect(name.length?.mean).toBeGreaterThan(name.length?.min ?? 0);
  });

  it('computes the same patterns in Tally where a dialect cannot in SQL, and says so', async () => {
    const withoutSqlPatterns: DatabaseSession = {
      ...session,
      dialect: { ...session.dialect, profile: { ...session.dialect.profile, pattern: () => null } },
    };
    const customers = await profileTable(
      withoutSqlPatterns,
      schema,
      findTable(schema, 'customers'),
      resolveProfileOptions({}),
    );
    const phone = customers.columns.find((c) => c.name === 'phone');
    expect(phone?.patterns).toMatchObject({ computedIn: 'sample', sampleRows: manifest.tables.customers });
    expect(phone?.patterns?.values.slice(0, 5)).toEqual(column('customers', 'phone').patterns?.values.slice(0, 5));
    expect(customers.alerts).toEqual(profiles.get('customers')?.alerts);
  });

  it('stops at the next statement when cancelled', async () => {
    const controller = new AbortController();
    const steps: string[] = [];
    const profiling = profileTable(session, schema, findTable(schema, 'orders'), resolveProfileOptions({}), {
      signal: controller.signal,
      onProgress: (progress) => {
        steps.push(progress.step);
        if (progress.step === 'statistics') controller.abort();
      },
    });
    const error = await profiling.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TallyError);
    expect((error as TallyError).code).toBe('cancelled');
    expect(steps).toEqual(['statistics']);
  });
});

describe('edge cases (SQLite)', () => {
  let edge: DatabaseSession;
  let edgeSchema: SchemaInfo;

  beforeAll(async () => {
    const file = join(temp.dir, 'edge.db');
    const writer = await dialectFor('sqlite').connect(
      { dialect: 'sqlite', file },
      { password: undefined, readOnly: false, timeoutMs: 5000 },
    );
    try {
      await writer.query('CREATE TABLE "empty ""one""" (id INTEGER PRIMARY KEY, label TEXT, at DATETIME)');
      await writer.query('CREATE TABLE keyed (code INTEGER PRIMARY KEY, name TEXT NOT NULL) WITHOUT ROWID');
      for (let start = 1; start <= 2000; start += 500) {
        const rows = Array.from({ length: 500 }, (_, i) => start + i);
        await writer.query(
          `INSERT INTO keyed (code, name) VALUES ${rows.map(() => '(?, ?)').join(', ')}`,
          rows.flatMap((code) => [code * 3, code % 7 === 0 ? `Name ${code % 50}` : `name ${code % 50}`]),
        );
      }
    } finally {
      await writer.close();
    }
    edge = await dialectFor('sqlite').connect(
      { dialect: 'sqlite', file },
      { password: undefined, readOnly: true, timeoutMs: 5000 },
    );
    edgeSchema = await edge.inspect({ exactCountLimit: 1_000_000 });
  });

  afterAll(async () => {
    await edge?.close();
  });

  it('profiles an empty table without a figure to divide by', async () => {
    const profile = await profileTable(
      edge,
      edgeSchema,
      findTable(edgeSchema, 'empty "one"'),
      resolveProfileOptions({}),
    );
    expect(profile).toMatchObject({ rowCount: 0, profiledRows: 0, alerts: [], duplicates: [], orphans: [] });
    expect(profile.columns.map((c) => [c.name, c.nulls, c.distinct, c.histogram])).toEqual([
      ['id', 0, 0, null],
      ['label', 0, 0, null],
      ['at', 0, 0, null],
    ]);
  });

  it('samples a WITHOUT ROWID table by ranges of its integer key', async () => {
    const profile = await profileTable(
      edge,
      edgeSchema,
      findTable(edgeSchema, 'keyed'),
      resolveProfileOptions({ sampleAbove: 100, sampleRows: 200 }),
    );
    expect(profile.sampled?.method).toMatch(/key ranges spread over keyed/);
    expect(profile.profiledRows).toBeGreaterThan(100);
    expect(profile.profiledRows).toBeLessThan(400);
    expect(profile.rowCount).toBe(2000);
  });

  it('names the table it cannot find, and asks for a schema where a name is ambiguous', () => {
    expect(() => findTable(edgeSchema, 'nope')).toThrow(/no table "nope"; it has empty "one", keyed/);
    expect(findTable(edgeSchema, 'KEYED').name).toBe('keyed');
  });
});
