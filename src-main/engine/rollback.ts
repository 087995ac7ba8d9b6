/**
 * Rolling back a run: tables the run created are dropped, tables it emptied get their previous
 * rows back from the copy it made first. Children are cleared before parents and parents
 * refilled before children, so foreign keys hold throughout.
 */
import { TallyError } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import { formatTableRef } from '../../src-shared/schema-info';
import { openConnection, type ConnectionContext } from '../connections/connections';
import type { Workspace } from '../workspace/workspace';
import { dropRowLog, removeTouchedRows, restorePreimages } from './row-log';
import { watermarkTableKey } from './source-read';

export type RollbackResult = {
  runId: string;
  dropped: string[];
  restored: { table: string; rows: number }[];
  emptied: string[];
};

export async function rollbackRun(options: {
  workspace: Workspace;
  runId: string;
  context: ConnectionContext;
  password?: string;
}): Promise<RollbackResult> {
  const runs = options.workspace.runs;
  const run = runs.getRun(options.runId);
  if (run.dryRun)
    throw new TallyError('bad-input', `Run ${run.id} was a dry run: it left nothing on the target to roll back.`);
  const rolledBack = runs.rolledBackAt(run.id);
  if (rolledBack) throw new TallyError('bad-input', `Run ${run.id} was already rolled back (${rolledBack}).`);
  if (run.status === 'running') throw new TallyError('bad-input', `Run ${run.id} is still running: cancel it first.`);
  const plan = JSON.parse(run.planJson) as Plan;
  const forgotten = runs.forgottenAt(run.id);
  if (forgotten)
    throw new TallyError(
      'bad-input',
      `Run ${run.id} can no longer be rolled back: its copies on the target were dropped (${forgotten}).`,
    );
  const later = runs
    .listRuns()
    .filter((r) => r.startedAt > run.startedAt && !r.dryRun && runs.rolledBackAt(r.id) === null);
  if (later.length > 0)
    throw new TallyError(
      'bad-input',
      `Run ${later[0]?.id ?? ''} came after run ${run.id}: roll back the later runs first.`,
    );

  const changes = runs.changes(run.id);
  const runTables = new Map(runs.tables(run.id).map((t) => [t.tableId, t]));
  const target = await openConnection(
    { url: plan.target.url, role: 'target', ...(plan.target.name ? { name: plan.target.name } : {}) },
    options.context,
    options.password ? { password: options.password } : {},
  );
  const result: RollbackResult = { runId: run.id, dropped: [], restored: [], emptied: [] };
  const rowLogs = runs.rowLogs(run.id);
  try {
    const quote = (ref: Parameters<typeof target.dialect.quoteTable>[0]): string => target.dialect.quoteTable(ref);
    // Upserted and incremental tables: children's touched rows go first, parents' pre-images come back first.
    for (const log of [...rowLogs].reverse()) await removeTouchedRows(target, log);
    for (const log of rowLogs) {
      const rows = await restorePreimages(target, log);
      result.restored.push({ table: formatTableRef(log.target), rows });
      await dropRowLog(target, log);
    }
    for (const change of [...changes].reverse()) {
      if (change.kind === 'created') {
        await target.query(`DROP TABLE IF EXISTS ${quote(change.target)}`);
        result.dropped.push(formatTableRef(change.target));
      } else await target.emptyTable(change.target);
    }
    for (const change of changes) {
      if (change.kind !== 'emptied') continue;
      if (!change.backup) {
        result.emptied.push(formatTableRef(change.target));
        continue;
      }
      await target.query(`INSERT INTO ${quote(change.target)} SELECT * FROM ${quote(change.backup)}`);
      const counted = await target.query(`SELECT count(*) AS n FROM ${quote(change.target)}`);
      result.restored.push({ table: formatTableRef(change.target), rows: Number(Object.values(counted[0] ?? {})[0]) });
      await target.query(`DROP TABLE ${quote(change.backup)}`);
    }
    runs.restoreWatermarks(
      run.id,
      plan.tables.map((t) => ({
        tableKey: watermarkTableKey(plan, t),
        value: runTables.get(t.id)?.watermark?.from ?? null,
      })),
    );
    runs.markRolledBack(run.id);
    return result;
  } finally {
    await target.close();
  }
}

/**
 * Drops the copies a run keeps on the target for its rollback (tally_rb_…: the previous rows of
 * tables it emptied, the pre-images and keys of rows it upserted or deleted). The run can then no
 * longer be rolled back; its history and accounting stay.
 */
export async function forgetRun(options: {
  workspace: Workspace;
  runId: string;
  context: ConnectionContext;
  password?: string;
}): Promise<{ runId: string; dropped: string[] }> {
  const runs = options.workspace.runs;
  const run = runs.getRun(options.runId);
  if (run.status === 'running') throw new TallyError('bad-input', `Run ${run.id} is still running: cancel it first.`);
  const plan = JSON.parse(run.planJson) as Plan;
  const target = await openConnection(
    { url: plan.target.url, role: 'target', ...(plan.target.name ? { name: plan.target.name } : {}) },
    options.context,
    options.password ? { password: options.password } : {},
  );
  const dropped: string[] = [];
  try {
    for (const change of runs.changes(run.id))
      if (change.backup) {
        await target.query(`DROP TABLE IF EXISTS ${target.dialect.quoteTable(change.backup)}`);
        dropped.push(formatTableRef(change.backup));
      }
    for (const log of runs.rowLogs(run.id)) {
      await dropRowLog(target, log);
      dropped.push(formatTableRef(log.preimage), formatTableRef(log.keys));
    }
    runs.markForgotten(run.id);
    return { runId: run.id, dropped };
  } finally {
    await target.close();
  }
}
