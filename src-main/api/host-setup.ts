/** What every host does at start: open the workspace, set up the demo database if asked, build the API. */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { mkdirSync } from 'node:fs';
import type { SecretStore } from '../connections/secret-store';
import { MemorySecretStore } from '../connections/secret-store';
import { generateDemoDatabase } from '../demo/generate';
import { Workspace } from '../workspace/workspace';
import { createApi } from './api';
import type { Dispatcher } from './dispatcher';

export const demoConnectionName = 'Demo shop (legacy SQLite)';

export type HostSetupOptions = {
  host: 'electron' | 'web' | 'cli' | 'test';
  workspacePath: string;
  /** A demo database to open (generated when the file does not exist yet) and save as a connection. */
  demoDatabasePath?: string;
  /** Builds the secret store once the workspace is open (the desktop app's keychain store needs it). */
  secrets?: (workspace: Workspace) => SecretStore;
};

export type HostSetup = {
  workspace: Workspace;
  dispatcher: Dispatcher;
  demoDatabasePath: string | null;
  close(): void;
};

export function setUpHost(options: HostSetupOptions): HostSetup {
  let demoDatabasePath: string | null = null;
  if (options.demoDatabasePath) {
    demoDatabasePath = options.demoDatabasePath;
    if (!existsSync(demoDatabasePath)) {
      mkdirSync(dirname(demoDatabasePath), { recursive: true });
      generateDemoDatabase({ file: demoDatabasePath });
    }
  }
  const workspace = Workspace.open(options.workspacePath);
  if (demoDatabasePath && !workspace.findConnectionByName(demoConnectionName)) {
    workspace.saveConnection({
      name: demoConnectionName,
      role: 'source',
      spec: { dialect: 'sqlite', file: demoDatabasePath },
    });
  }
  const secrets = options.secrets ? options.secrets(workspace) : new MemorySecretStore();
  const dispatcher = createApi({ workspace, secrets, host: options.host, demoDatabasePath });
  return { workspace, dispatcher, demoDatabasePath, close: () => workspace.close() };
}
