/** What inspection learns about a database: the same shape for every dialect. */
import { z } from 'zod';
import { dialectNameSchema } from './connection';
import { portableTypeSchema } from './portable-types';

export const columnInfoSchema = z.object({
  name: z.string(),
  /** 1-based position in the table. */
  ordinal: z.number().int(),
  /** The type as the database declares it, e.g. `NVARCHAR(120)` or `timestamp with time zone`. */
  nativeType: z.string(),
  portableType: portableTypeSchema,
  /** Why the portable type is an approximation, when it is (e.g. an unknown native type kept as text). */
  portableNote: z.string().optional(),
  nullable: z.boolean(),
  /** The default expression as the database reports it, or null. */
  defaultValue: z.string().nullable(),
  autoIncrement: z.boolean(),
});
export type ColumnInfo = z.infer<typeof columnInfoSchema>;

export const tableRefSchema = z.object({ schema: z.string().nullable(), name: z.string() });
export type TableRef = z.infer<typeof tableRefSchema>;

export const foreignKeySchema = z.object({
  name: z.string().nullable(),
  columns: z.array(z.string()),
  referencedTable: tableRefSchema,
  referencedColumns: z.array(z.string()),
  onDelete: z.string().nullable(),
  onUpdate: z.string().nullable(),
});
export type ForeignKeyInfo = z.infer<typeof foreignKeySchema>;

export const indexInfoSchema = z.object({
  name: z.string(),
  columns: z.array(z.string()),
  unique: z.boolean(),
});
export type IndexInfo = z.infer<typeof indexInfoSchema>;

export const rowCountSchema = z.object({
  value: z.number().int().min(0),
  /** False when the number is the catalogue's estimate (large tables), not a count. */
  exact: z.boolean(),
});
export type RowCount = z.infer<typeof rowCountSchema>;

export const tableInfoSchema = z.object({
  schema: z.string().nullable(),
  name: z.string(),
  kind: z.enum(['table', 'view']),
  columns: z.array(columnInfoSchema),
  primaryKey: z.object({ name: z.string().nullable(), columns: z.array(z.string()) }).nullable(),
  foreignKeys: z.array(foreignKeySchema),
  uniqueConstraints: z.array(z.object({ name: z.string().nullable(), columns: z.array(z.string()) })),
  /** Secondary indexes (not those that back the primary key). */
  indexes: z.array(indexInfoSchema),
  rowCount: rowCountSchema.nullable(),
});
export type TableInfo = z.infer<typeof tableInfoSchema>;

export const schemaInfoSchema = z.object({
  dialect: dialectNameSchema,
  serverVersion: z.string(),
  database: z.string(),
  /** The schemas inspected (SQLite: `main`). */
  schemas: z.array(z.string()),
  tables: z.array(tableInfoSchema),
  inspectedAt: z.string(),
});
export type SchemaInfo = z.infer<typeof schemaInfoSchema>;

/** `schema.table`, or just `table` where the dialect has no schemas. */
export function formatTableRef(ref: TableRef): string {
  return ref.schema ? `${ref.schema}.${ref.name}` : ref.name;
}
