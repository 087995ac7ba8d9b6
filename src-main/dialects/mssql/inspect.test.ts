/**
 * SQL Server inspection without a server: the catalogue SQL as text, the native type text built
 * from sys.columns, and the whole inspection assembled from rows shaped as tedious returns them.
 */
import { describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../../src-shared/connection';
import type { DatabaseSession, InspectOptions } from '../dialect';
import {
  columnsSql,
  countSql,
  foreignKeysSql,
  formatMssqlNativeType,
  indexesSql,
  keyConstraintsSql,
  placeholders,
  schemasSql,
  tablesSql,
  versionSql,
} from './catalog-sql';
import { mssqlDialect } from './index';
import { inspectMssql, mssqlColumnInfo, type MssqlColumnRow } from './inspect';
import { mssqlReadOnlyViolation } from './sql-text';

describe('catalogue SQL', () => {
  it('binds one value per inspected schema', () => {
    expect(placeholders(1)).toBe('(?)');
    expect(placeholders(3)).toBe('(?, ?, ?)');
    for (const build of [tablesSql, columnsSql, keyConstraintsSql, foreignKeysSql, indexesSql]) {
      expect(build(2)).toContain('s.name IN (?, ?)');
      expect(build(2).match(/\?/g)).toHaveLength(2);
    }
  });

  it('reads tables and views, not system objects or the diagram table, with sys.partitions estimates', () => {
    const sql = tablesSql(1);
    expect(sql).toContain("o.type IN ('U', 'V') AND o.is_ms_shipped = 0");
    expect(sql).toContain("NOT (s.name = 'dbo' AND o.name = 'sysdiagrams')");
    expect(sql).toContain('SUM(p.rows) FROM sys.partitions p WHERE p.object_id = o.object_id AND p.index_id IN (0, 1)');
    expect(schemasSql).toContain("s.name NOT IN ('sys', 'INFORMATION_SCHEMA', 'guest') AND s.schema_id < 16384");
  });

  it('reads alias types as their base type and CLR types by their own name', () => {
    expect(columnsSql(1)).toContain(
      'CASE WHEN t.is_user_defined = 1 AND t.is_assembly_type = 0 THEN TYPE_NAME(c.system_type_id) ELSE t.name END AS type_name',
    );
    expect(columnsSql(1)).toContain('OBJECT_DEFINITION(c.default_object_id) AS default_definition');
    expect(columnsSql(1)).toContain('ORDER BY s.name, o.name, c.column_id');
  });

  it('orders key columns as the keys declare them', () => {
    expect(keyConstraintsSql(1)).toContain('ic.index_id = kc.unique_index_id');
    expect(keyConstraintsSql(1)).toContain('ORDER BY s.name, t.name, kc.name, ic.key_ordinal');
    expect(foreignKeysSql(1)).toContain('ORDER BY s.name, t.name, fk.name, fkc.constraint_column_id');
    expect(indexesSql(1)).toContain('i.is_primary_key = 0 AND i.is_unique_constraint = 0');
    expect(indexesSql(1)).toContain('ic.is_included_column = 0');
  });

  it('counts exactly with COUNT_BIG on the quoted name', () => {
    expect(countSql(mssqlDialect.quoteTable({ schema: 'dbo', name: 'order`s]' }))).toBe(
      'SELECT COUNT_BIG(*) AS n FROM [dbo].[order`s]]]',
    );
  });

  it('passes the read-only guard, so a source can be inspected', () => {
    for (const sql of [
      schemasSql,
      versionSql,
      tablesSql(2),
      columnsSql(2),
      keyConstraintsSql(2),
      foreignKeysSql(2),
      indexesSql(2),
      countSql('[dbo].[delete]'),
    ])
      expect(mssqlReadOnlyViolation(sql), sql).toBeUndefined();
  });
});

describe('native type text from sys.columns', () => {
  it.each([
    ['nvarchar', 240, 0, 0, 'nvarchar(120)'],
    ['nvarchar', -1, 0, 0, 'nvarchar(max)'],
    ['nchar', 20, 0, 0, 'nchar(10)'],
    ['varchar', 50, 0, 0, 'varchar(50)'],
    ['varchar', -1, 0, 0, 'varchar(max)'],
    ['varbinary', -1, 0, 0, 'varbinary(max)'],
    ['binary', 16, 0, 0, 'binary(16)'],
    ['decimal', 9, 12, 2, 'decimal(12,2)'],
    ['numeric', 17, 38, 0, 'numeric(38,0)'],
    ['datetime2', 8, 27, 7, 'datetime2(7)'],
    ['datetimeoffset', 10, 34, 7, 'datetimeoffset(7)'],
    ['time', 5, 16, 7, 'time(7)'],
    ['float', 8, 53, 0, 'float'],
    ['real', 4, 24, 0, 'real'],
    ['int', 4, 10, 0, 'int'],
    ['uniqueidentifier', 16, 0, 0, 'uniqueidentifier'],
    ['sysname', 256, 0, 0, 'sysname'],
  ])('%s (max_length %d, precision %d, scale %d) → %s', (name, maxLength, precision, scale, text) => {
    expect(formatMssqlNativeType(name, maxLength, precision, scale)).toBe(text);
  });

  it('notes an alias type and keeps the mapping of its base type', () => {
    const row: MssqlColumnRow = {
      schema_name: 'dbo',
      table_name: 't',
      column_name: 'phone',
      type_name: 'nvarchar',
      alias_name: 'Phone',
      max_length: 40,
      precision: 0,
      scale: 0,
      is_nullable: true,
      is_identity: false,
      is_computed: false,
      default_definition: "(N'')",
    };
    expect(mssqlColumnInfo(row, 3)).toEqual({
      name: 'phone',
      ordinal: 3,
      nativeType: 'nvarchar(20)',
      portableType: { kind: 'text', length: 20 },
      portableNote: 'Alias type Phone over nvarchar(20).',
      nullable: true,
      defaultValue: "(N'')",
      autoIncrement: false,
    });
  });
});

/** A session that answers the catalogue queries with canned rows, and records what it was asked. */
function fakeSession(
  answers: { match: RegExp; rows: Record<string, unknown>[] }[],
  spec: Partial<ConnectionSpec> = {},
): DatabaseSession & { asked: { sql: string; bindings: readonly unknown[] }[] } {
  const asked: { sql: string; bindings: readonly unknown[] }[] = [];
  const session = {
    dialect: mssqlDialect,
    spec: {
      dialect: 'mssql',
      host: 'h',
      database: 'Shop',
      tls: { encrypt: true, trustServerCertificate: false },
      ...spec,
    } as ConnectionSpec,
    readOnly: true,
    knex: undefined as never,
    asked,
    serverVersion: () => Promise.resolve('SQL Server 2022 (16.0.4135.4)'),
    query<Row extends Record<string, unknown>>(sql: string, bindings: readonly unknown[] = []): Promise<Row[]> {
      asked.push({ sql, bindings });
      return Promise.resolve((answers.find((answer) => answer.match.test(sql))?.rows ?? []) as Row[]);
    },
    inspect: (options: InspectOptions) => inspectMssql(session, options),
    writeRows: () => Promise.reject(new Error('The canned catalogue session does not write.')),
    queryArrays: () => Promise.reject(new Error('The canned catalogue session reads only its catalogue.')),
    setForeignKeyChecks: () => Promise.resolve(),
    emptyTable: () => Promise.reject(new Error('The canned catalogue session does not write.')),
    close: () => Promise.resolve(),
  };
  return session;
}

const column = (table: string, name: string, type: string, extra: Partial<MssqlColumnRow> = {}): MssqlColumnRow => ({
  schema_name: 'dbo',
  table_name: table,
  column_name: name,
  type_name: type,
  alias_name: null,
  max_length: type === 'nvarchar' ? 240 : 4,
  precision: type === 'int' ? 10 : 0,
  scale: 0,
  is_nullable: false,
  is_identity: false,
  is_computed: false,
  default_definition: null,
  ...extra,
});

describe('inspectMssql', () => {
  const answers = [
    { match: /FROM sys\.schemas s\s+WHERE/, rows: [{ schema_name: 'dbo' }, { schema_name: 'sales' }] },
    {
      match: /FROM sys\.objects o/,
      rows: [
        { schema_name: 'dbo', table_name: 'customers', object_type: 'U ', row_estimate: '3' },
        { schema_name: 'dbo', table_name: 'lines', object_type: 'U ', row_estimate: '5000000' },
        { schema_name: 'dbo', table_name: 'orders', object_type: 'U ', row_estimate: '1' },
        { schema_name: 'dbo', table_name: 'recent', object_type: 'V ', row_estimate: null },
      ],
    },
    {
      match: /FROM sys\.columns c/,
      rows: [
        column('customers', 'id', 'int', { is_identity: true }),
        column('customers', 'email', 'nvarchar'),
        column('lines', 'tenant', 'int'),
        column('lines', 'number', 'int'),
        column('lines', 'line', 'smallint'),
        column('orders', 'tenant', 'int'),
        column('orders', 'number', 'int'),
        column('orders', 'customer_id', 'int', { default_definition: '((0))' }),
        column('recent', 'number', 'int'),
      ],
    },
    {
      match: /FROM sys\.key_constraints kc/,
      rows: [
        {
          schema_name: 'dbo',
          table_name: 'customers',
          constraint_name: 'PK_customers',
          constraint_type: 'PK',
          column_name: 'id',
        },
        {
          schema_name: 'dbo',
          table_name: 'customers',
          constraint_name: 'UQ_email',
          constraint_type: 'UQ',
          column_name: 'email',
        },
        {
          schema_name: 'dbo',
          table_name: 'orders',
          constraint_name: 'PK_orders',
          constraint_type: 'PK',
          column_name: 'tenant',
        },
        {
          schema_name: 'dbo',
          table_name: 'orders',
          constraint_name: 'PK_orders',
          constraint_type: 'PK',
          column_name: 'number',
        },
      ],
    },
    {
      match: /FROM sys\.foreign_keys fk/,
      rows: [
        {
          schema_name: 'dbo',
          table_name: 'lines',
          constraint_name: 'FK_lines_orders',
          column_name: 'tenant',
          referenced_schema: 'dbo',
          referenced_table: 'orders',
          referenced_column: 'tenant',
          delete_rule: 'CASCADE',
          update_rule: 'NO_ACTION',
        },
        {
          schema_name: 'dbo',
          table_name: 'lines',
          constraint_name: 'FK_lines_orders',
          column_name: 'number',
          referenced_schema: 'dbo',
          referenced_table: 'orders',
          referenced_column: 'number',
          delete_rule: 'CASCADE',
          update_rule: 'NO_ACTION',
        },
        {
          schema_name: 'dbo',
          table_name: 'orders',
          constraint_name: 'FK_orders_customers',
          column_name: 'customer_id',
          referenced_schema: 'dbo',
          referenced_table: 'customers',
          referenced_column: 'id',
          delete_rule: 'SET_NULL',
          update_rule: 'NO_ACTION',
        },
      ],
    },
    {
      match: /FROM sys\.indexes i/,
      rows: [
        {
          schema_name: 'dbo',
          table_name: 'orders',
          index_name: 'IX_orders_customer',
          is_unique: false,
          column_name: 'customer_id',
        },
      ],
    },
    { match: /COUNT_BIG\(\*\) AS n FROM \[dbo\]\.\[customers\]/, rows: [{ n: '3' }] },
    { match: /COUNT_BIG\(\*\) AS n FROM \[dbo\]\.\[orders\]/, rows: [{ n: '1' }] },
  ];

  it('assembles tables, keys, indexes and counts from the catalogue rows', async () => {
    const session = fakeSession(answers);
    const schema = await session.inspect({ exactCountLimit: 100_000 });
    expect(schema).toMatchObject({
      dialect: 'mssql',
      serverVersion: 'SQL Server 2022 (16.0.4135.4)',
      database: 'Shop',
      schemas: ['dbo', 'sales'],
    });
    const byName = Object.fromEntries(schema.tables.map((t) => [t.name, t]));
    expect(byName.customers).toMatchObject({
      schema: 'dbo',
      kind: 'table',
      primaryKey: { name: 'PK_customers', columns: ['id'] },
      uniqueConstraints: [{ name: 'UQ_email', columns: ['email'] }],
      rowCount: { value: 3, exact: true },
    });
    expect(byName.customers?.columns.map((c) => [c.name, c.nativeType, c.autoIncrement])).toEqual([
      ['id', 'int', true],
      ['email', 'nvarchar(120)', false],
    ]);
    expect(byName.orders?.primaryKey?.columns).toEqual(['tenant', 'number']);
    expect(byName.orders?.foreignKeys).toEqual([
      {
        name: 'FK_orders_customers',
        columns: ['customer_id'],
        referencedTable: { schema: 'dbo', name: 'customers' },
        referencedColumns: ['id'],
        onDelete: 'SET NULL',
        onUpdate: null,
      },
    ]);
    expect(byName.orders?.indexes).toEqual([{ name: 'IX_orders_customer', columns: ['customer_id'], unique: false }]);
    expect(byName.orders?.columns[2]?.defaultValue).toBe('((0))');
    expect(byName.lines?.foreignKeys[0]).toMatchObject({
      columns: ['tenant', 'number'],
      referencedColumns: ['tenant', 'number'],
      onDelete: 'CASCADE',
    });
    // Above the limit: the estimate, not a count.
    expect(byName.lines?.rowCount).toEqual({ value: 5_000_000, exact: false });
    expect(byName.recent).toMatchObject({ kind: 'view', rowCount: null, primaryKey: null });
    expect(session.asked.filter((q) => q.sql.includes('COUNT_BIG')).map((q) => q.sql)).toEqual([
      'SELECT COUNT_BIG(*) AS n FROM [dbo].[customers]',
      'SELECT COUNT_BIG(*) AS n FROM [dbo].[orders]',
    ]);
    expect(session.asked.find((q) => q.sql.includes('FROM sys.objects o'))?.bindings).toEqual(['dbo', 'sales']);
  });

  it('inspects only the connection schema when the URL names one, and refuses one that does not exist', async () => {
    const session = fakeSession(answers, { schema: 'sales' });
    expect((await session.inspect({ exactCountLimit: 10 })).schemas).toEqual(['sales']);
    expect(session.asked.find((q) => q.sql.includes('FROM sys.columns c'))?.bindings).toEqual(['sales']);
    await expect(fakeSession(answers).inspect({ schemas: ['nope'], exactCountLimit: 10 })).rejects.toThrow(
      'The SQL Server database "Shop" has no schema "nope".',
    );
  });
});
