/**
 * Reads SQL Server's catalogue views (sys.*) for the inspected schemas: one query per kind for all
 * tables at once (catalog-sql.ts), then an exact COUNT_BIG(*) for each table whose estimate is small.
 */
import { TallyError } from '../../../src-shared/errors';
import type { ColumnInfo, ForeignKeyInfo, IndexInfo, SchemaInfo, TableInfo } from '../../../src-shared/schema-info';
import type { DatabaseSession, InspectOptions } from '../dialect';
import {
  columnsSql,
  countSql,
  foreignKeysSql,
  formatMssqlNativeType,
  indexesSql,
  keyConstraintsSql,
  schemasSql,
  tablesSql,
} from './catalog-sql';
import { mssqlToPortable } from './types';

type TableRow = { schema_name: string; table_name: string; object_type: string; row_estimate: unknown };
export type MssqlColumnRow = {
  schema_name: string;
  table_name: string;
  column_name: string;
  type_name: string;
  alias_name: string | null;
  max_length: number;
  precision: number;
  scale: number;
  is_nullable: boolean;
  is_identity: boolean;
  is_computed: boolean;
  default_definition: string | null;
};
type KeyRow = {
  schema_name: string;
  table_name: string;
  constraint_name: string;
  constraint_type: string;
  column_name: string;
};
export type MssqlForeignKeyRow = {
  schema_name: string;
  table_name: string;
  constraint_name: string;
  column_name: string;
  referenced_schema: string;
  referenced_table: string;
  referenced_column: string;
  delete_rule: string;
  update_rule: string;
};
type IndexRow = {
  schema_name: string;
  table_name: string;
  index_name: string;
  is_unique: boolean;
  column_name: string;
};

const tableKey = (schema: string, table: string): string => `${schema}\u0000${table}`;

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

export async function inspectMssql(session: DatabaseSession, options: InspectOptions): Promise<SchemaInfo> {
  const schemas = await resolveSchemas(session, options);
  const [tableRows, columnRows, keyRows, foreignKeyRows, indexRows] = await Promise.all([
    session.query<TableRow>(tablesSql(schemas.length), schemas),
    session.query<MssqlColumnRow>(columnsSql(schemas.length), schemas),
    session.query<KeyRow>(keyConstraintsSql(schemas.length), schemas),
    session.query<MssqlForeignKeyRow>(foreignKeysSql(schemas.length), schemas),
    session.query<IndexRow>(indexesSql(schemas.length), schemas),
  ]);
  const columnsByTable = groupBy(columnRows, (c) => tableKey(c.schema_name, c.table_name));
  const keysByTable = groupBy(keyRows, (k) => tableKey(k.schema_name, k.table_name));
  const foreignKeysByTable = groupBy(foreignKeyRows, (k) => tableKey(k.schema_name, k.table_name));
  const indexesByTable = groupBy(indexRows, (i) => tableKey(i.schema_name, i.table_name));

  const tables: TableInfo[] = [];
  for (const row of tableRows) {
    const key = tableKey(row.schema_name, row.table_name);
    const kind = row.object_type.trim() === 'V' ? 'view' : 'table';
    const keys = keysByTable.get(key) ?? [];
    const primaryKey = keys.filter((k) => k.constraint_type.trim() === 'PK');
    tables.push({
      schema: row.schema_name,
      name: row.table_name,
      kind,
      columns: (columnsByTable.get(key) ?? []).map((c, index) => mssqlColumnInfo(c, index + 1)),
      primaryKey:
        primaryKey.length > 0
          ? { name: primaryKey[0]?.constraint_name ?? null, columns: primaryKey.map((k) => k.column_name) }
          : null,
      foreignKeys: mssqlForeignKeys(foreignKeysByTable.get(key) ?? []),
      uniqueConstraints: [
        ...groupBy(
          keys.filter((k) => k.constraint_type.trim() === 'UQ'),
          (k) => k.constraint_name,
        ),
      ].map(([name, parts]) => ({
        name,
        columns: parts.map((p) => p.column_name),
      })),
      indexes: [...groupBy(indexesByTable.get(key) ?? [], (i) => i.index_name)].map(([name, parts]): IndexInfo => ({
        name,
        columns: parts.map((p) => p.column_name),
        unique: Boolean(parts[0]?.is_unique),
      })),
      rowCount: kind === 'table' ? await countRows(session, row, options) : null,
    });
  }
  return {
    dialect: 'mssql',
    serverVersion: await session.serverVersion(),
    database: session.spec.dialect === 'mssql' ? session.spec.database : '',
    schemas,
    tables,
    inspectedAt: new Date().toISOString(),
  };
}

