/**
 * The worker's profile job: opens the source read-only, profiles the chosen tables one after the
 * other and reports each step and each finished table, so the host stays free (better-sqlite3 is
 * synchronous) and the user sees progress. Cancel aborts between statements.
 */
import { TallyError, redactSecrets, type TallyErrorData } from '../../src-shared/errors';
import { resolveProfileOptions } from '../../src-shared/profile';
import { formatTableRef, type TableInfo } from '../../src-shared/schema-info';
import { dialectFor } from '../dialects';
import { findTable, profileTable } from '../profile/engine';
import type { ProfileJob, ProfileWorkerEvent } from './protocol';

function errorData(error: unknown, secrets: readonly (string | undefined)[]): TallyErrorData {
  const data = error instanceof TallyError ? error.toData() : { code: 'internal' as const, message: String(error) };
  return { ...data, message: redactSecrets(data.message, secrets) };
}

/** Runs the job to its end; never throws: a failure or a cancel is reported as an event. */
export async function runProfileJob(
  job: ProfileJob,
  signal: AbortSignal,
  send: (event: ProfileWorkerEvent) => void,
): Promise<void> {
  const { jobId } = job;
  const dialect = dialectFor(job.spec.dialect);
  const options = resolveProfileOptions(job.options);
  let tablesDone = 0;
  try {
    let session;
    try {
      session = await dialect.connect(job.spec, { password: job.password, readOnly: true, timeoutMs: 15_000 });
    } catch (error) {
      throw error instanceof TallyError ? error : dialect.classifyError(error, job.spec);
    }
    try {
      // Tables above the sampling threshold only need the catalogue's estimate.
      const schema = await session.inspect({ exactCountLimit: options.sampleAbove });
      const chosen: TableInfo[] = job.tables
        ? [...new Set(job.tables.map((name) => findTable(schema, name)))]
        : schema.tables.filter((t) => t.kind === 'table');
      const names = chosen.map(formatTableRef);
      send({ type: 'started', jobId, tables: names });
      for (const [tableIndex, table] of chosen.entries()) {
        const profile = await profileTable(session, schema, table, options, {
          signal,
          onProgress: (progress) =>
            send({ type: 'progress', jobId, table: progress.table, tableIndex, step: progress.step }),
        });
        send({ type: 'table', jobId, tableIndex, profile });
        tablesDone += 1;
      }
    } finally {
      await session.close();
    }
    send({ type: 'done', jobId, profiledAt: new Date().toISOString() });
  } catch (error) {
    if (signal.aborted) send({ type: 'cancelled', jobId, tablesDone });
    else send({ type: 'failed', jobId, error: errorData(error, [job.password]) });
  }
}
