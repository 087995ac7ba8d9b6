/** Reads SQLite's catalogue through its pragma table-valued functions (names bound, never spliced). */
import type { ColumnInfo, SchemaInfo, TableInfo } from '../../../src-shared/schema-info';
import type { DatabaseSession, InspectOptions } from '../dialect';
import { sqliteToPortable } from './types';

type TableListRow = { name: string; type: string };
type ColumnRow = {
  cid: number;
  name: string;
  type: string;
  notnull: number;
  dflt_value: string | null;
  pk: number;
  hidden: number;
};
type ForeignKeyRow = {
  id: number;
  seq: number;
  table: string;
  from: string;
  to: string | null;
  on_update: string;
  on_delete: string;
};
type IndexListRow = { name: string; unique: number; origin: string };
type IndexInfoRow = { seqno: number; name: string | null };

export async function inspectSqlite(session: DatabaseSession, options: InspectOptions): Promise<SchemaInfo> {
  const tableRows = await session.query<TableListRow>(
    `SELECT name, type FROM pragma_table_list WHERE schema = 'main' AND type IN ('table', 'view')
       AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
  );
  const statRows = await readStatEstimates(session);
  const tables: TableInfo[] = [];
  for (const row of tableRows) tables.push(await inspectTable(session, row, statRows, options));
  // A foreign key that omits the parent's columns refers to the parent's primary key.
  for (const table of tables) {
    for (const fk of table.foreignKeys) {
      if (fk.referencedColumns.length > 0) continue;
      const parent = tables.find((t) => t.name === fk.referencedTable.name);
      fk.referencedColumns = parent?.primaryKey?.columns.slice() ?? [];
    }
  }
  return {
    dialect: 'sqlite',
    serverVersion: await session.serverVersion(),
    database: session.spec.dialect === 'sqlite' ? session.spec.file : '',
    schemas: ['main'],
    tables,
    inspectedAt: new Date().toISOString(),
  };
}

async function inspectTable(
  session: DatabaseSession,
  row: TableListRow,
  statEstimates: Map<string, number>,
  options: InspectOptions,
): Promise<TableInfo> {
  const kind = row.type === 'view' ? 'view' : 'table';
  const columnRows = await session.query<ColumnRow>('SELECT * FROM pragma_table_xinfo(?) ORDER BY cid', [row.name]);
  const visible = columnRows.filter((c) => c.hidden === 0 || c.hidden === 2 || c.hidden === 3);
  const pkColumns = visible
    .filter((c) => c.pk > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const createSql = kind === 'table' ? await tableSql(session, row.name) : '';
  const hasAutoincrement = /\bautoincrement\b/i.test(createSql);

  const columns: ColumnInfo[] = visible.map((c, index) => {
    const mapping = sqliteToPortable(c.type);
    // A lone INTEGER PRIMARY KEY is the rowid: SQLite assigns it when none is given.
    const isRowid = pkColumns.length === 1 && c.pk === 1 && c.type.trim().toUpperCase() === 'INTEGER';
    const column: ColumnInfo = {
      name: c.name,
      ordinal: index + 1,
      nativeType: c.type,
      portableType: mapping.type,
      nullable: c.notnull === 0 && !isRowid,
      defaultValue: c.dflt_value,
      autoIncrement: isRowid || (hasAutoincrement && c.pk === 1),
    };
    if (mapping.note) column.portableNote = mapping.note;
    return column;
  });

  const foreignKeys: TableInfo['foreignKeys'] = [];
  const uniqueConstraints: TableInfo['uniqueConstraints'] = [];
  const indexes: TableInfo['indexes'] = [];
  if (kind === 'table') {
    const fkRows = await session.query<ForeignKeyRow>(
      'SELECT * FROM pragma_foreign_key_list(?) ORDER BY id DESC, seq',
      [row.name],
    );
    const byId = new Map<number, ForeignKeyRow[]>();
    for (const fk of fkRows) byId.set(fk.id, [...(byId.get(fk.id) ?? []), fk]);
    for (const parts of byId.values()) {
      const first = parts[0];
      if (!first) continue;
      foreignKeys.push({
        name: null,
        columns: parts.map((p) => p.from),
        referencedTable: { schema: null, name: first.table },
        referencedColumns: parts.every((p) => p.to !== null) ? parts.map((p) => p.to ?? '') : [],
        onDelete: first.on_delete === 'NO ACTION' ? null : first.on_delete,
        onUpdate: first.on_update === 'NO ACTION' ? null : first.on_update,
      });
    }
    const indexRows = await session.query<IndexListRow>(
      'SELECT name, "unique", origin FROM pragma_index_list(?) ORDER BY seq DESC',
      [row.name],
    );
    for (const index of indexRows) {
      if (index.origin === 'pk') continue;
      const info = await session.query<IndexInfoRow>('SELECT seqno, name FROM pragma_index_info(?) ORDER BY seqno', [
        index.name,
      ]);
      const indexColumns = info.map((i) => i.name ?? '(expression)');
      if (index.origin === 'u') uniqueConstraints.push({ name: null, columns: indexColumns });
      else indexes.push({ name: index.name, columns: indexColumns, unique: index.unique === 1 });
    }
  }

  return {
    schema: null,
    name: row.name,
    kind,
    columns,
    primaryKey: pkColumns.length > 0 ? { name: null, columns: pkColumns } : null,
    foreignKeys,
    uniqueConstraints,
    indexes,
    rowCount: kind === 'table' ? await countRows(session, row.name, statEstimates, options) : null,
  };
}

async function tableSql(session: DatabaseSession, name: string): Promise<string> {
  const rows = await session.query<{ sql: string | null }>(
    `SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?`,
    [name],
  );
  return rows[0]?.sql ?? '';
}

/** sqlite_stat1 holds ANALYZE's row counts; it exists only where someone ran ANALYZE. */
async function readStatEstimates(session: DatabaseSession): Promise<Map<string, number>> {
  const estimates = new Map<string, number>();
  const exists = await session.query(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'sqlite_stat1'`);
  if (exists.length === 0) return estimates;
  const rows = await session.query<{ tbl: string; stat: string }>('SELECT tbl, stat FROM sqlite_stat1');
  for (const row of rows) {
    const count = Number(row.stat.split(' ')[0]);
    if (Number.isFinite(count)) estimates.set(row.tbl, Math.max(count, estimates.get(row.tbl) ?? 0));
  }
  return estimates;
}

async function countRows(
  session: DatabaseSession,
  table: string,
  statEstimates: Map<string, number>,
  options: InspectOptions,
): Promise<{ value: number; exact: boolean }> {
  const estimate = statEstimates.get(table);
  if (estimate !== undefined && estimate > options.exactCountLimit) return { value: estimate, exact: false };
  const rows = await session.query<{ n: number }>(
    `SELECT count(*) AS n FROM ${session.dialect.quoteIdentifier(table)}`,
  );
  return { value: Number(rows[0]?.n ?? 0), exact: true };
}
