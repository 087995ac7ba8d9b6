/**
 * The one implementation of the API contract, on top of the workspace and the dialects. Every
 * host (Electron, the web host, the CLI, the tests) builds its dispatcher here.
 */
import { dialectInfoSchema, type SavedConnection } from '../../src-shared/connection';
import { TallyError } from '../../src-shared/errors';
import {
  formatConnectionUrl,
  openConnection,
  parseConnectionUrl,
  type ConnectionContext,
} from '../connections/connections';
import type { SecretStore } from '../connections/secret-store';
import { dialects } from '../dialects';
import { tallyVersion } from '../version';
import type { StoredConnection, Workspace } from '../workspace/workspace';
import { planHandlers } from './plan-api';
import { runHandlers } from './run-api';
import { profileHandlers } from './profile-api';
import { validateHandlers } from './validate-api';
import { reviewHandlers } from './review-api';
import { createDispatcher, toErrorData, type Dispatcher, type Handlers } from './dispatcher';

export type ApiOptions = {
  workspace: Workspace;
  secrets: SecretStore;
  host: 'electron' | 'web' | 'cli' | 'test';
  demoDatabasePath?: string | null;
  env?: NodeJS.ProcessEnv;
};

/** Catalogue estimates above this many rows are shown as estimates instead of counted. */
const exactCountLimit = 500_000;

export function createApi(options: ApiOptions): Dispatcher {
  const { workspace, secrets } = options;
  const context: ConnectionContext = { workspace, secrets, ...(options.env ? { env: options.env } : {}) };

  const toSaved = (stored: StoredConnection): SavedConnection => ({
    ...stored,
    url: formatConnectionUrl(stored.spec),
    hasStoredSecret: secrets.has(stored.id),
  });
  const listConnections = (): SavedConnection[] => workspace.listConnections().map(toSaved);

  // Handlers run only after the dispatcher below exists, so they may push events through it.
  const connectionsChanged = (): void => dispatcher.emit('connections.changed', { connections: listConnections() });

  const handlers: Handlers = {
    async 'app.info'() {
      return {
        version: tallyVersion,
        host: options.host,
        workspacePath: workspace.path,
        secretStore: secrets.kind,
        demoDatabasePath: options.demoDatabasePath ?? null,
      };
    },

    async 'dialects.list'() {
      return Object.values(dialects).map((d) => dialectInfoSchema.parse(d.info));
    },

    async 'connections.list'() {
      return listConnections();
    },

    async 'connections.save'(input) {
      const saved = workspace.saveConnection(input);
      if (dialects[input.spec.dialect].capabilities.fileDatabase) secrets.delete(saved.id);
      else if (input.password) secrets.set(saved.id, input.password);
      connectionsChanged();
      return toSaved(saved);
    },

    async 'connections.delete'(input) {
      secrets.delete(input.id);
      const deleted = workspace.deleteConnection(input.id);
      if (deleted) connectionsChanged();
      return { deleted };
    },

    async 'connections.parseUrl'(input) {
      const { spec } = parseConnectionUrl(input.url);
      return { spec, url: formatConnectionUrl(spec) };
    },

    async 'connections.test'(input, call) {
      const started = performance.now();
      try {
        const session = await openConnection(input.target, context, {
          ...(input.password ? { password: input.password } : {}),
        });
        try {
          if (call.signal.aborted) throw new TallyError('cancelled', 'The connection test was cancelled.');
          const serverVersion = await session.serverVersion();
          return {
            ok: true as const,
            serverVersion,
            latencyMs: Math.round(performance.now() - started),
            readOnly: session.readOnly,
          };
        } finally {
          await session.close();
        }
      } catch (error) {
        return { ok: false as const, error: toErrorData(error) };
      }
    },

    ...planHandlers(context),
    ...runHandlers(context, (event, payload) => dispatcher.emit(event, payload)),

    ...profileHandlers(context, (event, payload) => dispatcher.emit(event, payload)),
    ...validateHandlers(context, (event, payload) => dispatcher.emit(event, payload)),
    ...reviewHandlers(context),

    async 'schema.inspect'(input) {
      const session = await openConnection(input.target, context, {
        readOnly: true,
        ...(input.password ? { password: input.password } : {}),
      });
      try {
        return await session.inspect({ exactCountLimit, ...(input.schemas ? { schemas: input.schemas } : {}) });
      } finally {
        await session.close();
      }
    },
  };

  const dispatcher = createDispatcher(handlers);
  return dispatcher;
}
