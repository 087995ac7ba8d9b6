/**
 * The foreign keys a profile checks for orphans: the declared ones, and likely ones found by name
 * (`product_id`, `ProductId` → the primary key of `products`/`Product`) between columns of
 * compatible types. A likely key is only reported when most of its values do exist in the
 * referenced key (see the engine); the name alone is a guess.
 */
import type { ProfileKind } from '../../src-shared/profile';
import { formatTableRef, type SchemaInfo, type TableInfo } from '../../src-shared/schema-info';
import { profileKindOf } from './columns';

export type KeyToCheck = {
  columns: string[];
  referencedTable: TableInfo;
  referencedColumns: string[];
  declared: boolean;
};

const normalize = (name: string): string => name.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

/** Table names a stem may refer to: product → product, products, productes; category → categories. */
function nameMatches(stem: string, tableName: string): boolean {
  const table = normalize(tableName);
  return (
    table === stem ||
    table === `${stem}s` ||
    table === `${stem}es` ||
    (stem.endsWith('y') && table === `${stem.slice(0, -1)}ies`)
  );
}

function family(kind: ProfileKind): string {
  return kind === 'integer' || kind === 'decimal' ? 'number' : kind === 'uuid' ? 'uuid' : kind;
}

function sameTable(a: TableInfo, b: TableInfo): boolean {
  return a.schema === b.schema && a.name === b.name;
}

/** The referenced column a likely key points at: the table's one-column primary key. */
function singleKeyOf(table: TableInfo): string | null {
  const [only, ...rest] = table.primaryKey?.columns ?? [];
  return only !== undefined && rest.length === 0 ? only : null;
}

export function keysToCheck(table: TableInfo, schema: SchemaInfo): KeyToCheck[] {
  const find = (ref: { schema: string | null; name: string }): TableInfo | undefined =>
    schema.tables.find((t) => t.name === ref.name && (ref.schema === null || t.schema === ref.schema)) ??
    schema.tables.find((t) => formatTableRef(t) === formatTableRef(ref));
  const keys: KeyToCheck[] = [];
  for (const fk of table.foreignKeys) {
    const referenced = find(fk.referencedTable);
    if (!referenced) continue;
    keys.push({
      columns: fk.columns,
      referencedTable: referenced,
      referencedColumns: fk.referencedColumns,
      declared: true,
    });
  }
  const inDeclared = new Set(table.foreignKeys.flatMap((fk) => fk.columns));
  const ownKey = singleKeyOf(table);
  for (const column of table.columns) {
    if (inDeclared.has(column.name) || column.name === ownKey) continue;
    const match = /^(.+?)[_ ]?id$/i.exec(column.name);
    const stem = match?.[1] ? normalize(match[1]) : '';
    if (!stem) continue;
    const candidates = schema.tables
      .filter((t) => t.kind === 'table' && nameMatches(stem, t.name))
      // The same schema first, then the others.
      .sort((a, b) => Number(b.schema === table.schema) - Number(a.schema === table.schema));
    for (const candidate of candidates) {
      const keyName = singleKeyOf(candidate);
      const key = candidate.columns.find((c) => c.name === keyName);
      if (!key || (sameTable(candidate, table) && key.name === column.name)) continue;
      if (family(profileKindOf(key.portableType)) !== family(profileKindOf(column.portableType))) continue;
      keys.push({ columns: [column.name], referencedTable: candidate, referencedColumns: [key.name], declared: false });
      break;
    }
  }
  return keys;
}
