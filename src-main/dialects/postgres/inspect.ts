/**
 * Reads PostgreSQL's catalogue through pg_catalog (information_schema is slow and hides objects
 * the user does not own). One query per kind of object for all tables at once; only exact row
 * counts are per table. Needs PostgreSQL 12 or later (pg_partition_tree, conparentid, indnkeyatts).
 */
import { TallyError } from '../../../src-shared/errors';
import type {
  ColumnInfo,
  ForeignKeyInfo,
  IndexInfo,
  RowCount,
  SchemaInfo,
  TableInfo,
} from '../../../src-shared/schema-info';
import type { DatabaseSession, InspectOptions } from '../dialect';
import { postgresToPortable } from './types';

/** A never-analyzed table above this size gets an estimate instead of a count(*) (see countRows). */
const bigTableBytes = 100 * 1024 * 1024;

/** Relations of the inspected schemas; partitions are left out, their parent stands for them. */
const relationFilter = `c.relkind IN ('r', 'p', 'v', 'm') AND NOT c.relispartition AND n.nspname = ANY(?::text[])`;

type RelationRow = {
  table_oid: string;
  schema_name: string;
  table_name: string;
  relkind: string;
  reltuples: number;
  size_bytes: string;
  /** The statistics collector's running count of live rows (inserts minus deletes); 0 after a stats reset. */
  live_tuples: string;
};
type ColumnRow = {
  table_oid: string;
  column_name: string;
  native_type: string;
  not_null: boolean;
  default_value: string | null;
  identity: string;
  type_kind: string;
  domain_base: string | null;
};
type ConstraintRow = {
  table_oid: string;
  constraint_name: string;
  kind: 'p' | 'u' | 'f';
  columns: string[];
  referenced_schema: string | null;
  referenced_table: string | null;
  referenced_columns: string[];
  on_delete: string;
  on_update: string;
};
type IndexRow = { table_oid: string; index_name: string; is_unique: boolean; columns: string[] };