/** The schemas asked for (each must exist), the connection's own schema, or every user schema. */
async function resolveSchemas(session: DatabaseSession, options: InspectOptions): Promise<string[]> {
  const existing = (await session.query<{ schema_name: string }>(schemasSql)).map((row) => row.schema_name);
  const connectionSchema = session.spec.dialect === 'mssql' ? session.spec.schema : undefined;
  const wanted = options.schemas ?? (connectionSchema ? [connectionSchema] : undefined);
  if (!wanted) return existing;
  const missing = wanted.filter((name) => !existing.includes(name));
  if (missing.length > 0) {
    const database = session.spec.dialect === 'mssql' ? session.spec.database : '';
    throw new TallyError(
      'not-found',
      `The SQL Server database "${database}" has no schema ${missing.map((name) => `"${name}"`).join(', ')}.`,
    );
  }
  return [...wanted];
}

export function mssqlColumnInfo(row: MssqlColumnRow, ordinal: number): ColumnInfo {
  const nativeType = formatMssqlNativeType(row.type_name, row.max_length, row.precision, row.scale);
  const mapping = mssqlToPortable(nativeType);
  const notes = [row.alias_name ? `Alias type ${row.alias_name} over ${nativeType}.` : undefined, mapping.note].filter(
    Boolean,
  );
  const column: ColumnInfo = {
    name: row.column_name,
    ordinal,
    nativeType,
    portableType: mapping.type,
    nullable: Boolean(row.is_nullable),
    defaultValue: row.default_definition,
    autoIncrement: Boolean(row.is_identity),
  };
  if (notes.length > 0) column.portableNote = notes.join(' ');
  return column;
}

/** NO_ACTION is the default and reported as null; CASCADE, SET_NULL and SET_DEFAULT as SQL spells them. */
function ruleOf(rule: string): string | null {
  return rule === 'NO_ACTION' ? null : rule.replace(/_/g, ' ');
}

export function mssqlForeignKeys(rows: readonly MssqlForeignKeyRow[]): ForeignKeyInfo[] {
  return [...groupBy(rows, (r) => r.constraint_name)].map(([name, parts]) => {
    const first = parts[0];
    return {
      name,
      columns: parts.map((p) => p.column_name),
      referencedTable: { schema: first?.referenced_schema ?? null, name: first?.referenced_table ?? '' },
      referencedColumns: parts.map((p) => p.referenced_column),
      onDelete: ruleOf(first?.delete_rule ?? 'NO_ACTION'),
      onUpdate: ruleOf(first?.update_rule ?? 'NO_ACTION'),
    };
  });
}

/** sys.partitions counts are maintained by the engine but not transactionally: exact only when counted. */
async function countRows(
  session: DatabaseSession,
  table: TableRow,
  options: InspectOptions,
): Promise<{ value: number; exact: boolean }> {
  const estimate = Number(table.row_estimate ?? 0);
  if (Number.isFinite(estimate) && estimate > options.exactCountLimit)
    return { value: Math.round(estimate), exact: false };
  const rows = await session.query<{ n: unknown }>(
    countSql(session.dialect.quoteTable({ schema: table.schema_name, name: table.table_name })),
  );
  return { value: Number(rows[0]?.n ?? 0), exact: true };
}
