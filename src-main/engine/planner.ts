/**
 * The auto-mapper: from the inspected source and target to a first plan. Every source table (or
 * the chosen ones) goes to the target table of the same or normalised name, or to a new one
 * derived from the source's portable types; columns match by name with the reason recorded;
 * tables are ordered by their foreign keys.
 */
import { TallyError } from '../../src-shared/errors';
import {
  planFormatVersion,
  type ColumnMapping,
  type Plan,
  type TableMapping,
  type TargetTable,
} from '../../src-shared/plan';
import { formatTableRef, type TableInfo, type SchemaInfo, type TableRef } from '../../src-shared/schema-info';
import { compareTypes } from '../../src-shared/type-compat';
import { fingerprintOf } from './fingerprint';
import { loadOrder } from './foreign-key-order';
import { bestNameMatch, normalizeName } from './name-match';

export type PlanOptions = {
  name: string;
  source: { url: string; name?: string };
  target: { url: string; name?: string };
  /** Source tables to map (name or schema.name); all tables when absent. */
  tables?: readonly string[];
  /** Where new target tables go: the target's default schema, or null where it has none. */
  targetSchema: string | null;
  now?: Date;
};

const sameRef = (a: TableRef, b: TableRef): boolean => a.schema === b.schema && a.name === b.name;

function chooseSourceTables(source: SchemaInfo, wanted: readonly string[] | undefined): TableInfo[] {
  if (!wanted || wanted.length === 0) return source.tables.filter((t) => t.kind === 'table');
  return wanted.map((name) => {
    const found =
      source.tables.find((t) => t.name === name || formatTableRef(t) === name) ??
      source.tables.find(
        (t) => t.name.toLowerCase() === name.toLowerCase() || formatTableRef(t).toLowerCase() === name.toLowerCase(),
      );
    if (!found) {
      const known = source.tables.map((t) => formatTableRef(t)).join(', ');
      throw new TallyError('bad-input', `The source has no table named ${name} (it has: ${known || 'no tables'}).`);
    }
    return found;
  });
}

function findTargetTable(target: SchemaInfo, source: TableInfo, targetSchema: string | null): TableInfo | undefined {
  const inSchema = target.tables.filter(
    (t) => t.kind === 'table' && (targetSchema === null || t.schema === targetSchema),
  );
  return (
    inSchema.find((t) => t.name === source.name) ??
    inSchema.find((t) => normalizeName(t.name) === normalizeName(source.name))
  );
}

/** A source default kept only when it is a plain literal every dialect reads the same way. */
function portableDefault(expression: string | null): string | number | undefined {
  if (expression === null) return undefined;
  const text = expression.trim().replace(/^\((.*)\)$/, '$1');
  if (/^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  const quoted = /^'((?:[^']|'')*)'$/.exec(text);
  return quoted ? (quoted[1] ?? '').replace(/''/g, "'") : undefined;
}

function columnsForNewTable(source: TableInfo): ColumnMapping[] {
  return source.columns.map((column) => ({
    target: column.name,
    targetType: column.portableType,
    targetNullable: column.nullable,
    sources: [column.name],
    transforms: [],
    onError: 'reject',
    match: { method: 'exact', score: 1, reason: 'New target column copied from the source.' },
    review: { status: 'draft' },
  }));
}

function columnsForExistingTable(source: TableInfo, target: TableInfo): ColumnMapping[] {
  const unused = new Set(source.columns.map((c) => c.name));
  return target.columns.map((column) => {
    const candidate = bestNameMatch(column.name, [...unused]);
    if (!candidate) {
      return {
        target: column.name,
        targetType: column.portableType,
        targetNullable: column.nullable,
        sources: [],
        transforms: [],
        onError: 'reject',
        match: { method: 'none', score: 0, reason: `No source column of ${source.name} resembles ${column.name}.` },
        review: { status: 'needs-decision' },
      };
    }
    unused.delete(candidate.name);
    const sourceColumn = source.columns.find((c) => c.name === candidate.name);
    const fit = sourceColumn ? compareTypes(sourceColumn.portableType, column.portableType) : undefined;
    return {
      target: column.name,
      targetType: column.portableType,
      targetNullable: column.nullable,
      sources: [candidate.name],
      transforms: [],
      onError: 'reject',
      match: candidate.match,
      review: {
        status: candidate.match.method === 'fuzzy' || fit?.status === 'incompatible' ? 'needs-decision' : 'draft',
      },
    };
  });
}

