/**
 * The same data gives the same profile on every live target. The demo database (400 orders) is
 * copied into each target through the plan's portable DDL, then profiled read-only; every figure
 * that does not depend on the database's own types or collation must agree with SQLite's, and
 * the planted flaws must show with the generator's counts.
 *
 * What differs, and why (so it is not compared):
 * - products.price is NUMERIC in SQLite's demo, which kept text such as '$12.50'; the typed
 *   targets cannot hold that text, so it is loaded as NULL there (the null count says so) and
 *   storage classes exist in SQLite only;
 * - decimals print as the type does ('12.50' in PostgreSQL and MariaDB, 12.5 in SQLite), so
 *   numbers are compared as numbers;
 * - min and max of text follow each database's collation (its "own order");
 * - a sample is drawn the dialect's own way (PostgreSQL TABLESAMPLE pages, keyset slices
 *   elsewhere), so sampled figures are only checked to be labelled and bounded.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan } from '../../../src-shared/plan';
import { resolveProfileOptions, type ColumnProfile, type TableProfile } from '../../../src-shared/profile';
import type { SchemaInfo } from '../../../src-shared/schema-info';
import { generateDemoDatabase, type DemoManifest } from '../../demo/generate';
import { buildPlan } from '../../engine/planner';
import { findTable, profileTable } from '../../profile/engine';
import { makeTempDir } from '../../testing/fixtures';
import { dialectFor } from '../index';
import type { DatabaseSession } from '../dialect';
import { createFixture, customersTable, linesTable, ordersTable } from './fixture';
import { createFreshDatabase, liveTargets, type FreshDatabase } from './targets';

const targets = liveTargets(inject('embeddedPostgresUrl'));
const tableNames = ['customers', 'products', 'orders', 'order_items'] as const;

type Row = Record<string, unknown>;

let temp: ReturnType<typeof makeTempDir>;
let manifest: DemoManifest;
let sourceSchema: SchemaInfo;
const sourceRows = new Map<string, Row[]>();
/** Profiles per target label, filled as each target's suite runs; SQLite's runs first. */
const profilesByTarget = new Map<string, Map<string, TableProfile>>();

beforeAll(async () => {
  temp = makeTempDir('profile-conformance');
  manifest = generateDemoDatabase({ file: join(temp.dir, 'demo.db'), rows: 400, seed: 42 });
  const source = await dialectFor('sqlite').connect(
    { dialect: 'sqlite', file: manifest.file },
    { password: undefined, readOnly: true, timeoutMs: 5000 },
  );
  try {
    sourceSchema = await source.inspect({ exactCountLimit: 1_000_000 });
    for (const name of tableNames) {
      const key = sourceSchema.tables.find((t) => t.name === name)?.primaryKey?.columns[0] ?? 'rowid';
      sourceRows.set(name, await source.query(`SELECT * FROM "${name}" ORDER BY "${key}"`));
    }
  } finally {
    await source.close();
  }
});

afterAll(() => temp?.remove());

/**
 * A value the typed target can hold: text in a numeric column (SQLite kept '$12.50') becomes null,
 * and a number in a text column (order_items.unit_price has no type) the text SQLite prints for
 * that REAL ('20.0'), so every target holds the same text.
 */
function loadable(value: unknown, kind: string): unknown {
  if (typeof value === 'string' && (kind === 'decimal' || kind === 'integer' || kind === 'float'))
    return /^[+-]?\d+(\.\d+)?$/.test(value) ? Number(value) : null;
  if (typeof value === 'number' && kind === 'text') return Number.isInteger(value) ? `${value}.0` : String(value);
  return value;
}

async function load(session: DatabaseSession, plan: Plan): Promise<void> {
  const { dialect } = session;
  const ordered = plan.phases.flatMap((phase) => phase.tables.map((id) => plan.tables.find((t) => t.id === id)));
  const ddl = ordered.map((table) =>
    table?.targetTable ? dialect.tableDdl(table.target, table.targetTable) : undefined,
  );
  for (const statements of ddl) for (const sql of statements?.createTable ?? []) await session.query(sql);
  for (const statements of ddl) for (const sql of statements?.indexes ?? []) await session.query(sql);
  for (const table of ordered) {
    if (!table?.targetTable) continue;
    const columns = table.targetTable.columns;
    const rows = sourceRows.get(table.target.name) ?? [];
    const perStatement = Math.max(1, Math.floor(900 / columns.length));
    for (let start = 0; start < rows.length; start += perStatement) {
      const batch = rows.slice(start, start + perStatement);
      const tuple = `(${columns.map(() => '?').join(', ')})`;
      const sql = `INSERT INTO ${dialect.quoteTable(table.target)} (${columns.map((c) => dialect.quoteIdentifier(c.name)).join(', ')}) VALUES ${batch.map(() => tuple).join(', ')}`;
      await session.query(
        sql,
        batch.flatMap((row) => columns.map((c) => loadable(row[c.name] ?? null, c.type.kind))),
      );
    }
  }
  // Keys last: the demo's 400 orders name no missing customer, so the declared key holds.
  for (const statements of ddl) for (const sql of statements?.foreignKeys ?? []) await session.query(sql);
}

