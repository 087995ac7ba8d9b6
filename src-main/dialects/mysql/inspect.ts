/**
 * Reads the current database's catalogue from information_schema: one query per kind (tables,
 * columns, key constraints, indexes, JSON checks) for all tables at once, then an exact count
 * for each table whose estimate is small.
 */
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaInfo, TableInfo } from '../../../src-shared/schema-info';
import type { DatabaseSession, InspectOptions } from '../dialect';
import { mysqlToPortable } from './types';

type TableRow = { table_name: string; table_type: string; table_rows: unknown; engine: string | null };
type ColumnRow = {
  table_name: string;
  column_name: string;
  column_type: string;
  data_type: string;
  is_nullable: string;
  column_default: string | null;
  extra: string | null;
};
type KeyRow = {
  table_name: string;
  constraint_name: string;
  constraint_type: 'PRIMARY KEY' | 'UNIQUE' | 'FOREIGN KEY';
  column_name: string;
  referenced_table_schema: string | null;
  referenced_table_name: string | null;
  referenced_column_name: string | null;
  update_rule: string | null;
  delete_rule: string | null;
};
type IndexRow = { table_name: string; index_name: string; non_unique: unknown; column_name: string | null };
type CheckRow = { table_name: string; constraint_name: string; check_clause: string };

/** The catalogue queries, kept as text so a test can read them. */
export const mysqlCatalogSql = {
  tables: `SELECT TABLE_NAME AS table_name, TABLE_TYPE AS table_type, TABLE_ROWS AS table_rows, ENGINE AS engine
    FROM information_schema.TABLES
    WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW')
    ORDER BY TABLE_NAME`,
  columns: `SELECT TABLE_NAME AS table_name, COLUMN_NAME AS column_name, COLUMN_TYPE AS column_type,
      DATA_TYPE AS data_type, IS_NULLABLE AS is_nullable, COLUMN_DEFAULT AS column_default, EXTRA AS extra
    FROM information_schema.COLUMNS
    WHERE TABLE_SCHEMA = DATABASE()
    ORDER BY TABLE_NAME, ORDINAL_POSITION`,
  keys: `SELECT tc.TABLE_NAME AS table_name, tc.CONSTRAINT_NAME AS constraint_name, tc.CONSTRAINT_TYPE AS constraint_type,
      k.COLUMN_NAME AS column_name, k.REFERENCED_TABLE_SCHEMA AS referenced_table_schema,
      k.REFERENCED_TABLE_NAME AS referenced_table_name, k.REFERENCED_COLUMN_NAME AS referenced_column_name,
      rc.UPDATE_RULE AS update_rule, rc.DELETE_RULE AS delete_rule
    FROM information_schema.TABLE_CONSTRAINTS tc
    JOIN information_schema.KEY_COLUMN_USAGE k
      ON k.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND k.TABLE_SCHEMA = tc.TABLE_SCHEMA
     AND k.TABLE_NAME = tc.TABLE_NAME AND k.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
    LEFT JOIN information_schema.REFERENTIAL_CONSTRAINTS rc
      ON rc.CONSTRAINT_SCHEMA = tc.CONSTRAINT_SCHEMA AND rc.TABLE_NAME = tc.TABLE_NAME
     AND rc.CONSTRAINT_NAME = tc.CONSTRAINT_NAME
    WHERE tc.TABLE_SCHEMA = DATABASE() AND tc.CONSTRAINT_TYPE IN ('PRIMARY KEY', 'UNIQUE', 'FOREIGN KEY')
    ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_TYPE, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION`,
  indexes: `SELECT TABLE_NAME AS table_name, INDEX_NAME AS index_name, NON_UNIQUE AS non_unique, COLUMN_NAME AS column_name
    FROM information_schema.STATISTICS
    WHERE TABLE_SCHEMA = DATABASE() AND INDEX_NAME <> 'PRIMARY'
    ORDER BY TABLE_NAME, INDEX_NAME, SEQ_IN_INDEX`,
  /** MariaDB only: its JSON columns are LONGTEXT with a json_valid() check named after the column. */
  jsonChecks: `SELECT TABLE_NAME AS table_name, CONSTRAINT_NAME AS constraint_name, CHECK_CLAUSE AS check_clause
    FROM information_schema.CHECK_CONSTRAINTS
    WHERE CONSTRAINT_SCHEMA = DATABASE() AND CHECK_CLAUSE LIKE 'json\\_valid(%'`,
} as const;

