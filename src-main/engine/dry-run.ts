/**
 * A dry run executes the whole plan for real, but into scratch tables that are dropped afterwards:
 * every row is read, transformed, checked and written by the target's own bulk path, so the
 * rejects and the throughput are those of the real run, and the target's tables are not touched.
 */
import type { Plan, TableMapping, TargetTable } from '../../src-shared/plan';
import type { SchemaInfo, TableInfo, TableRef } from '../../src-shared/schema-info';
import type { DatabaseSession } from '../dialects/dialect';

export const scratchPrefix = 'tally_dry_';

export function scratchRef(ref: TableRef): TableRef {
  return { schema: ref.schema, name: `${scratchPrefix}${ref.name}`.slice(0, 60) };
}

/** The definition of an existing target table, to build its scratch twin from. */
function definitionOf(info: TableInfo): TargetTable {
  return {
    columns: info.columns.map((c) => ({ name: c.name, type: c.portableType, nullable: c.nullable })),
    primaryKey: info.primaryKey?.columns ?? [],
    uniqueConstraints: info.uniqueConstraints.map((u) => ({ columns: u.columns })),
    foreignKeys: info.foreignKeys.map((fk) => ({
      columns: fk.columns,
      referencedTable: fk.referencedTable,
      referencedColumns: fk.referencedColumns,
      deferred: false,
    })),
    indexes: [],
  };
}

/** The same plan aimed at scratch twins of its target tables; keys point at twins, or are dropped. */
export function scratchPlan(plan: Plan, target: SchemaInfo): Plan {
  const inPlan = new Set(plan.tables.map((t) => `${t.target.schema ?? ''}.${t.target.name}`));
  const tables = plan.tables.map((table): TableMapping => {
    const existing = target.tables.find(
      (t) => t.name === table.target.name && (table.target.schema === null || t.schema === table.target.schema),
    );
    const base = table.targetTable ?? (existing ? definitionOf(existing) : undefined);
    const definition: TargetTable | undefined = base && {
      ...base,
      indexes: [],
      foreignKeys: base.foreignKeys
        .filter((fk) =>
          inPlan.has(`${fk.referencedTable.schema ?? table.target.schema ?? ''}.${fk.referencedTable.name}`),
        )
        .map((fk) => ({
          ...fk,
          referencedTable: scratchRef({
            schema: fk.referencedTable.schema ?? table.target.schema,
            name: fk.referencedTable.name,
          }),
        })),
    };
    return {
      ...table,
      target: scratchRef(table.target),
      createIfMissing: true,
      ...(definition ? { targetTable: definition } : {}),
    };
  });
  return { ...plan, tables };
}

/** Drops the scratch twins, children first; a twin that is already gone is no error. */
export async function dropScratchTables(target: DatabaseSession, plan: Plan): Promise<void> {
  const order = plan.phases.flatMap((p) => p.tables).reverse();
  for (const id of order) {
    const table = plan.tables.find((t) => t.id === id);
    if (!table || !table.target.name.startsWith(scratchPrefix)) continue;
    await target.query(`DROP TABLE IF EXISTS ${target.dialect.quoteTable(table.target)}`);
  }
}
