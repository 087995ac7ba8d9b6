import { describe, expect, it } from 'vitest';
import { TallyError } from '../../src-shared/errors';
import type { PortableType } from '../../src-shared/portable-types';
import type { ColumnInfo, SchemaInfo, TableInfo } from '../../src-shared/schema-info';
import { buildPlan } from './planner';

function column(name: string, portableType: PortableType, nullable = true): ColumnInfo {
  return { name, ordinal: 0, nativeType: '', portableType, nullable, defaultValue: null, autoIncrement: false };
}

function table(name: string, columns: ColumnInfo[], extra: Partial<TableInfo> = {}): TableInfo {
  return {
    schema: null,
    name,
    kind: 'table',
    columns,
    primaryKey: null,
    foreignKeys: [],
    uniqueConstraints: [],
    indexes: [],
    rowCount: { value: 0, exact: true },
    ...extra,
  };
}

function schema(tables: TableInfo[]): SchemaInfo {
  return { dialect: 'sqlite', serverVersion: 'SQLite 3', database: 'x', schemas: ['main'], tables, inspectedAt: '' };
}

const text = (length?: number): PortableType => (length ? { kind: 'text', length } : { kind: 'text' });
const int64: PortableType = { kind: 'integer', bits: 64 };

const source = schema([
  table(
    'customers',
    [
      column('customer_id', int64, false),
      column('full_name', text()),
      column('EMAIL', text(200)),
      column('phone_no', text(40)),
      column('legacy_flag', text(1)),
    ],
    { primaryKey: { name: null, columns: ['customer_id'] } },
  ),
  table('orders', [column('order_id', int64, false), column('customer_id', int64)], {
    primaryKey: { name: null, columns: ['order_id'] },
    foreignKeys: [
      {
        name: null,
        columns: ['customer_id'],
        referencedTable: { schema: null, name: 'customers' },
        referencedColumns: ['customer_id'],
        onDelete: null,
        onUpdate: null,
      },
    ],
  }),
  table('audit_view', [column('x', int64)], { kind: 'view' }),
]);

const options = {
  name: 'p',
  source: { url: 'sqlite:a.db' },
  target: { url: 'sqlite:b.db' },
  targetSchema: null,
  now: new Date('2026-01-01T00:00:00Z'),
};

describe('buildPlan', () => {
  it('maps to an existing target table by normalised name, columns exactly, normalised and fuzzily, with reasons', () => {
    const target = schema([
      table(
        'Customers',
        [
          column('customer_id', int64, false),
          column('Full_Name', text(120)),
          column('email', text(120)),
          column('phone_number', text(20)),
          column('loyalty_tier', text(10)),
        ],
        { primaryKey: { name: null, columns: ['customer_id'] } },
      ),
    ]);
    const plan = buildPlan(source, target, { ...options, tables: ['customers'] });
    const mapping = plan.tables[0];
    expect(mapping).toMatchObject({
      id: 'Customers',
      target: { schema: null, name: 'Customers' },
      createIfMissing: false,
      keyColumns: ['customer_id'],
    });
    const byTarget = Object.fromEntries((mapping?.columns ?? []).map((c) => [c.target, c]));
    expect(byTarget.customer_id).toMatchObject({
      sources: ['customer_id'],
      match: { method: 'exact', score: 1, reason: 'Same name.' },
    });
    expect(byTarget.Full_Name).toMatchObject({ sources: ['full_name'], match: { method: 'normalized' } });
    expect(byTarget.email).toMatchObject({
      sources: ['EMAIL'],
      match: { method: 'normalized', reason: 'Same name ignoring case, spaces and underscores (EMAIL).' },
    });
    expect(byTarget.phone_number).toMatchObject({
      sources: ['phone_no'],
      match: { method: 'fuzzy', reason: 'Similar name: phone_no ≈ phone_number (90% alike).' },
      review: { status: 'needs-decision' },
    });
    expect(byTarget.loyalty_tier).toMatchObject({
      sources: [],
      match: { method: 'none', reason: 'No source column of customers resembles loyalty_tier.' },
      review: { status: 'needs-decision' },
    });
    expect(plan.targetFingerprint?.tables.map((t) => t.name)).toEqual(['Customers']);
  });

  it('creates missing tables from the source, tables only, in foreign-key order', () => {
    const plan = buildPlan(source, schema([]), options);
    expect(plan.tables.map((t) => t.id)).toEqual(['customers', 'orders']);
    expect(plan.phases).toEqual([
      { name: 'Phase 1', tables: ['customers'] },
      { name: 'Phase 2', tables: ['orders'] },
    ]);
    const orders = plan.tables.find((t) => t.id === 'orders');
    expect(orders?.createIfMissing).toBe(true);
    expect(orders?.targetTable?.foreignKeys).toEqual([
      {
        columns: ['customer_id'],
        referencedTable: { schema: null, name: 'customers' },
        referencedColumns: ['customer_id'],
        deferred: false,
      },
    ]);
    expect(plan.sourceFingerprint.tables.map((t) => t.name)).toEqual(['customers', 'orders']);
    expect(plan.sourceFingerprint.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.targetFingerprint).toBeUndefined();
  });

  it('names an unknown table and lists the ones there are', () => {
    expect(() => buildPlan(source, schema([]), { ...options, tables: ['invoices'] })).toThrow(
      new TallyError('bad-input', 'The source has no table named invoices (it has: customers, orders, audit_view).'),
    );
  });
});
