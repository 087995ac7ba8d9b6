/** The profile methods of the API: one table or a whole database, always on a read-only session. */
import type { ConnectionTarget } from '../../src-shared/connection';
import { resolveProfileOptions } from '../../src-shared/profile';
import type { TableInfo } from '../../src-shared/schema-info';
import { openConnection, type ConnectionContext } from '../connections/connections';
import type { DatabaseSession } from '../dialects/dialect';
import { findTable, profileTable, profileTables } from '../profile/engine';
import type { Handlers } from './dispatcher';

type ProfileMethod = 'profile.table' | 'profile.database';

export function profileHandlers(context: ConnectionContext): Pick<Handlers, ProfileMethod> {
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
  };
}