export async function inspectPostgres(session: DatabaseSession, options: InspectOptions): Promise<SchemaInfo> {
  const databaseRows = await session.query<{ database: string }>('SELECT current_database() AS database');
  const database = databaseRows[0]?.database ?? '';
  const schemas = await resolveSchemas(session, database, options);

  const relations = await session.query<RelationRow>(
    `SELECT c.oid::int8 AS table_oid, n.nspname AS schema_name, c.relname AS table_name, c.relkind::text AS relkind,
            CASE WHEN c.relkind = 'p' THEN
              -- A partitioned table keeps no statistics of its own: add up its leaf partitions.
              (SELECT CASE WHEN bool_or(leaf.reltuples < 0) THEN -1 ELSE coalesce(sum(leaf.reltuples), 0) END
                 FROM pg_catalog.pg_partition_tree(c.oid) tree JOIN pg_catalog.pg_class leaf ON leaf.oid = tree.relid
                WHERE tree.isleaf)
            ELSE c.reltuples END::float8 AS reltuples,
            CASE WHEN c.relkind = 'p' THEN
              (SELECT coalesce(sum(pg_catalog.pg_relation_size(tree.relid)), 0) FROM pg_catalog.pg_partition_tree(c.oid) tree WHERE tree.isleaf)
            ELSE pg_catalog.pg_relation_size(c.oid) END::int8 AS size_bytes,
            pg_catalog.pg_stat_get_live_tuples(c.oid) AS live_tuples
       FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE ${relationFilter}
      ORDER BY n.nspname, c.relname`,
    [schemas],
  );

  const columnRows = await session.query<ColumnRow>(
    `SELECT a.attrelid::int8 AS table_oid, a.attname AS column_name,
            pg_catalog.format_type(a.atttypid, a.atttypmod) AS native_type,
            a.attnotnull AS not_null,
            pg_catalog.pg_get_expr(d.adbin, d.adrelid) AS default_value,
            a.attidentity::text AS identity,
            t.typtype::text AS type_kind,
            CASE WHEN t.typtype = 'd' THEN pg_catalog.format_type(t.typbasetype, t.typtypmod) END AS domain_base
       FROM pg_catalog.pg_attribute a
       JOIN pg_catalog.pg_class c ON c.oid = a.attrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attnum > 0 AND NOT a.attisdropped AND ${relationFilter}
      ORDER BY a.attrelid, a.attnum`,
    [schemas],
  );

  // WITH ORDINALITY keeps composite keys in declared order; conparentid = 0 drops the copies
  // PostgreSQL makes of a foreign key for each partition of the referenced table.
  const constraintRows = await session.query<ConstraintRow>(
    `SELECT con.conrelid::int8 AS table_oid, con.conname AS constraint_name, con.contype::text AS kind,
            ARRAY(SELECT a.attname FROM unnest(con.conkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum
                   ORDER BY k.n)::text[] AS columns,
            rn.nspname AS referenced_schema, rc.relname AS referenced_table,
            ARRAY(SELECT a.attname FROM unnest(con.confkey) WITH ORDINALITY AS k(attnum, n)
                    JOIN pg_catalog.pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum
                   ORDER BY k.n)::text[] AS referenced_columns,
            con.confdeltype::text AS on_delete, con.confupdtype::text AS on_update
       FROM pg_catalog.pg_constraint con
       JOIN pg_catalog.pg_class c ON c.oid = con.conrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
       LEFT JOIN pg_catalog.pg_class rc ON rc.oid = con.confrelid
       LEFT JOIN pg_catalog.pg_namespace rn ON rn.oid = rc.relnamespace
      WHERE con.contype IN ('p', 'u', 'f') AND con.conparentid = 0 AND ${relationFilter}
      ORDER BY con.conrelid, con.contype, con.conname`,
    [schemas],
  );

  // Key columns only (INCLUDE columns are payload); an expression column has attnum 0.
  const indexRows = await session.query<IndexRow>(
    `SELECT i.indrelid::int8 AS table_oid, ic.relname AS index_name, i.indisunique AS is_unique,
            ARRAY(SELECT CASE WHEN i.indkey[k.n - 1] <> 0
                              THEN (SELECT a.attname FROM pg_catalog.pg_attribute a
                                     WHERE a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n - 1])::text
                              -- pg_get_indexdef parenthesises every expression but a bare function call.
                              WHEN left(e.def, 1) = '(' THEN e.def
                              ELSE '(' || e.def || ')' END
                    FROM generate_series(1, i.indnkeyatts) AS k(n)
                   CROSS JOIN LATERAL (SELECT pg_catalog.pg_get_indexdef(i.indexrelid, k.n, true) AS def) e
                   ORDER BY k.n)::text[] AS columns
       FROM pg_catalog.pg_index i
       JOIN pg_catalog.pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_catalog.pg_class c ON c.oid = i.indrelid
       JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
      WHERE NOT EXISTS (SELECT 1 FROM pg_catalog.pg_constraint con
                         WHERE con.conrelid = i.indrelid AND con.conindid = i.indexrelid AND con.contype IN ('p', 'u', 'x'))
        AND NOT i.indisprimary AND ${relationFilter}
      ORDER BY i.indrelid, ic.relname`,
    [schemas],
  );

  const columnsByTable = groupBy(columnRows, (row) => row.table_oid);
  const constraintsByTable = groupBy(constraintRows, (row) => row.table_oid);
  const indexesByTable = groupBy(indexRows, (row) => row.table_oid);

  const tables: TableInfo[] = [];
  for (const relation of relations) {
    const kind = relation.relkind === 'v' || relation.relkind === 'm' ? 'view' : 'table';
    const constraints = constraintsByTable.get(relation.table_oid) ?? [];
    const primaryKey = constraints.find((c) => c.kind === 'p');
    tables.push({
      schema: relation.schema_name,
      name: relation.table_name,
      kind,
      columns: (columnsByTable.get(relation.table_oid) ?? []).map(toColumnInfo),
      primaryKey: primaryKey ? { name: primaryKey.constraint_name, columns: primaryKey.columns } : null,
      foreignKeys: constraints.filter((c) => c.kind === 'f').map(toForeignKey),
      uniqueConstraints: constraints
        .filter((c) => c.kind === 'u')
        .map((c) => ({ name: c.constraint_name, columns: c.columns })),
      indexes: (indexesByTable.get(relation.table_oid) ?? []).map(toIndexInfo),
      rowCount: kind === 'table' ? await countRows(session, relation, options) : null,
    });
  }

  return {
    dialect: 'postgres',
    serverVersion: await session.serverVersion(),
    database,
    schemas,
    tables,
    inspectedAt: new Date().toISOString(),
  };
}

