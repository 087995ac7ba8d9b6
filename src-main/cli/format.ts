/** Plain-text rendering of CLI results for a terminal. */
import type { Plan } from '../../src-shared/plan';
import { formatPortableType } from '../../src-shared/portable-types';
import { formatTableRef, type SchemaInfo } from '../../src-shared/schema-info';

export function formatCount(count: { value: number; exact: boolean } | null): string {
  if (!count) return '';
  return `${count.exact ? '' : '≈'}${count.value.toLocaleString('en-US')}`;
}

export function formatSchema(schema: SchemaInfo, options: { columns: boolean }): string {
  const lines: string[] = [];
  const tables = schema.tables.filter((t) => t.kind === 'table').length;
  const views = schema.tables.length - tables;
  lines.push(`${schema.serverVersion} · ${schema.database} · ${tables} tables${views ? `, ${views} views` : ''}`);
  lines.push('');
  const nameWidth = Math.max(5, ...schema.tables.map((t) => formatTableRef(t).length));
  const countWidth = Math.max(4, ...schema.tables.map((t) => formatCount(t.rowCount).length));
  lines.push(`${'TABLE'.padEnd(nameWidth)}  ${'ROWS'.padStart(countWidth)}  KEYS`);
  for (const table of schema.tables) {
    const keys: string[] = [];
    if (table.kind === 'view') keys.push('view');
    if (table.primaryKey) keys.push(`PK (${table.primaryKey.columns.join(', ')})`);
    for (const fk of table.foreignKeys) {
      keys.push(
        `FK (${fk.columns.join(', ')}) → ${formatTableRef(fk.referencedTable)} (${fk.referencedColumns.join(', ')})`,
      );
    }
    lines.push(
      `${formatTableRef(table).padEnd(nameWidth)}  ${formatCount(table.rowCount).padStart(countWidth)}  ${keys.join('; ')}`,
    );
    if (options.columns) {
      for (const column of table.columns) {
        const flags = [column.nullable ? 'null' : 'not null', column.autoIncrement ? 'auto' : '']
          .filter(Boolean)
          .join(', ');
        lines.push(
          `    ${column.name}  ${column.nativeType || '(none)'} → ${formatPortableType(column.portableType)}  ${flags}`,
        );
      }
    }
  }
  if (schema.tables.some((t) => t.rowCount && !t.rowCount.exact))
    lines.push('', '≈ the catalogue’s estimate, not a count.');
  return lines.join('\n');
}

export function summarizePlan(plan: Plan, file: string): string {
  const created = plan.tables.filter((t) => t.createIfMissing).length;
  const columns = plan.tables.flatMap((t) => t.columns);
  const undecided = columns.filter((c) => c.review.status === 'needs-decision').length;
  const lines = [
    `Wrote ${file}: ${plan.tables.length} tables (${created} to create on the target) in ${plan.phases.length} phases; ` +
      `${columns.length} columns mapped, ${undecided} need a decision.`,
  ];
  plan.phases.forEach((phase) => lines.push(`  ${phase.name}: ${phase.tables.join(', ')}`));
  const deferred = plan.tables.flatMap((t) =>
    (t.targetTable?.foreignKeys ?? [])
      .filter((fk) => fk.deferred)
      .map((fk) => `${t.id} (${fk.columns.join(', ')}) → ${fk.referencedTable.name}`),
  );
  if (deferred.length > 0) lines.push(`  Keys added after the load (cycles, self-references): ${deferred.join('; ')}`);
  return lines.join('\n');
}
