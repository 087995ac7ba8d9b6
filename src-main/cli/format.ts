/** Plain-text rendering of CLI results for a terminal. */
import type { Plan } from '../../src-shared/plan';
import type { RunEvent, TableAccounting } from '../engine/run-events';
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

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + ' '.repeat(width - text.length);
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

export function formatRunSummary(
  summary: { runId: string; status: string; tables: TableAccounting[] },
  dryRun = false,
): string {
  const width = Math.max(5, ...summary.tables.map((t) => t.tableId.length));
  const lines = [
    `Run ${summary.runId}: ${summary.status}`,
    `${pad('TABLE', width)}  ${['READ', 'WRITTEN', 'REJECTED', 'FILTERED'].map((h) => h.padStart(9)).join(' ')}   SECONDS`,
  ];
  for (const t of summary.tables)
    lines.push(
      `${pad(t.tableId, width)}  ${[t.read, t.written, t.rejected, t.filtered].map((n) => number(n).padStart(9)).join(' ')}   ${t.seconds.toFixed(2).padStart(7)}`,
    );
  const rejected = summary.tables.reduce((sum, t) => sum + t.rejected, 0);
  if (dryRun) {
    const rows = summary.tables.reduce((sum, t) => sum + t.read, 0);
    const seconds = summary.tables.reduce((sum, t) => sum + t.seconds, 0);
    const rate = seconds > 0 ? Math.round(rows / seconds) : 0;
    lines[0] = `Dry run ${summary.runId}: ${summary.status}. Nothing was kept on the target (scratch tables were dropped).`;
    lines.push(
      `Measured ${number(rate)} rows/s: the real run should take about ${Math.ceil(seconds)} s of loading, plus keys and indexes.`,
    );
  }
  if (rejected > 0)
    lines.push(`${number(rejected)} rows are in the quarantine with their reasons (tally runs shows the run).`);
  return lines.join('\n');
}

export function formatRuns(
  runs: {
    runId: string;
    status: string;
    startedAt: string;
    message: string | null;
    tables: { table: string; read: number; written: number; rejected: number; filtered: number }[];
  }[],
): string {
  if (runs.length === 0) return 'No runs yet.';
  return runs
    .map((run) => {
      const totals = run.tables.reduce(
        (sum, t) => ({
          read: sum.read + t.read,
          written: sum.written + t.written,
          rejected: sum.rejected + t.rejected,
        }),
        { read: 0, written: 0, rejected: 0 },
      );
      const head = `${run.runId}  ${run.status}  ${run.startedAt}  read ${number(totals.read)}, written ${number(totals.written)}, rejected ${number(totals.rejected)}`;
      return run.message ? `${head}\n  ${run.message}` : head;
    })
    .join('\n');
}

/** Progress on stderr: a rewritten line on a terminal, a line per table otherwise, JSON lines with --json. */
export function createProgressPrinter(json: boolean): { onEvent(event: RunEvent): void; finish(): void } {
  const tty = process.stderr.isTTY === true && !json;
  let lineOpen = false;
  return {
    onEvent(event) {
      if (json) {
        process.stderr.write(
          `${JSON.stringify(event, (_k, v: unknown) => (typeof v === 'bigint' ? v.toString() : v))}\n`,
        );
        return;
      }
      if (event.type === 'progress' && tty) {
        const total = event.totalRows ? `/${number(event.totalRows)}` : '';
        const eta = event.etaSeconds === null ? '' : `  ETA ${event.etaSeconds}s`;
        process.stderr.write(
          `\r\x1b[K${event.tableId}  ${number(event.read)}${total} rows  ${number(event.rowsPerSecond)} rows/s${eta}`,
        );
        lineOpen = true;
      } else if (event.type === 'table-done') {
        if (lineOpen) process.stderr.write('\r\x1b[K');
        lineOpen = false;
        const t = event.table;
        process.stderr.write(
          `${t.tableId}: ${number(t.read)} read, ${number(t.written)} written, ${number(t.rejected)} rejected\n`,
        );
      } else if (event.type === 'log' && event.level === 'warn') process.stderr.write(`${event.message}\n`);
    },
    finish() {
      if (lineOpen) process.stderr.write('\r\x1b[K');
    },
  };
}