/** Small helper: rows grouped by a key, in the order they came. */
function groupBy<Row>(rows: readonly Row[], keyOf: (row: Row) => string): Map<string, Row[]> {
  const groups = new Map<string, Row[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

export async function inspectMysql(session: DatabaseSession, options: InspectOptions): Promise<SchemaInfo> {
  const serverVersion = await session.serverVersion();
  const mariadb = serverVersion.startsWith('MariaDB');
  const database = session.spec.dialect === 'mysql' ? session.spec.database : '';
  const [tableRows, columnRows, keyRows, indexRows, checkRows] = await Promise.all([
    session.query<TableRow>(mysqlCatalogSql.tables),
    session.query<ColumnRow>(mysqlCatalogSql.columns),
    session.query<KeyRow>(mysqlCatalogSql.keys),
    session.query<IndexRow>(mysqlCatalogSql.indexes),
    mariadb ? session.query<CheckRow>(mysqlCatalogSql.jsonChecks) : Promise.resolve([]),
  ]);

  const jsonColumns = new Set(
    checkRows
      .filter((c) => isJsonCheck(c.constraint_name, c.check_clause))
      .map((c) => `${c.table_name}\u0000${c.constraint_name}`),
  );
  const columnsByTable = groupBy(columnRows, (c) => c.table_name);
  const keysByTable = groupBy(keyRows, (k) => k.table_name);
  const indexesByTable = groupBy(indexRows, (i) => i.table_name);

  const tables: TableInfo[] = [];
  for (const row of tableRows) {
    const kind = row.table_type === 'VIEW' ? 'view' : 'table';
    const columns = (columnsByTable.get(row.table_name) ?? []).map((c, index) =>
      columnInfo(c, index + 1, jsonColumns.has(`${c.table_name}\u0000${c.column_name}`), mariadb),
    );
    const keys = keyConstraints(keysByTable.get(row.table_name) ?? [], database);
    const uniqueNames = new Set(keys.uniqueConstraints.map((u) => u.name ?? ''));
    tables.push({
      schema: null,
      name: row.table_name,
      kind,
      columns,
      primaryKey: keys.primaryKey,
      foreignKeys: keys.foreignKeys,
      uniqueConstraints: keys.uniqueConstraints,
      indexes: secondaryIndexes(indexesByTable.get(row.table_name) ?? [], uniqueNames),
      rowCount: kind === 'table' ? await countRows(session, row, options) : null,
    });
  }
  return {
    dialect: 'mysql',
    serverVersion,
    database,
    schemas: [database],
    tables,
    inspectedAt: new Date().toISOString(),
  };
}

/** MariaDB writes the check of a JSON column `c` as json_valid(`c`) and names it after the column. */
export function isJsonCheck(constraintName: string, clause: string): boolean {
  return clause.trim().toLowerCase() === `json_valid(\`${constraintName.replace(/`/g, '``')}\`)`.toLowerCase();
}

function columnInfo(row: ColumnRow, ordinal: number, isMariadbJson: boolean, mariadb: boolean): ColumnInfo {
  // A MariaDB JSON column is reported as `json`, the type its DDL declared, so it maps back to json.
  const nativeType = isMariadbJson && row.data_type.toLowerCase() === 'longtext' ? 'json' : row.column_type;
  const mapping = mysqlToPortable(nativeType);
  const extra = row.extra ?? '';
  const column: ColumnInfo = {
    name: row.column_name,
    ordinal,
    nativeType,
    portableType: mapping.type,
    nullable: row.is_nullable === 'YES',
    defaultValue: normaliseDefault(row, mariadb),
    autoIncrement: /\bauto_increment\b/i.test(extra),
  };
  if (mapping.note) column.portableNote = mapping.note;
  return column;
}

