/**
 * Two comparisons a consultant needs before running: schema drift (the databases no longer match
 * what the plan was built against) and the diff between two saved versions of a plan.
 */
import { z } from 'zod';
import type { ColumnMapping, Plan, SchemaFingerprint, TableMapping } from './plan';

export const driftChangeSchema = z.object({
  kind: z.enum([
    'table-added',
    'table-removed',
    'column-added',
    'column-removed',
    'column-type-changed',
    'column-nullability-changed',
  ]),
  table: z.string(),
  column: z.string().optional(),
  before: z.string().optional(),
  after: z.string().optional(),
  message: z.string(),
});
export type DriftChange = z.infer<typeof driftChangeSchema>;

export const driftReportSchema = z.object({
  ok: z.boolean(),
  source: z.array(driftChangeSchema),
  target: z.array(driftChangeSchema),
});
export type DriftReport = z.infer<typeof driftReportSchema>;

function tableName(table: { schema: string | null; name: string }): string {
  return table.schema ? `${table.schema}.${table.name}` : table.name;
}

/** What changed from the recorded snapshot to the current one, tables and columns by name. */
export function compareFingerprints(recorded: SchemaFingerprint, current: SchemaFingerprint): DriftChange[] {
  const changes: DriftChange[] = [];
  const now = new Map(current.tables.map((t) => [tableName(t), t]));
  const then = new Map(recorded.tables.map((t) => [tableName(t), t]));
  for (const [name, before] of then) {
    const after = now.get(name);
    if (!after) {
      changes.push({ kind: 'table-removed', table: name, message: `Table ${name} no longer exists.` });
      continue;
    }
    const afterColumns = new Map(after.columns.map((c) => [c.name, c]));
    for (const column of before.columns) {
      const nowColumn = afterColumns.get(column.name);
      if (!nowColumn) {
        changes.push({
          kind: 'column-removed',
          table: name,
          column: column.name,
          message: `Column ${name}.${column.name} no longer exists.`,
        });
        continue;
      }
      if (nowColumn.type !== column.type)
        changes.push({
          kind: 'column-type-changed',
          table: name,
          column: column.name,
          before: column.type,
          after: nowColumn.type,
          message: `Column ${name}.${column.name} changed type from ${column.type} to ${nowColumn.type}.`,
        });
      if (nowColumn.nullable !== column.nullable)
        changes.push({
          kind: 'column-nullability-changed',
          table: name,
          column: column.name,
          before: column.nullable ? 'null' : 'not null',
          after: nowColumn.nullable ? 'null' : 'not null',
          message: `Column ${name}.${column.name} is now ${nowColumn.nullable ? 'nullable' : 'NOT NULL'}.`,
        });
    }
    const beforeNames = new Set(before.columns.map((c) => c.name));
    for (const column of after.columns)
      if (!beforeNames.has(column.name))
        changes.push({
          kind: 'column-added',
          table: name,
          column: column.name,
          after: column.type,
          message: `Column ${name}.${column.name} is new.`,
        });
  }
  for (const name of now.keys())
    if (!then.has(name)) changes.push({ kind: 'table-added', table: name, message: `Table ${name} is new.` });
  return changes;
}

export const planChangeSchema = z.object({
  kind: z.enum([
    'plan-changed',
    'table-added',
    'table-removed',
    'table-changed',
    'column-added',
    'column-removed',
    'column-changed',
  ]),
  table: z.string().optional(),
  column: z.string().optional(),
  field: z.string().optional(),
  before: z.string().optional(),
  after: z.string().optional(),
  message: z.string(),
});
export type PlanChange = z.infer<typeof planChangeSchema>;

function show(value: unknown): string {
  return value === undefined ? '(none)' : JSON.stringify(value);
}

const tableFields = [
  'source',
  'target',
  'createIfMissing',
  'keyColumns',
  'filter',
  'writeMode',
  'watermarkColumn',
] as const;
const columnFields = ['sources', 'transforms', 'defaultForNull', 'onError', 'targetType', 'review'] as const;

function compareFields<T>(
  before: T,
  after: T,
  fields: readonly (keyof T & string)[],
  where: { table: string; column?: string },
): PlanChange[] {
  const changes: PlanChange[] = [];
  for (const field of fields) {
    const a = show(before[field]);
    const b = show(after[field]);
    if (a === b) continue;
    const place = where.column ? `${where.table}.${where.column}` : where.table;
    changes.push({
      kind: where.column ? 'column-changed' : 'table-changed',
      ...where,
      field,
      before: a,
      after: b,
      message: `${place}: ${field} changed from ${a} to ${b}.`,
    });
  }
  return changes;
}

/** Every difference between two versions of a plan, in a stable order. */
export function diffPlans(before: Plan, after: Plan): PlanChange[] {
  const changes: PlanChange[] = [];
  if (before.name !== after.name)
    changes.push({
      kind: 'plan-changed',
      field: 'name',
      before: before.name,
      after: after.name,
      message: `The plan was renamed from ${before.name} to ${after.name}.`,
    });
  if (show(before.phases) !== show(after.phases))
    changes.push({
      kind: 'plan-changed',
      field: 'phases',
      before: show(before.phases),
      after: show(after.phases),
      message: 'The order of tables (phases) changed.',
    });
  const afterTables = new Map<string, TableMapping>(after.tables.map((t) => [t.id, t]));
  const beforeIds = new Set(before.tables.map((t) => t.id));
  for (const table of before.tables) {
    const next = afterTables.get(table.id);
    if (!next) {
      changes.push({ kind: 'table-removed', table: table.id, message: `Table mapping ${table.id} was removed.` });
      continue;
    }
    changes.push(...compareFields(table, next, tableFields, { table: table.id }));
    const nextColumns = new Map<string, ColumnMapping>(next.columns.map((c) => [c.target, c]));
    for (const column of table.columns) {
      const nextColumn = nextColumns.get(column.target);
      if (!nextColumn)
        changes.push({
          kind: 'column-removed',
          table: table.id,
          column: column.target,
          message: `${table.id}.${column.target} is no longer mapped.`,
        });
      else changes.push(...compareFields(column, nextColumn, columnFields, { table: table.id, column: column.target }));
    }
    const known = new Set(table.columns.map((c) => c.target));
    for (const column of next.columns)
      if (!known.has(column.target))
        changes.push({
          kind: 'column-added',
          table: table.id,
          column: column.target,
          message: `${table.id}.${column.target} is now mapped.`,
        });
  }
  for (const table of after.tables)
    if (!beforeIds.has(table.id))
      changes.push({ kind: 'table-added', table: table.id, message: `Table mapping ${table.id} was added.` });
  return changes;
}