/** The schemas asked for (each must exist), the connection's own schema, or every user schema. */
async function resolveSchemas(session: DatabaseSession, database: string, options: InspectOptions): Promise<string[]> {
  const rows = await session.query<{ schema_name: string }>(
    // Names starting with pg_ are reserved for the system (pg_catalog, pg_toast, pg_temp_N…).
    `SELECT nspname AS schema_name FROM pg_catalog.pg_namespace
      WHERE nspname NOT LIKE 'pg\\_%' AND nspname <> 'information_schema' ORDER BY nspname`,
  );
  const existing = rows.map((row) => row.schema_name);
  const connectionSchema = session.spec.dialect === 'postgres' ? session.spec.schema : undefined;
  const wanted = options.schemas ?? (connectionSchema ? [connectionSchema] : undefined);
  if (!wanted) return existing;
  const missing = wanted.filter((name) => !existing.includes(name));
  if (missing.length > 0)
    throw new TallyError(
      'not-found',
      `The PostgreSQL database "${database}" has no schema ${missing.map((name) => `"${name}"`).join(', ')}.`,
    );
  return [...wanted];
}

function toColumnInfo(row: ColumnRow, index: number): ColumnInfo {
  const mapping = postgresToPortable(row.native_type);
  // An enum or domain prints as its own name: say what it is rather than "not a built-in type".
  let note = mapping.note;
  if (row.type_kind === 'e') note = `"${row.native_type}" is an enum; its labels are kept as text.`;
  else if (row.type_kind === 'd')
    note = `"${row.native_type}" is a domain over ${row.domain_base ?? 'another type'}; it is kept as its text form.`;
  const column: ColumnInfo = {
    name: row.column_name,
    ordinal: index + 1,
    nativeType: row.native_type,
    portableType: mapping.type,
    nullable: !row.not_null,
    defaultValue: row.default_value,
    // Identity columns (GENERATED … AS IDENTITY) and serials (a nextval default) number themselves.
    autoIncrement: row.identity === 'a' || row.identity === 'd' || /^nextval\(/i.test(row.default_value ?? ''),
  };
  if (note) column.portableNote = note;
  return column;
}

const referentialActions: Record<string, string | null> = {
  a: null,
  r: 'RESTRICT',
  c: 'CASCADE',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

function toForeignKey(row: ConstraintRow): ForeignKeyInfo {
  return {
    name: row.constraint_name,
    columns: row.columns,
    referencedTable: { schema: row.referenced_schema, name: row.referenced_table ?? '' },
    referencedColumns: row.referenced_columns,
    onDelete: referentialActions[row.on_delete] ?? null,
    onUpdate: referentialActions[row.on_update] ?? null,
  };
}

function toIndexInfo(row: IndexRow): IndexInfo {
  return { name: row.index_name, columns: row.columns, unique: row.is_unique };
}

async function countRows(session: DatabaseSession, relation: RelationRow, options: InspectOptions): Promise<RowCount> {
  const estimate = relation.reltuples;
  const quoted = session.dialect.quoteTable({ schema: relation.schema_name, name: relation.table_name });
  if (estimate > options.exactCountLimit) return { value: Math.round(estimate), exact: false };
  // reltuples is -1 until the first VACUUM or ANALYZE, and counting a big table would be slow.
  // The statistics collector's live-row count is then the better estimate; after a stats reset it
  // is 0, and the planner's guess from the file's size and assumed column widths is what is left.
  if (estimate < 0 && Number(relation.size_bytes) > bigTableBytes) {
    const liveTuples = Number(relation.live_tuples);
    if (liveTuples > 0) return { value: liveTuples, exact: false };
    const plan = await session.query<{ 'QUERY PLAN': unknown }>(`EXPLAIN (FORMAT JSON) SELECT 1 FROM ${quoted}`);
    return { value: Math.round(planRows(plan[0]?.['QUERY PLAN'])), exact: false };
  }
  const rows = await session.query<{ n: string | number }>(`SELECT count(*) AS n FROM ${quoted}`);
  return { value: Number(rows[0]?.n ?? 0), exact: true };
}

function planRows(queryPlan: unknown): number {
  const top: unknown = Array.isArray(queryPlan) ? queryPlan[0] : undefined;
  const plan = (top as { Plan?: { 'Plan Rows'?: unknown } } | undefined)?.Plan;
  const rows = Number(plan?.['Plan Rows']);
  return Number.isFinite(rows) && rows > 0 ? rows : 0;
}

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
