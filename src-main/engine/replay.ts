/**
 * Replaying a run's rejects after the mapping is fixed: each quarantined row is read again from
 * the source by its key, mapped with the current plan and written (as an upsert, so a replay twice
 * changes nothing). Rows that now load leave the quarantine and count as written, so the run's
 * accounting (read = written + rejected + filtered) still holds; the others stay, with their reason.
 */
import { TallyError } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import { openConnection, type ConnectionContext } from '../connections/connections';
import type { Workspace } from '../workspace/workspace';
import { prepareRowLog, recordTouchedKeys } from './row-log';
import { describeKey, prepareTable, writeWithQuarantine } from './runner';

export type ReplayResult = {
  runId: string;
  tableId: string;
  replayed: number;
  loaded: number;
  stillRejected: number;
  /** Why the rows still quarantined did not load this time (at most the first 100). */
  reasons: string[];
};

export async function replayRejects(options: {
  workspace: Workspace;
  runId: string;
  tableId: string;
  plan: Plan;
  context: ConnectionContext;
  passwords?: { source?: string; target?: string };
}): Promise<ReplayResult> {
  const runs = options.workspace.runs;
  const run = runs.getRun(options.runId);
  if (run.dryRun)
    throw new TallyError(
      'bad-input',
      `Run ${run.id} was a dry run: its rows were never kept, so there is nothing to replay into.`,
    );
  if (run.status === 'running')
    throw new TallyError('bad-input', `Run ${run.id} is still running: replay its rejects when it has finished.`);
  const { plan } = options;
  const source = await openConnection(
    plan.source.name ? { url: plan.source.url, name: plan.source.name } : { url: plan.source.url },
    options.context,
    { readOnly: true, ...(options.passwords?.source ? { password: options.passwords.source } : {}) },
  );
  const target = await openConnection(
    { url: plan.target.url, role: 'target', ...(plan.target.name ? { name: plan.target.name } : {}) },
    options.context,
    options.passwords?.target ? { password: options.passwords.target } : {},
  );
  const result: ReplayResult = {
    runId: run.id,
    tableId: options.tableId,
    replayed: 0,
    loaded: 0,
    stillRejected: 0,
    reasons: [],
  };
  try {
    const mapping = plan.tables.find((t) => t.id === options.tableId);
    // The replay writes by key: an upsert, whatever mode the run had.
    const table = prepareTable(
      mapping,
      await source.inspect({ exactCountLimit: 0 }),
      'upsert',
      source.dialect.rowIdentity,
    );
    if (table.keyless)
      throw new TallyError(
        'unsupported',
        `${options.tableId}: rows of a table with no key cannot be found again to replay.`,
      );
    const rowLog =
      runs.rowLogs(run.id).length > 0
        ? await prepareRowLog(target, runs, run.id, {
            tableId: table.mapping.id,
            position: runs.table(run.id, table.mapping.id).position,
            target: table.mapping.target,
            keyColumns: table.targetKeyIndexes.map((i) => table.mapper.targetColumns[i]).filter((c) => c !== undefined),
          })
        : undefined;
    const q = (name: string): string => source.dialect.quoteIdentifier(name);
    // Rows that load leave the list: the rows still quarantined are the ones before the next page.
    for (;;) {
      const page = runs.rejects(run.id, table.mapping.id, 500, result.stillRejected);
      if (page.length === 0) break;
      const released: number[] = [];
      for (const reject of page) {
        result.replayed += 1;
        const stored = JSON.parse(reject.rowJson) as Record<string, unknown>;
        const key = table.sourceKey.map((name) => stored[name] ?? null);
        const select = source.dialect.keysetPageSql(table.source, table.readColumns, table.sourceKey, null, 1, {
          ...table.page,
          where: { sql: table.sourceKey.map((k) => `${q(k)} = ?`).join(' AND '), bindings: key },
        });
        const row = (await source.queryArrays(select.sql, select.bindings))[0];
        const keep = table.page.keepWhen ? Number(row?.[table.readColumns.length]) === 1 : true;
        if (!row || !keep) {
          result.stillRejected += 1;
          result.reasons.push(
            `${table.mapping.id} row ${describeKey(table.sourceKey, key)}: the source no longer holds this row (or the plan's filter leaves it out).`,
          );
          continue;
        }
        const rowKey = (): string => describeKey(table.sourceKey, key);
        const mapped = table.mapper.map(row, rowKey);
        if (!mapped.ok) {
          result.stillRejected += 1;
          result.reasons.push(mapped.reason);
          continue;
        }
        if (rowLog)
          await recordTouchedKeys(
            target,
            rowLog,
            rowLog.keyColumns
              .map((name) => table.mapper.targetColumns.find((c) => c.name === name))
              .filter((c) => c !== undefined),
            [table.targetKeyIndexes.map((i) => mapped.values[i] ?? null)],
          );
        const refused = await writeWithQuarantine(target, table, [{ values: mapped.values, row }], rowKey);
        if (refused.length > 0) {
          result.stillRejected += 1;
          result.reasons.push(...refused.map((r) => r.reason));
        } else released.push(reject.id);
      }
      result.loaded += runs.releaseRejects(run.id, table.mapping.id, released);
      if (page.length < 500) break;
    }
    return result;
  } finally {
    await source.close();
    await target.close();
  }
}
