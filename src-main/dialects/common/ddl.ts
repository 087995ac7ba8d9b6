/**
 * CREATE TABLE / CREATE INDEX / ADD FOREIGN KEY text from a plan's target table definition,
 * written once in standard SQL; each dialect supplies only what differs (key column types,
 * whether foreign keys can be added after the table exists, literals).
 */
import type { TargetTable } from '../../../src-shared/plan';
import type { PortableType } from '../../../src-shared/portable-types';
import type { TableRef } from '../../../src-shared/schema-info';
import type { Dialect, TableDdl } from '../dialect';

export type DdlHooks = {
  /** A different native type for a column that is part of a key or index (e.g. MySQL cannot index LONGTEXT). */
  keyColumnType?(type: PortableType): string | undefined;
  /** SQLite cannot ALTER TABLE … ADD FOREIGN KEY: its keys go inside CREATE TABLE. */
  inlineForeignKeys: boolean;
  booleanLiteral?(value: boolean): string;
  /** The longest identifier the dialect accepts (PostgreSQL 63, MySQL 64, SQL Server 128). */
  maxIdentifierLength: number;
};

function literal(value: string | number | boolean, hooks: DdlHooks): string {
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'NULL';
  if (typeof value === 'boolean') return hooks.booleanLiteral ? hooks.booleanLiteral(value) : value ? 'TRUE' : 'FALSE';
  return `'${value.replace(/'/g, "''")}'`;
}

/** A constraint name that fits the dialect's limit and stays unique by a short hash of the full name. */
export function constraintName(parts: readonly string[], maxLength: number): string {
  const full = parts.join('_').replace(/[^\p{L}\p{N}_]+/gu, '_');
  if (full.length <= maxLength) return full;
  let hash = 0;
  for (const ch of full) hash = (Math.imul(hash, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  const suffix = `_${hash.toString(36)}`;
  return full.slice(0, maxLength - suffix.length) + suffix;
}

export function buildTableDdl(dialect: Dialect, ref: TableRef, definition: TargetTable, hooks: DdlHooks): TableDdl {
  const q = (name: string): string => dialect.quoteIdentifier(name);
  const list = (names: readonly string[]): string => names.map(q).join(', ');
  const table = dialect.quoteTable(ref);
  const keyed = new Set<string>([
    ...definition.primaryKey,
    ...definition.uniqueConstraints.flatMap((u) => u.columns),
    ...definition.indexes.flatMap((i) => i.columns),
    ...definition.foreignKeys.flatMap((f) => f.columns),
  ]);

  const lines = definition.columns.map((column) => {
    const native = (keyed.has(column.name) && hooks.keyColumnType?.(column.type)) || dialect.nativeTypeFor(column.type);
    const nullability = column.nullable ? '' : ' NOT NULL';
    const fallback = column.defaultValue === undefined ? '' : ` DEFAULT ${literal(column.defaultValue, hooks)}`;
    return `${q(column.name)} ${native}${fallback}${nullability}`;
  });
  if (definition.primaryKey.length > 0)
    lines.push(
      `CONSTRAINT ${q(constraintName(['pk', ref.name], hooks.maxIdentifierLength))} PRIMARY KEY (${list(definition.primaryKey)})`,
    );
  for (const unique of definition.uniqueConstraints) {
    const name = unique.name ?? constraintName(['uq', ref.name, ...unique.columns], hooks.maxIdentifierLength);
    lines.push(`CONSTRAINT ${q(name)} UNIQUE (${list(unique.columns)})`);
  }

  const foreignKeyClause = (fk: TargetTable['foreignKeys'][number]): string => {
    const name = fk.name ?? constraintName(['fk', ref.name, ...fk.columns], hooks.maxIdentifierLength);
    const deferrable = fk.deferred && hooks.inlineForeignKeys ? ' DEFERRABLE INITIALLY DEFERRED' : '';
    return `CONSTRAINT ${q(name)} FOREIGN KEY (${list(fk.columns)}) REFERENCES ${dialect.quoteTable(fk.referencedTable)} (${list(fk.referencedColumns)})${deferrable}`;
  };
  if (hooks.inlineForeignKeys) for (const fk of definition.foreignKeys) lines.push(foreignKeyClause(fk));

  const createTable = [`CREATE TABLE ${table} (\n  ${lines.join(',\n  ')}\n)`];
  const indexes = definition.indexes.map(
    (index) => `CREATE ${index.unique ? 'UNIQUE ' : ''}INDEX ${q(index.name)} ON ${table} (${list(index.columns)})`,
  );
  const foreignKeys = hooks.inlineForeignKeys
    ? []
    : definition.foreignKeys.map((fk) => `ALTER TABLE ${table} ADD ${foreignKeyClause(fk)}`);
  return { createTable, indexes, foreignKeys };
}
