import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TallyError } from '../../src-shared/errors';
import { KeychainSecretStore, type SecretCipher } from '../connections/secret-store';
import { type openSqliteDatabase } from '../dialects/sqlite/native';
import { makeTempDir } from '../testing/fixtures';
import { workspaceMigrations } from './migrations';
import { Workspace, latestWorkspaceVersion } from './workspace';

describe('the workspace file', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let path: string;

  beforeEach(() => {
    temp = makeTempDir('workspace');
    path = join(temp.dir, 'nested', 'project.tally');
  });
  afterEach(() => temp.remove());

  it('is created at the latest schema version and keeps connections across reopenings', () => {
    const workspace = Workspace.open(path);
    expect(workspace.schemaVersion).toBe(latestWorkspaceVersion);
    const saved = workspace.saveConnection({
      name: 'Shop',
      role: 'source',
      spec: { dialect: 'sqlite', file: 'shop.db' },
    });
    workspace.close();
    const again = Workspace.open(path);
    expect(again.listConnections()).toEqual([saved]);
    expect(again.getConnection(saved.id)?.spec).toEqual({ dialect: 'sqlite', file: 'shop.db' });
    again.close();
  });

  it('upgrades an older file step by step and refuses one from a newer Tally', () => {
    const v1Only = workspaceMigrations.filter((m) => m.version === 1);
    Workspace.open(path, v1Only).close();
    const laterStep = {
      version: 2,
      description: 'test step',
      up: (db: ReturnType<typeof openSqliteDatabase>) => db.exec('CREATE TABLE test_step (id INTEGER PRIMARY KEY)'),
    };
    const upgraded = Workspace.open(path, [...v1Only, laterStep]);
    expect(upgraded.schemaVersion).toBe(2);
    upgraded.close();
    let error: unknown;
    try {
      Workspace.open(path, v1Only);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(TallyError);
    expect((error as TallyError).message).toBe(
      `${path} was written by a newer Tally (workspace version 2; this Tally knows up to 1).`,
    );
  });

  it('refuses a file that is not a workspace', () => {
    const notWorkspace = join(temp.dir, 'notes.txt');
    writeFileSync(notWorkspace, 'just some text, not a database at all'.repeat(20));
    expect(() => Workspace.open(notWorkspace)).toThrow(/is not a Tally workspace/);
  });

  it('keeps only ciphertext of a remembered password', () => {
    // A stand-in for the OS keychain: reversible, and visibly not the plain text.
    const cipher: SecretCipher = {
      encryptString: (text) => Buffer.from(Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a)),
      decryptString: (data) => Buffer.from(data.map((byte) => byte ^ 0x5a)).toString('utf8'),
    };
    const workspace = Workspace.open(path);
    const saved = workspace.saveConnection({
      name: 'Warehouse',
      role: 'target',
      spec: { dialect: 'mysql', host: 'db', database: 'dw', user: 'etl', tls: { mode: 'require' } },
    });
    const store = new KeychainSecretStore(workspace, cipher);
    store.set(saved.id, 'Correct-Horse-42');
    expect(store.get(saved.id)).toBe('Correct-Horse-42');
    expect(store.has(saved.id)).toBe(true);
    workspace.close();
    const bytes = readFileSync(path).toString('latin1');
    expect(bytes).not.toContain('Correct-Horse-42');
    const reopened = Workspace.open(path);
    expect(new KeychainSecretStore(reopened, cipher).get(saved.id)).toBe('Correct-Horse-42');
    reopened.deleteConnection(saved.id);
    expect(new KeychainSecretStore(reopened, cipher).has(saved.id)).toBe(false);
    reopened.close();
  });
});
