/**
 * A small schema with hostile identifiers, built for any dialect from portable types through the
 * dialect's own quoting and type mapping, so the same fixture exercises all four databases.
 */
import type { PortableType } from '../../../src-shared/portable-types';
import type { DatabaseSession, Dialect } from '../dialect';

export type FixtureColumn = { name: string; type: PortableType; nullable: boolean };
export type FixtureTable = {
  name: string;
  columns: FixtureColumn[];
  primaryKey: string[];
  unique?: string[][];
  foreignKeys?: { columns: string[]; table: string; referencedColumns: string[] }[];
  indexes?: { name: string; columns: string[] }[];
};

export const customersTable = 'Customers Ü 表';
export const ordersTable = 'order`s]';
export const linesTable = 'a"b';

export const fixtureTables: FixtureTable[] = [
  {
    name: customersTable,
    columns: [
      { name: 'id', type: { kind: 'integer', bits: 64 }, nullable: false },
      { name: 'e"mail', type: { kind: 'text', length: 120 }, nullable: false },
      { name: 'select', type: { kind: 'text', length: 40 }, nullable: true },
      { name: 'Created At', type: { kind: 'timestamp' }, nullable: true },
      { name: 'balance', type: { kind: 'decimal', precision: 12, scale: 2 }, nullable: true },
      { name: 'score', type: { kind: 'float' }, nullable: true },
      { name: 'active', type: { kind: 'boolean' }, nullable: true },
    ],
    primaryKey: ['id'],
    unique: [['e"mail']],
  },
  {
    name: ordersTable,
    columns: [
      { name: 'tenant', type: { kind: 'integer', bits: 32 }, nullable: false },
      { name: 'number', type: { kind: 'integer', bits: 32 }, nullable: false },
      { name: 'customer_id', type: { kind: 'integer', bits: 64 }, nullable: false },
      { name: 'placed', type: { kind: 'date' }, nullable: true },
      { name: 'note', type: { kind: 'text' }, nullable: true },
      { name: 'uid', type: { kind: 'uuid' }, nullable: true },
      { name: 'payload', type: { kind: 'json' }, nullable: true },
      { name: 'raw', type: { kind: 'binary' }, nullable: true },
    ],
    primaryKey: ['tenant', 'number'],
    foreignKeys: [{ columns: ['customer_id'], table: customersTable, referencedColumns: ['id'] }],
    indexes: [{ name: 'idx order`s customer', columns: ['customer_id'] }],
  },
  {
    name: linesTable,
    columns: [
      { name: 'tenant', type: { kind: 'integer', bits: 32 }, nullable: false },
      { name: 'number', type: { kind: 'integer', bits: 32 }, nullable: false },
      { name: 'line', type: { kind: 'integer', bits: 16 }, nullable: false },
      { name: 'at', type: { kind: 'time' }, nullable: true },
      { name: 'stamped', type: { kind: 'timestamptz' }, nullable: true },
    ],
    primaryKey: ['tenant', 'number', 'line'],
    foreignKeys: [{ columns: ['tenant', 'number'], table: ordersTable, referencedColumns: ['tenant', 'number'] }],
  },
];

export function createTableSql(dialect: Dialect, table: FixtureTable): string {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const list = (names: string[]): string => names.map(q).join(', ');
  const parts = table.columns.map(
    (c) => `${q(c.name)} ${dialect.nativeTypeFor(c.type)}${c.nullable ? '' : ' NOT NULL'}`,
  );
  parts.push(`PRIMARY KEY (${list(table.primaryKey)})`);
  for (const columns of table.unique ?? []) parts.push(`UNIQUE (${list(columns)})`);
  for (const fk of table.foreignKeys ?? [])
    parts.push(`FOREIGN KEY (${list(fk.columns)}) REFERENCES ${q(fk.table)} (${list(fk.referencedColumns)})`);
  return `CREATE TABLE ${q(table.name)} (${parts.join(', ')})`;
}

export async function createFixture(session: DatabaseSession): Promise<void> {
  const { dialect } = session;
  const q = (name: string): string => dialect.quoteIdentifier(name);
  for (const table of fixtureTables) {
    await session.query(createTableSql(dialect, table));
    for (const index of table.indexes ?? [])
      await session.query(`CREATE INDEX ${q(index.name)} ON ${q(table.name)} (${index.columns.map(q).join(', ')})`);
  }
  for (const [id, email] of [
    [1, 'ann@example.com'],
    [2, 'bo@example.com'],
    [3, 'cy@example.com'],
  ] as const) {
    await session.query(`INSERT INTO ${q(customersTable)} (${q('id')}, ${q('e"mail')}) VALUES (?, ?)`, [id, email]);
  }
  await session.query(
    `INSERT INTO ${q(ordersTable)} (${q('tenant')}, ${q('number')}, ${q('customer_id')}) VALUES (?, ?, ?)`,
    [7, 1, 2],
  );
}
