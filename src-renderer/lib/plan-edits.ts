/**
 * Edits of a plan as pure functions: each returns a new plan and leaves the one it was given
 * untouched, so the editor's undo history can keep every state as it was.
 */
import type { ColumnMapping, Plan, ReviewStatus, TableMapping } from '../../src-shared/plan';
import type { PortableType } from '../../src-shared/portable-types';
import type { TransformStep } from '../../src-shared/transforms/transform';

export type DefaultValue = NonNullable<ColumnMapping['defaultForNull']>;

export function findTable(plan: Plan, tableId: string): TableMapping | undefined {
  return plan.tables.find((table) => table.id === tableId);
}

export function findColumn(plan: Plan, tableId: string, target: string): ColumnMapping | undefined {
  return findTable(plan, tableId)?.columns.find((column) => column.target === target);
}

export function updateTable(plan: Plan, tableId: string, change: (table: TableMapping) => TableMapping): Plan {
  return { ...plan, tables: plan.tables.map((table) => (table.id === tableId ? change(table) : table)) };
}

/** Applies `change` to the named target columns of one table. */
export function updateColumns(
  plan: Plan,
  tableId: string,
  targets: readonly string[],
  change: (column: ColumnMapping) => ColumnMapping,
): Plan {
  const wanted = new Set(targets);
  return updateTable(plan, tableId, (table) => ({
    ...table,
    columns: table.columns.map((column) => (wanted.has(column.target) ? change(column) : column)),
  }));
}

/** A choice made by hand replaces the auto-mapper's reason. */
const manual = { method: 'manual', score: 1, reason: 'Chosen by hand.' } as const;

export function setSources(column: ColumnMapping, sources: readonly string[]): ColumnMapping {
  return { ...column, sources: [...sources], match: { ...manual } };
}

export function setTransforms(column: ColumnMapping, transforms: readonly TransformStep[]): ColumnMapping {
  return { ...column, transforms: transforms.map((step) => ({ name: step.name, params: { ...step.params } })) };
}

export function addStep(column: ColumnMapping, step: TransformStep, at = column.transforms.length): ColumnMapping {
  const transforms = [...column.transforms];
  transforms.splice(at, 0, { name: step.name, params: { ...step.params } });
  return { ...column, transforms };
}

export function removeStep(column: ColumnMapping, index: number): ColumnMapping {
  return { ...column, transforms: column.transforms.filter((_, i) => i !== index) };
}

/** Moves a step one place up (-1) or down (+1); out-of-range moves change nothing. */
export function moveStep(column: ColumnMapping, index: number, by: -1 | 1): ColumnMapping {
  const to = index + by;
  const step = column.transforms[index];
  const other = column.transforms[to];
  if (!step || !other) return column;
  const transforms = [...column.transforms];
  transforms[index] = other;
  transforms[to] = step;
  return { ...column, transforms };
}

export function replaceStep(column: ColumnMapping, index: number, step: TransformStep): ColumnMapping {
  if (index < 0 || index >= column.transforms.length) return column;
  return {
    ...column,
    transforms: column.transforms.map((current, i) =>
      i === index ? { name: step.name, params: { ...step.params } } : current,
    ),
  };
}

export function setDefault(column: ColumnMapping, value: DefaultValue | undefined): ColumnMapping {
  const next: ColumnMapping = { ...column };
  if (value === undefined) delete next.defaultForNull;
  else next.defaultForNull = value;
  return next;
}

export function setOnError(column: ColumnMapping, onError: ColumnMapping['onError']): ColumnMapping {
  return { ...column, onError };
}

export type ReviewChange = { status?: ReviewStatus; owner?: string; comment?: string };

/** An empty owner or comment is removed rather than kept as ''. */
export function setReview(column: ColumnMapping, change: ReviewChange): ColumnMapping {
  const review = { ...column.review };
  if (change.status !== undefined) review.status = change.status;
  for (const key of ['owner', 'comment'] as const) {
    const value = change[key];
    if (value === undefined) continue;
    const trimmed = value.trim();
    if (trimmed === '') delete review[key];
    else review[key] = trimmed;
  }
  return { ...column, review };
}

/** "Clear": the column is filled by nothing until someone decides. */
export function clearMapping(column: ColumnMapping): ColumnMapping {
  const next: ColumnMapping = {
    ...column,
    sources: [],
    transforms: [],
    onError: 'reject',
    match: { method: 'none', score: 0, reason: 'Cleared by hand.' },
    review: { ...column.review, status: 'needs-decision' },
  };
  delete next.defaultForNull;
  return next;
}

/**
 * Reads what a person typed as a default for a column of this type: numbers for numeric
 * columns, true/false for booleans, text otherwise; '' removes the default. Undefined `value`
 * with an error sentence when the text does not fit.
 */
export function parseDefault(
  text: string,
  type: PortableType,
): { ok: true; value: DefaultValue | undefined } | { ok: false; message: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { ok: true, value: undefined };
  switch (type.kind) {
    case 'integer':
    case 'decimal':
    case 'float': {
      const value = Number(trimmed);
      if (!Number.isFinite(value)) return { ok: false, message: `${trimmed} is not a number.` };
      if (type.kind === 'integer' && !Number.isInteger(value))
        return { ok: false, message: `${trimmed} is not a whole number.` };
      return { ok: true, value };
    }
    case 'boolean': {
      const lower = trimmed.toLowerCase();
      if (lower === 'true') return { ok: true, value: true };
      if (lower === 'false') return { ok: true, value: false };
      return { ok: false, message: 'A boolean default is true or false.' };
    }
    case 'text':
    case 'binary':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
    case 'uuid':
    case 'json':
      // Text keeps what was typed, spaces included.
      return { ok: true, value: text };
  }
}

