/**
 * The profile methods of the API, always on a read-only session. `profile.start` runs in a worker
 * process with progress as `profile.event` (the UI's way); `profile.table` and `profile.database`
 * answer in one call (the CLI's way).
 */
import { randomUUID } from 'node:crypto';
import type { ConnectionTarget } from '../../src-shared/connection';
import type { EventName, EventPayload } from '../../src-shared/contract';
import { TallyError } from '../../src-shared/errors';
import { resolveProfileOptions, type ProfileEvent } from '../../src-shared/profile';
import type { TableInfo } from '../../src-shared/schema-info';
import { openConnection, resolvePassword, resolveTarget, type ConnectionContext } from '../connections/connections';
import type { DatabaseSession } from '../dialects/dialect';
import { alertsFor } from '../profile/alerts';
import { findTable, profileTable, profileTables } from '../profile/engine';
import { renderProfileHtml } from '../profile/html-report';
import { profileInWorker, type ProfileWorkerHandle } from '../profile/profile-in-worker';
import { tallyVersion } from '../version';
import type { Handlers } from './dispatcher';

type ProfileMethod =
  'profile.table' | 'profile.database' | 'profile.start' | 'profile.cancel' | 'profile.alerts' | 'profile.report';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

export function profileHandlers(context: ConnectionContext, emit: Emit): Pick<Handlers, ProfileMethod> {
  const jobs = new Map<string, ProfileWorkerHandle>();

  async function withReadOnlySession<T>(
    target: ConnectionTarget,
    work: (session: DatabaseSession) => Promise<T>,
  ): Promise<T> {
    const session = await openConnection(target, context, { readOnly: true });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  return {
    async 'profile.table'(input, call) {
      const options = resolveProfileOptions(input.options);
      return withReadOnlySession(input.target, async (session) => {
        // Tables above the sampling threshold only need the catalogue's estimate.
        const schema = await session.inspect({ exactCountLimit: options.sampleAbove });
        return profileTable(session, schema, findTable(schema, input.table), options, { signal: call.signal });
      });
    },

    async 'profile.database'(input, call) {
      const options = resolveProfileOptions(input.options);
      return withReadOnlySession(input.target, async (session) => {
        const schema = await session.inspect({ exactCountLimit: options.sampleAbove });
        const chosen: TableInfo[] = input.tables
          ? input.tables.map((name) => findTable(schema, name))
          : schema.tables.filter((t) => t.kind === 'table');
        const tables = await profileTables(session, schema, [...new Set(chosen)], options, { signal: call.signal });
        return { tables, profiledAt: new Date().toISOString() };
      });
    },

    async 'profile.start'(input) {
      const resolved = resolveTarget(input.target, context);
      const password = resolvePassword(resolved, undefined, context);
      const jobId = randomUUID();
      let ended = false;
      const relay = (event: ProfileEvent): void => {
        if (event.type === 'done' || event.type === 'cancelled' || event.type === 'failed') {
          ended = true;
          jobs.delete(jobId);
        }
        emit('profile.event', event);
      };
      const worker = profileInWorker(
        {
          kind: 'profile',
          jobId,
          spec: resolved.spec,
          ...(password ? { password } : {}),
          ...(input.tables ? { tables: input.tables } : {}),
          ...(input.options ? { options: input.options } : {}),
        },
        relay,
      );
      jobs.set(jobId, worker);
      void worker.finished.then((result) => {
        jobs.delete(jobId);
        // A worker that died without a last word still ends the job for the listeners.
        if (!ended && result.status === 'failed') relay({ type: 'failed', jobId, error: result.error });
      });
      return { jobId };
    },

    async 'profile.cancel'(input) {
      const worker = jobs.get(input.jobId);
      if (!worker) return { ok: false };
      worker.cancel();
      return { ok: true };
    },

    async 'profile.alerts'(input) {
      return alertsFor(input.profile, resolveProfileOptions({ thresholds: input.thresholds ?? {} }).thresholds);
    },

    async 'profile.report'(input) {
      if (input.tables.length === 0) throw new TallyError('bad-input', 'There is no profiled table to report.');
      return {
        html: renderProfileHtml({
          source: input.source,
          profiledAt: input.profiledAt,
          tables: input.tables,
          version: tallyVersion,
        }),
      };
    },
  };
}