export function buildPlan(source: SchemaInfo, target: SchemaInfo, options: PlanOptions): Plan {
  const chosen = chooseSourceTables(source, options.tables);
  const usedIds = new Set<string>();
  const entries = chosen.map((table) => {
    const existing = findTargetTable(target, table, options.targetSchema);
    const targetRef: TableRef = existing
      ? { schema: existing.schema, name: existing.name }
      : { schema: options.targetSchema, name: table.name };
    let id = targetRef.name;
    for (let n = 2; usedIds.has(id); n += 1) id = `${targetRef.name}_${n}`;
    usedIds.add(id);
    return { id, table, existing, targetRef };
  });

  // Foreign keys between tables of the plan decide the order; keys to tables outside it are kept
  // only when the referenced table already exists on the target.
  const idOfSource = (ref: TableRef): string | undefined => entries.find((e) => sameRef(e.table, ref))?.id;
  const dependencies = entries.flatMap((entry) =>
    entry.table.foreignKeys.flatMap((fk) => {
      const to = idOfSource({ schema: fk.referencedTable.schema ?? entry.table.schema, name: fk.referencedTable.name });
      return to ? [{ from: entry.id, to }] : [];
    }),
  );
  const order = loadOrder(
    entries.map((e) => e.id),
    dependencies,
  );
  const isDeferred = (from: string, to: string): boolean =>
    order.deferredEdges.some((e) => e.from === from && e.to === to);

  const tables: TableMapping[] = entries.map((entry) => {
    const { table, existing, targetRef } = entry;
    let targetTable: TargetTable | undefined;
    if (!existing) {
      const foreignKeys: TargetTable['foreignKeys'] = [];
      for (const fk of table.foreignKeys) {
        const referencedSource = { schema: fk.referencedTable.schema ?? table.schema, name: fk.referencedTable.name };
        const referenced = entries.find((e) => sameRef(e.table, referencedSource));
        const onTarget = target.tables.find((t) => normalizeName(t.name) === normalizeName(fk.referencedTable.name));
        const referencedTarget =
          referenced?.targetRef ?? (onTarget ? { schema: onTarget.schema, name: onTarget.name } : undefined);
        if (!referencedTarget || fk.referencedColumns.length !== fk.columns.length) continue;
        foreignKeys.push({
          columns: fk.columns,
          referencedTable: referencedTarget,
          referencedColumns: fk.referencedColumns,
          deferred: referenced ? isDeferred(entry.id, referenced.id) : false,
        });
      }
      targetTable = {
        columns: table.columns.map((c) => {
          const fallback = portableDefault(c.defaultValue);
          return {
            name: c.name,
            type: c.portableType,
            nullable: c.nullable,
            ...(fallback === undefined ? {} : { defaultValue: fallback }),
          };
        }),
        primaryKey: table.primaryKey?.columns ?? [],
        uniqueConstraints: table.uniqueConstraints.map((u) => ({ columns: u.columns })),
        foreignKeys,
        // Expression indexes have no portable form; they are left to the DBA.
        indexes: table.indexes
          .filter((i) => !i.columns.includes('(expression)'))
          .map((i) => ({ name: i.name, columns: i.columns, unique: i.unique })),
      };
    }
    const keyColumns = existing
      ? (existing.primaryKey?.columns ?? existing.uniqueConstraints[0]?.columns ?? [])
      : (table.primaryKey?.columns ?? table.uniqueConstraints[0]?.columns ?? []);
    return {
      id: entry.id,
      source: { table: { schema: table.schema, name: table.name } },
      target: targetRef,
      createIfMissing: !existing,
      ...(targetTable ? { targetTable } : {}),
      keyColumns,
      writeMode: 'full',
      columns: existing ? columnsForExistingTable(table, existing) : columnsForNewTable(table),
    };
  });

  const existingTargets = entries.flatMap((e) => (e.existing ? [e.existing] : []));
  return {
    tally: planFormatVersion,
    name: options.name,
    createdAt: (options.now ?? new Date()).toISOString(),
    source: options.source,
    target: options.target,
    sourceFingerprint: fingerprintOf(source, chosen),
    ...(existingTargets.length > 0 ? { targetFingerprint: fingerprintOf(target, existingTargets) } : {}),
    phases: order.phases.map((ids, i) => ({ name: `Phase ${i + 1}`, tables: ids })),
    tables,
  };
}