export function formatDefault(value: ColumnMapping['defaultForNull']): string {
  return value === undefined ? '' : String(value);
}

export type NewTargetColumn = { name: string; type: PortableType; nullable: boolean };

/**
 * Adds a column to a table Tally creates (createIfMissing): to the table's definition and as a
 * mapping row to fill. Refused for an existing target table, whose columns are what they are.
 */
export function addTargetColumn(
  plan: Plan,
  tableId: string,
  column: NewTargetColumn,
): { ok: true; plan: Plan } | { ok: false; message: string } {
  const table = findTable(plan, tableId);
  if (!table) return { ok: false, message: `The plan has no table ${tableId}.` };
  if (!table.createIfMissing || !table.targetTable)
    return {
      ok: false,
      message: `${table.target.name} already exists on the target: Tally does not change its columns.`,
    };
  const name = column.name.trim();
  if (name === '') return { ok: false, message: 'A column needs a name.' };
  const taken = table.columns.some((c) => c.target.toLowerCase() === name.toLowerCase());
  if (taken || table.targetTable.columns.some((c) => c.name.toLowerCase() === name.toLowerCase()))
    return { ok: false, message: `${table.target.name} already has a column ${name}.` };
  const next = updateTable(plan, tableId, (current) => ({
    ...current,
    targetTable: current.targetTable && {
      ...current.targetTable,
      columns: [...current.targetTable.columns, { name, type: column.type, nullable: column.nullable }],
    },
    columns: [
      ...current.columns,
      {
        target: name,
        targetType: column.type,
        targetNullable: column.nullable,
        sources: [],
        transforms: [],
        onError: 'reject',
        match: { method: 'manual', score: 1, reason: 'Target column added by hand.' },
        review: { status: 'draft' },
      },
    ],
  }));
  return { ok: true, plan: next };
}

/** Removes a column from a table Tally creates; key columns stay. */
export function removeTargetColumn(
  plan: Plan,
  tableId: string,
  name: string,
): { ok: true; plan: Plan } | { ok: false; message: string } {
  const table = findTable(plan, tableId);
  if (!table?.createIfMissing || !table.targetTable)
    return { ok: false, message: 'Only a column of a table Tally creates can be removed.' };
  const definition = table.targetTable;
  if (table.keyColumns.includes(name) || definition.primaryKey.includes(name))
    return { ok: false, message: `${name} is part of the key of ${table.target.name}: it stays.` };
  const usedBy = [
    ...definition.uniqueConstraints.map((c) => c.columns),
    ...definition.foreignKeys.map((c) => c.columns),
    ...definition.indexes.map((c) => c.columns),
  ].some((columns) => columns.includes(name));
  if (usedBy)
    return { ok: false, message: `${name} is used by a constraint or index of ${table.target.name}: it stays.` };
  const next = updateTable(plan, tableId, (current) => ({
    ...current,
    targetTable: { ...definition, columns: definition.columns.filter((c) => c.name !== name) },
    columns: current.columns.filter((c) => c.target !== name),
  }));
  return { ok: true, plan: next };
}

/**
 * Puts a freshly auto-mapped table in place of the current one, keeping its id (phases and
 * runs refer to it).
 */
export function replaceTableMapping(plan: Plan, tableId: string, fresh: TableMapping): Plan {
  return updateTable(plan, tableId, () => ({ ...fresh, id: tableId }));
}

export type ReviewCounts = Record<ReviewStatus, number>;

export function reviewCounts(table: TableMapping): ReviewCounts {
  const counts: ReviewCounts = { draft: 0, 'needs-decision': 0, agreed: 0 };
  for (const column of table.columns) counts[column.review.status] += 1;
  return counts;
}

/** Tables in phase order (the load order), then any the phases do not name. */
export function tablesInPhaseOrder(plan: Plan): { phase: string; tables: TableMapping[] }[] {
  const byId = new Map(plan.tables.map((table) => [table.id, table]));
  const seen = new Set<string>();
  const groups = plan.phases.map((phase) => ({
    phase: phase.name,
    tables: phase.tables.flatMap((id) => {
      const table = byId.get(id);
      if (!table || seen.has(id)) return [];
      seen.add(id);
      return [table];
    }),
  }));
  const rest = plan.tables.filter((table) => !seen.has(table.id));
  if (rest.length > 0) groups.push({ phase: 'Not in a phase', tables: rest });
  return groups.filter((group) => group.tables.length > 0);
}

const snapshots = new WeakMap<Plan, string>();

/** A stable text of a plan, to compare it with the saved one; plans are immutable, so it is kept. */
export function planSnapshot(plan: Plan): string {
  let text = snapshots.get(plan);
  if (text === undefined) {
    text = JSON.stringify(plan);
    snapshots.set(plan, text);
  }
  return text;
}