function columnOf(profile: TableProfile | undefined, name: string): ColumnProfile {
  const found = profile?.columns.find((c) => c.name === name);
  if (!found) throw new Error(`no profile of ${profile?.table}.${name}`);
  return found;
}

const close = (a: number | null | undefined, b: number | null | undefined): boolean =>
  a === b || (typeof a === 'number' && typeof b === 'number' && Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a)));

/** The figures of a column that every database must agree on. */
function comparable(column: ColumnProfile): Record<string, unknown> {
  const numeric = column.kind === 'integer' || column.kind === 'decimal' || column.kind === 'float';
  const asNumber = (value: string | null): number | null => (value === null ? null : Number(value));
  return {
    name: column.name,
    kind: column.kind,
    nulls: column.nulls,
    emptyStrings: column.emptyStrings,
    distinct: column.distinct,
    min: numeric ? asNumber(column.min) : undefined,
    max: numeric ? asNumber(column.max) : undefined,
    length: column.length && { min: column.length.min, max: column.length.max },
    numbers: column.numbers && { count: column.numbers.count },
    top: column.top.map((v) => [numeric ? Number(v.value) : v.value, v.count]),
    patterns: column.patterns?.values.map((p) => [p.pattern, p.count]) ?? null,
    patternCount: column.patterns?.distinct ?? null,
    histogram: column.histogram?.buckets.map((b) => b.count) ?? null,
    inferred: column.inferred?.type ?? null,
  };
}

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(`profile: demo data in ${target.label}`, () => {
    const dialect = dialectFor(target.dialect);
    let fresh: FreshDatabase;
    let reader: DatabaseSession;
    const profiles = new Map<string, TableProfile>();

    beforeAll(async () => {
      fresh = await createFreshDatabase(target);
      const writer = await fresh.open();
      try {
        const empty = await writer.inspect({ exactCountLimit: 0 });
        const plan = buildPlan(sourceSchema, empty, {
          name: 'demo',
          source: { url: `sqlite:${manifest.file}` },
          target: { url: dialect.formatUrl(fresh.spec) },
          targetSchema: dialect.defaultSchema(fresh.spec),
        });
        await load(writer, plan);
      } finally {
        await writer.close();
      }
      reader = await fresh.open({ readOnly: true });
      const schema = await reader.inspect({ exactCountLimit: 1_000_000 });
      const options = resolveProfileOptions({});
      for (const name of tableNames)
        profiles.set(name, await profileTable(reader, schema, findTable(schema, name), options));
      profilesByTarget.set(target.label, profiles);
    }, 300_000);

    afterAll(async () => {
      await reader?.close();
      await fresh?.drop();
    });

    it('finds the planted flaws with the generator’s counts', () => {
      const { flaws } = manifest;
      const customers = profiles.get('customers');
      expect(
        customers?.duplicates.find((d) => d.columns[0] === 'email' && d.normalization === 'lower-trim'),
      ).toMatchObject({
        groups: flaws.emails.duplicateGroups,
        rows: flaws.emails.duplicateRows,
      });
      const phones = columnOf(customers, 'phone').patterns?.values ?? [];
      expect(phones.find((p) => p.pattern === '(999) 999-9999')?.count).toBe(flaws.phones.parenthesized);
      expect(phones.find((p) => p.pattern === '999-999-9999')?.count).toBe(flaws.phones.dashed);
      expect(phones.find((p) => p.pattern === '999.999.9999')?.count).toBe(flaws.phones.dotted);
      expect(phones.find((p) => p.pattern === '9999999999')?.count).toBe(flaws.phones.digitsOnly);
      expect(customers?.alerts.some((a) => a.code === 'mixed-formats' && a.column === 'phone')).toBe(true);

      const orders = profiles.get('orders');
      expect(columnOf(orders, 'order_date').inferred?.type).toBe('date');
      expect(orders?.alerts.filter((a) => a.column === 'order_date').map((a) => a.code)).toEqual(
        expect.arrayContaining(['mixed-formats', 'dates-as-text']),
      );
      expect(orders?.orphans.find((o) => o.columns[0] === 'customer_id')).toMatchObject({ declared: true, rows: 0 });
      const usd = columnOf(orders, 'currency').top.find((v) => v.value === 'USD');
      expect(usd?.count).toBe(flaws.currencies.USD);

      expect(profiles.get('order_items')?.orphans.find((o) => o.columns[0] === 'product_id')).toMatchObject({
        declared: false,
        rows: flaws.orphanedOrderItems,
        distinctValues: flaws.missingProductIds,
      });
      // Text prices could not be loaded into a typed column: they arrive as nulls.
      expect(columnOf(profiles.get('products'), 'price').nulls).toBe(
        flaws.nulls.products.price + flaws.prices.productsPriceText,
      );
    });

    it('agrees with SQLite figure for figure', () => {
      const reference = profilesByTarget.get(targets[0]?.label ?? '');
      expect(reference, 'the SQLite target ran first').toBeDefined();
      for (const name of tableNames) {
        const mine = profiles.get(name);
        const theirs = reference?.get(name);
        expect(mine?.rowCount, name).toBe(theirs?.rowCount);
        expect(mine?.sampled, name).toBeNull();
        for (const column of theirs?.columns ?? []) {
          const own = columnOf(mine, column.name);
          expect(comparable(own), `${name}.${column.name}`).toEqual(comparable(column));
          expect(close(own.length?.mean, column.length?.mean), `${name}.${column.name} mean length`).toBe(true);
          expect(close(own.numbers?.mean, column.numbers?.mean), `${name}.${column.name} mean`).toBe(true);
          expect(close(own.numbers?.stddev, column.numbers?.stddev), `${name}.${column.name} stddev`).toBe(true);
        }
        expect(mine?.duplicates, `${name} duplicates`).toEqual(theirs?.duplicates);
        // Referenced tables are named with their schema where the database has schemas.
        const withoutSchema = (profile: TableProfile | undefined): unknown =>
          profile?.orphans.map((o) => ({
            ...o,
            references: { ...o.references, table: o.references.table.split('.').pop() },
          }));
        expect(withoutSchema(mine), `${name} orphans`).toEqual(withoutSchema(theirs));
        const alerts = (profile: TableProfile | undefined): string[] =>
          (profile?.alerts ?? []).map((a) => `${a.code} ${a.column ?? ''} ${a.count ?? ''}`).sort();
        expect(alerts(mine), `${name} alerts`).toEqual(alerts(theirs));
      }
    });

    it('labels a sampled profile with its size and method', async () => {
      const schema = await reader.inspect({ exactCountLimit: 1_000_000 });
      const sampled = await profileTable(
        reader,
        schema,
        findTable(schema, 'orders'),
        resolveProfileOptions({ sampleAbove: 100, sampleRows: 100 }),
      );
      expect(sampled.sampled?.method).toBeTruthy();
      expect(sampled.sampled?.rows).toBe(sampled.profiledRows);
      expect(sampled.profiledRows).toBeLessThanOrEqual(manifest.tables.orders);
      expect(sampled.rowCount).toBe(manifest.tables.orders);
      const full = await profileTable(
        reader,
        schema,
        findTable(schema, 'orders'),
        resolveProfileOptions({ sampleAbove: 100, full: true }),
      );
      expect(full.sampled).toBeNull();
      expect(full.profiledRows).toBe(manifest.tables.orders);
    });
  });
}

