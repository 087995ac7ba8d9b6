/**
 * What an upsert or incremental run changes in place, kept on the target so it can be undone:
 * before a batch is written (or rows deleted), the target rows it is about to replace are copied
 * to a pre-image table (same columns as the target), and every key it touches goes to a key
 * table. Only a key's first touch copies a pre-image, so a resumed batch never overwrites the
 * true before-state with the run's own rows. Rolling back deletes the touched keys and puts the
 * pre-images back.
 */
import type { TableRef } from '../../src-shared/schema-info';
import type { CellValue } from '../../src-shared/transforms/transform';
import type { DatabaseSession, WriteColumn } from '../dialects/dialect';
import type { RunRowLog, RunStore } from '../workspace/run-store';

const chunkRows = 200;

export function rowLogRefs(runId: string, position: number, table: TableRef): { preimage: TableRef; keys: TableRef } {
  const stem = `tally_rb_${runId.slice(0, 8)}_${position}`;
  return {
    preimage: { schema: table.schema, name: `${stem}_pre` },
    keys: { schema: table.schema, name: `${stem}_keys` },
  };
}

/**
 * The table's row log, made on its first batch: recorded in the workspace first (a rollback then
 * knows of it even if the process stops), then its two tables created on the target.
 */
export async function prepareRowLog(
  target: DatabaseSession,
  runs: RunStore,
  runId: string,
  input: { tableId: string; position: number; target: TableRef; keyColumns: readonly WriteColumn[] },
): Promise<RunRowLog> {
  const existing = runs.rowLogs(runId).find((l) => l.tableId === input.tableId);
  // The key table is created last: when it exists, both do, and what they hold must stay.
  if (existing && (await tableExists(target, existing.keys))) return existing;
  const refs = rowLogRefs(runId, input.position, input.target);
  const log: RunRowLog = {
    tableId: input.tableId,
    position: input.position,
    target: input.target,
    ...refs,
    keyColumns: input.keyColumns.map((c) => c.name),
  };
  runs.recordRowLog(runId, log);
  const quote = (ref: TableRef): string => target.dialect.quoteTable(ref);
  await target.query(`DROP TABLE IF EXISTS ${quote(refs.preimage)}`);
  await target.query(`DROP TABLE IF EXISTS ${quote(refs.keys)}`);
  // Every dialect's copy statement ends with its FROM item: the condition makes it an empty copy.
  await target.query(`${target.dialect.copyTableSql(input.target, refs.preimage)} WHERE 1 = 0`);
  // The pre-image table is probed by key for every batch: an index keeps that from scanning it.
  const preimageIndex = target.dialect.tableDdl(refs.preimage, {
    columns: input.keyColumns.map((c) => ({ name: c.name, type: c.type, nullable: false })),
    primaryKey: [],
    uniqueConstraints: [],
    foreignKeys: [],
    indexes: [{ name: `${refs.preimage.name}_key`, columns: input.keyColumns.map((c) => c.name), unique: false }],
  }).indexes;
  for (const sql of preimageIndex) await target.query(sql);
  const ddl = target.dialect.tableDdl(refs.keys, {
    columns: input.keyColumns.map((c) => ({ name: c.name, type: c.type, nullable: false })),
    primaryKey: input.keyColumns.map((c) => c.name),
    uniqueConstraints: [],
    foreignKeys: [],
    indexes: [],
  });
  for (const sql of ddl.createTable) await target.query(sql);
  return log;
}

function matchKeys(target: DatabaseSession, log: RunRowLog, outer: string, inner: string): string {
  const q = (name: string): string => target.dialect.quoteIdentifier(name);
  return log.keyColumns.map((k) => `${inner}.${q(k)} = ${outer}.${q(k)}`).join(' AND ');
}

/** Before rows with these keys are written or deleted: first-touch pre-images, then the keys. */
export async function recordTouchedKeys(
  target: DatabaseSession,
  log: RunRowLog,
  keyColumns: readonly WriteColumn[],
  keys: readonly (readonly CellValue[])[],
): Promise<void> {
  const q = (name: string): string => target.dialect.quoteIdentifier(name);
  const table = target.dialect.quoteTable(log.target);
  const preimage = target.dialect.quoteTable(log.preimage);
  const keyTable = target.dialect.quoteTable(log.keys);
  for (let start = 0; start < keys.length; start += chunkRows) {
    const slice = keys.slice(start, start + chunkRows);
    const condition = slice
      .map(() => `(${log.keyColumns.map((k) => `${table}.${q(k)} = ?`).join(' AND ')})`)
      .join(' OR ');
    await target.query(
      `INSERT INTO ${preimage} SELECT * FROM ${table} WHERE (${condition})
         AND NOT EXISTS (SELECT 1 FROM ${keyTable} k WHERE ${matchKeys(target, log, table, 'k')})
         AND NOT EXISTS (SELECT 1 FROM ${preimage} p WHERE ${matchKeys(target, log, table, 'p')})`,
      slice.flat(),
    );
    await target.writeRows(log.keys, keyColumns, slice, { upsertKeys: log.keyColumns });
  }
}

/** Undoes one table's row changes: the touched keys go, the pre-images come back (parents first is the caller's order). */
export async function removeTouchedRows(target: DatabaseSession, log: RunRowLog): Promise<number> {
  const table = target.dialect.quoteTable(log.target);
  const keyTable = target.dialect.quoteTable(log.keys);
  const counted = await target.query(`SELECT count(*) AS n FROM ${keyTable}`);
  await target.query(
    `DELETE FROM ${table} WHERE EXISTS (SELECT 1 FROM ${keyTable} k WHERE ${matchKeys(target, log, table, 'k')})`,
  );
  return Number(Object.values(counted[0] ?? {})[0]);
}

export async function restorePreimages(target: DatabaseSession, log: RunRowLog): Promise<number> {
  const table = target.dialect.quoteTable(log.target);
  const preimage = target.dialect.quoteTable(log.preimage);
  await target.query(`INSERT INTO ${table} SELECT * FROM ${preimage}`);
  const counted = await target.query(`SELECT count(*) AS n FROM ${preimage}`);
  return Number(Object.values(counted[0] ?? {})[0]);
}

export async function dropRowLog(target: DatabaseSession, log: RunRowLog): Promise<void> {
  await target.query(`DROP TABLE IF EXISTS ${target.dialect.quoteTable(log.preimage)}`);
  await target.query(`DROP TABLE IF EXISTS ${target.dialect.quoteTable(log.keys)}`);
}

async function tableExists(target: DatabaseSession, ref: TableRef): Promise<boolean> {
  try {
    await target.query(`SELECT count(*) AS n FROM ${target.dialect.quoteTable(ref)} WHERE 1 = 0`);
    return true;
  } catch {
    return false;
  }
}