const unquotedDefaultTypes =
  /^(?:tinyint|smallint|mediumint|int|integer|bigint|decimal|numeric|float|double|real|bit|year|bool|boolean)\b/i;

/**
 * The default as an SQL expression, the way the other dialects report it. MariaDB already does
 * (literals quoted, `NULL` for "default null"); MySQL 8 gives string literals bare and marks
 * expressions with DEFAULT_GENERATED in EXTRA.
 */
export function normaliseDefault(
  row: Pick<ColumnRow, 'column_default' | 'column_type' | 'extra'>,
  mariadb: boolean,
): string | null {
  const value = row.column_default;
  if (value === null) return null;
  if (mariadb) return value === 'NULL' ? null : value;
  if (/\bDEFAULT_GENERATED\b/i.test(row.extra ?? '') || unquotedDefaultTypes.test(row.column_type)) return value;
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "''")}'`;
}

type KeyConstraints = Pick<TableInfo, 'primaryKey' | 'foreignKeys' | 'uniqueConstraints'>;

function keyConstraints(rows: readonly KeyRow[], database: string): KeyConstraints {
  const result: KeyConstraints = { primaryKey: null, foreignKeys: [], uniqueConstraints: [] };
  for (const [, parts] of groupBy(rows, (k) => `${k.constraint_type}\u0000${k.constraint_name}`)) {
    const first = parts[0];
    if (!first) continue;
    const columns = parts.map((p) => p.column_name);
    if (first.constraint_type === 'PRIMARY KEY') {
      result.primaryKey = { name: null, columns };
    } else if (first.constraint_type === 'UNIQUE') {
      result.uniqueConstraints.push({ name: first.constraint_name, columns });
    } else {
      const referencedSchema = first.referenced_table_schema;
      const foreignKey: ForeignKeyInfo = {
        name: first.constraint_name,
        columns,
        // The database is the namespace: only a key pointing into another database names one.
        referencedTable: {
          schema: referencedSchema && referencedSchema !== database ? referencedSchema : null,
          name: first.referenced_table_name ?? '',
        },
        referencedColumns: parts.map((p) => p.referenced_column_name ?? ''),
        onDelete: ruleOf(first.delete_rule),
        onUpdate: ruleOf(first.update_rule),
      };
      result.foreignKeys.push(foreignKey);
    }
  }
  return result;
}

/** RESTRICT and NO ACTION are the same in MySQL (checked at once) and the default: reported as null. */
function ruleOf(rule: string | null): string | null {
  if (rule === null || rule === 'RESTRICT' || rule === 'NO ACTION') return null;
  return rule;
}

/** Indexes other than the primary key and those that are the unique constraints themselves. */
function secondaryIndexes(rows: readonly IndexRow[], uniqueConstraintNames: ReadonlySet<string>): IndexInfo[] {
  const indexes: IndexInfo[] = [];
  for (const [name, parts] of groupBy(rows, (i) => i.index_name)) {
    if (uniqueConstraintNames.has(name)) continue;
    indexes.push({
      name,
      // MySQL 8 functional key parts have no column name.
      columns: parts.map((p) => p.column_name ?? '(expression)'),
      unique: Number(parts[0]?.non_unique ?? 1) === 0,
    });
  }
  return indexes;
}

/** TABLE_ROWS is InnoDB's sampled estimate: counted exactly when it is small enough. */
async function countRows(
  session: DatabaseSession,
  table: TableRow,
  options: InspectOptions,
): Promise<{ value: number; exact: boolean }> {
  const estimate = Number(table.table_rows ?? 0);
  // MyISAM keeps the exact count in the table header: COUNT(*) costs nothing there.
  if (Number.isFinite(estimate) && estimate > options.exactCountLimit && table.engine?.toLowerCase() !== 'myisam')
    return { value: Math.max(0, Math.round(estimate)), exact: false };
  const rows = await session.query<{ n: unknown }>(
    `SELECT COUNT(*) AS n FROM ${session.dialect.quoteIdentifier(table.table_name)}`,
  );
  return { value: Number(rows[0]?.n ?? 0), exact: true };
}