/** Profiles of the hostile-named fixture (every portable kind), per target label. */
const fixtureProfiles = new Map<string, Map<string, TableProfile>>();

for (const target of targets) {
  describe.skipIf(target.notRun !== undefined)(
    `profile: hostile names and every kind of column in ${target.label}`,
    () => {
      let fresh: FreshDatabase;
      const profiles = new Map<string, TableProfile>();

      beforeAll(async () => {
        fresh = await createFreshDatabase(target);
        const writer = await fresh.open();
        try {
          await createFixture(writer);
          const q = (name: string): string => writer.dialect.quoteIdentifier(name);
          for (const [id, at, balance, score, active, select] of [
            [1, '2024-01-02 03:04:05', 10.5, 0.25, true, 'Main 12'],
            [2, '2023-12-31 23:59:00', 99.99, 1.5, false, 'Elm 3'],
            [3, null, 10.5, null, true, 'MAIN 12'],
          ] as const)
            await writer.query(
              `UPDATE ${q(customersTable)} SET ${q('Created At')} = ?, ${q('balance')} = ?, ${q('score')} = ?, ${q('active')} = ?, ${q('select')} = ? WHERE ${q('id')} = ?`,
              [at, balance, score, active, select, id],
            );
          await writer.query(
            `INSERT INTO ${q(ordersTable)} (${q('tenant')}, ${q('number')}, ${q('customer_id')}, ${q('placed')}, ${q('note')}, ${q('uid')}, ${q('payload')}) VALUES (?, ?, ?, ?, ?, ?, ?)`,
            [7, 2, 3, '2024-02-03', 'ünïcødé 表 😀', '6f1c2a9e-3b4d-4e5f-8a7b-9c0d1e2f3a4b', '{"a": 1}'],
          );
          await writer.query(
            `INSERT INTO ${q(linesTable)} (${q('tenant')}, ${q('number')}, ${q('line')}, ${q('at')}) VALUES (?, ?, ?, ?)`,
            [7, 1, 1, '12:30:00'],
          );
        } finally {
          await writer.close();
        }
        const reader = await fresh.open({ readOnly: true });
        try {
          const schema = await reader.inspect({ exactCountLimit: 1_000_000 });
          for (const name of [customersTable, ordersTable, linesTable])
            profiles.set(name, await profileTable(reader, schema, findTable(schema, name), resolveProfileOptions({})));
        } finally {
          await reader.close();
        }
        fixtureProfiles.set(target.label, profiles);
      }, 300_000);

      afterAll(async () => {
        await fresh?.drop();
      });

      it('profiles tables and columns with hostile names, keys and composite foreign keys included', () => {
        expect([...profiles.values()].map((p) => [p.name, p.rowCount])).toEqual([
          [customersTable, 3],
          [ordersTable, 2],
          [linesTable, 1],
        ]);
        const customers = profiles.get(customersTable);
        expect(columnOf(customers, 'e"mail')).toMatchObject({ distinct: 3, nulls: 0 });
        expect(columnOf(customers, 'select').patterns?.values.map((p) => [p.pattern, p.count])).toEqual([
          ['AAAA 99', 1],
          ['Aaa 9', 1],
          ['Aaaa 99', 1],
        ]);
        const createdAt = columnOf(customers, 'Created At');
        expect(createdAt.min).toMatch(/^2023-12-31[ T]23:59:00/);
        expect(createdAt.histogram?.of).toBe('dates');
        expect(createdAt.histogram?.buckets.reduce((sum, b) => sum + b.count, 0)).toBe(2);
        expect(columnOf(customers, 'balance').numbers).toMatchObject({ count: 3, min: 10.5, max: 99.99 });
        expect(columnOf(customers, 'active').top.map((v) => v.count)).toEqual([2, 1]);
        expect(columnOf(profiles.get(ordersTable), 'note').length).toEqual({ min: 11, max: 11, mean: 11 });
        expect(profiles.get(linesTable)?.orphans).toEqual([
          expect.objectContaining({ columns: ['tenant', 'number'], declared: true, rows: 0 }),
        ]);
        expect(profiles.get(ordersTable)?.orphans).toEqual([
          expect.objectContaining({ columns: ['customer_id'], declared: true, rows: 0, matchedShare: 1 }),
        ]);
      });

      it('agrees with SQLite on what every database counts the same way', () => {
        const reference = fixtureProfiles.get(targets[0]?.label ?? '');
        for (const [name, profile] of profiles) {
          for (const column of reference?.get(name)?.columns ?? []) {
            const own = columnOf(profile, column.name);
            // Where the type differs (a UUID is char(36) text in MySQL), only the counts of values compare.
            const sameKind = own.kind === column.kind;
            const counts = (c: ColumnProfile): unknown => ({
              nulls: c.nulls,
              distinct: c.distinct,
              top: c.top.map((v) => v.count),
              histogram: sameKind ? (c.histogram?.buckets.map((b) => b.count) ?? null) : undefined,
              length: sameKind ? c.length : undefined,
            });
            expect(counts(own), `${name}.${column.name}`).toEqual(counts(column));
          }
        }
      });
    },
  );
}
