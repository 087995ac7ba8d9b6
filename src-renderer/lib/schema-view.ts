/** Derived views of an inspection result for the schema browser. Pure. */
import { formatTableRef, type SchemaInfo, type TableInfo, type TableRef } from '../../src-shared/schema-info';
import { formatPortableType } from '../../src-shared/portable-types';

export type ColumnRow = {
  ordinal: number;
  name: string;
  nativeType: string;
  portableType: string;
  portableNote: string | null;
  nullable: boolean;
  defaultValue: string | null;
  autoIncrement: boolean;
  primaryKey: boolean;
  /** `Album.AlbumId` for each foreign key the column takes part in. */
  references: readonly string[];
};

export function columnRows(table: TableInfo): ColumnRow[] {
  const pk = new Set(table.primaryKey?.columns ?? []);
  return table.columns.map((column) => {
    const references = table.foreignKeys.flatMap((fk) => {
      const index = fk.columns.indexOf(column.name);
      if (index < 0) return [];
      const target = fk.referencedColumns[index];
      return [
        target === undefined ? formatTableRef(fk.referencedTable) : `${formatTableRef(fk.referencedTable)}.${target}`,
      ];
    });
    return {
      ordinal: column.ordinal,
      name: column.name,
      nativeType: column.nativeType,
      portableType: formatPortableType(column.portableType),
      portableNote: column.portableNote ?? null,
      nullable: column.nullable,
      defaultValue: column.defaultValue,
      autoIncrement: column.autoIncrement,
      primaryKey: pk.has(column.name),
      references,
    };
  });
}

/**
 * Whether a foreign key's reference names this table. SQLite reports no schema on one side and
 * `main` on the other, so a missing schema matches any.
 */
export function refersTo(ref: TableRef, table: TableInfo): boolean {
  if (ref.name !== table.name) return false;
  return ref.schema === null || table.schema === null || ref.schema === table.schema;
}

export function findTable(info: SchemaInfo, ref: TableRef): TableInfo | undefined {
  return info.tables.find((table) => refersTo(ref, table));
}

export type Neighbour = {
  /** `formatTableRef` of the other table, used to select it. */
  key: string;
  label: string;
  /** e.g. `AlbumId → AlbumId`. */
  via: string;
  /** False when the other table is not in the inspected schemas. */
  present: boolean;
};

function pairs(from: readonly string[], to: readonly string[]): string {
  return from.map((column, index) => `${column} → ${to[index] ?? '?'}`).join(', ');
}

/** The tables this table references. */
export function referencedTables(info: SchemaInfo, table: TableInfo): Neighbour[] {
  return table.foreignKeys.map((fk) => {
    const other = findTable(info, fk.referencedTable);
    const key = other ? formatTableRef(other) : formatTableRef(fk.referencedTable);
    return { key, label: key, via: pairs(fk.columns, fk.referencedColumns), present: other !== undefined };
  });
}

/** The tables whose foreign keys reference this table. */
export function referencingTables(info: SchemaInfo, table: TableInfo): Neighbour[] {
  return info.tables.flatMap((other) =>
    other.foreignKeys
      .filter((fk) => refersTo(fk.referencedTable, table))
      .map((fk) => ({
        key: formatTableRef(other),
        label: formatTableRef(other),
        via: pairs(fk.columns, fk.referencedColumns),
        present: true,
      })),
  );
}

export function matchesFilter(table: TableInfo, filter: string): boolean {
  const needle = filter.trim().toLowerCase();
  return needle === '' || formatTableRef(table).toLowerCase().includes(needle);
}
