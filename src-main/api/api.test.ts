/** The API through its dispatcher and the in-memory transport, against real SQLite files. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ApiClient } from '../../src-shared/rpc/client';
import { TallyError } from '../../src-shared/errors';
import { MemorySecretStore } from '../connections/secret-store';
import { chinookRowCounts, makeTempDir, requireChinook } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { createApi } from './api';
import { createDispatcher, type Handlers } from './dispatcher';
import { createInProcessClient } from './in-process';

async function rejection(promise: Promise<unknown>): Promise<TallyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TallyError);
  return error as TallyError;
}

describe('the API over the in-process transport', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let workspace: Workspace;
  let api: ApiClient;

  beforeEach(() => {
    temp = makeTempDir('api');
    workspace = Workspace.open(join(temp.dir, 'project.tally'));
    api = createInProcessClient(createApi({ workspace, secrets: new MemorySecretStore(), host: 'test', env: {} }));
  });

  afterEach(() => {
    api.dispose();
    workspace.close();
    temp.remove();
  });

  it('describes the host and the dialects', async () => {
    const info = await api.call('app.info', {});
    expect(info).toMatchObject({
      host: 'test',
      secretStore: 'memory',
      workspacePath: workspace.path,
      demoDatabasePath: null,
    });
    const dialects = await api.call('dialects.list', {});
    expect(dialects.map((d) => d.name).sort()).toEqual(['mssql', 'mysql', 'postgres', 'sqlite']);
    expect(dialects.find((d) => d.name === 'postgres')).toMatchObject({
      defaultPort: 5432,
      passwordEnvVars: ['PGPASSWORD'],
    });
  });

  it('saves, lists, edits and deletes connections, and pushes the change', async () => {
    const pushed: number[] = [];
    const stop = api.on('connections.changed', (payload) => pushed.push(payload.connections.length));
    const saved = await api.call('connections.save', {
      name: 'Chinook',
      role: 'source',
      spec: { dialect: 'sqlite', file: requireChinook() },
    });
    expect(saved.url).toBe(`sqlite:${requireChinook()}`);
    const edited = await api.call('connections.save', { ...saved, name: 'Chinook (read-only)' });
    expect(edited.id).toBe(saved.id);
    expect((await api.call('connections.list', {})).map((c) => c.name)).toEqual(['Chinook (read-only)']);
    expect(await api.call('connections.delete', { id: saved.id })).toEqual({ deleted: true });
    expect(await api.call('connections.list', {})).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(pushed).toEqual([1, 1, 0]);
    stop();
  });

  it('never writes a password into the workspace file', async () => {
    const password = 'S3cret-Horse-Battery';
    const saved = await api.call('connections.save', {
      name: 'Warehouse',
      role: 'target',
      spec: {
        dialect: 'postgres',
        host: 'db.internal',
        port: 5432,
        database: 'dw',
        user: 'loader',
        tls: { mode: 'require' },
      },
      password,
    });
    expect(saved.hasStoredSecret).toBe(true);
    expect(saved.url).toBe('postgres://loader@db.internal:5432/dw?sslmode=require');
    workspace.close();
    const bytes =
      readFileSync(workspace.path).toString('latin1') +
      readFileSync(`${workspace.path}-wal`, { flag: 'a+' }).toString('latin1');
    expect(bytes).toContain('db.internal');
    expect(bytes).not.toContain(password);
    workspace = Workspace.open(workspace.path);
  });

  it('refuses invalid input with one sentence naming the field', async () => {
    const error = await rejection(
      api.call('connections.save', { name: ' ', role: 'source', spec: { dialect: 'sqlite', file: 'x.db' } }),
    );
    expect(error.code).toBe('bad-input');
    expect(error.message).toBe('The input of connections.save is not valid (name): A connection needs a name.');
  });

  it('refuses a second connection with the same name', async () => {
    const spec = { dialect: 'sqlite' as const, file: requireChinook() };
    await api.call('connections.save', { name: 'Chinook', role: 'source', spec });
    const error = await rejection(api.call('connections.save', { name: 'Chinook', role: 'target', spec }));
    expect(error.message).toBe('A connection named "Chinook" already exists.');
  });

  it('parses URLs into specs and back, without the password', async () => {
    const parsed = await api.call('connections.parseUrl', {
      url: 'postgres://ann:hunter22@db.example.com:6543/sales?sslmode=verify-full',
    });
    expect(parsed.spec).toMatchObject({
      dialect: 'postgres',
      host: 'db.example.com',
      port: 6543,
      database: 'sales',
      user: 'ann',
    });
    expect(parsed.url).toBe('postgres://ann@db.example.com:6543/sales?sslmode=verify-full');
    const bad = await rejection(api.call('connections.parseUrl', { url: 'oracle://scott@db/orcl' }));
    expect(bad.code).toBe('bad-url');
    expect(bad.message).toMatch(/^Tally does not know the URL scheme "oracle:"/);
  });

  it('tests a source connection read-only and classifies a missing file', async () => {
    const ok = await api.call('connections.test', { target: { spec: { dialect: 'sqlite', file: requireChinook() } } });
    expect(ok).toMatchObject({ ok: true, readOnly: true });
    if (ok.ok) expect(ok.serverVersion).toMatch(/^SQLite 3\.\d+/);
    const missing = await api.call('connections.test', { target: { url: 'sqlite:/no/such/folder/shop.db' } });
    expect(missing).toEqual({
      ok: false,
      error: { code: 'file-missing', message: 'The SQLite file /no/such/folder/shop.db does not exist.' },
    });
  });

  it('inspects Chinook through a saved connection', async () => {
    const saved = await api.call('connections.save', {
      name: 'Chinook',
      role: 'source',
      spec: { dialect: 'sqlite', file: requireChinook() },
    });
    const schema = await api.call('schema.inspect', { target: { connectionId: saved.id } });
    expect(Object.fromEntries(schema.tables.map((t) => [t.name, t.rowCount?.value]))).toEqual(chinookRowCounts);
    const track = schema.tables.find((t) => t.name === 'Track');
    expect(track?.foreignKeys.map((fk) => fk.referencedTable.name).sort()).toEqual(['Album', 'Genre', 'MediaType']);
  });

  it('answers an unknown saved connection with not-found', async () => {
    const error = await rejection(api.call('schema.inspect', { target: { connectionId: 'nope' } }));
    expect(error).toMatchObject({ code: 'not-found', message: 'There is no saved connection with id nope.' });
  });
});

describe('the dispatcher', () => {
  function stubHandlers(overrides: Partial<Handlers>): Handlers {
    const notUsed = (): Promise<never> => Promise.reject(new Error('not used in this test'));
    return new Proxy(overrides, {
      get: (target, key: string) => (target as Record<string, unknown>)[key] ?? notUsed,
    }) as Handlers;
  }

  it('turns an invalid handler output into an internal error instead of passing it on', async () => {
    const dispatcher = createDispatcher(
      stubHandlers({ 'connections.list': () => Promise.resolve([{ id: 1 }] as unknown as never) }),
    );
    const client = createInProcessClient(dispatcher);
    const error = await rejection(client.call('connections.list', {}));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^The output of connections\.list is not valid/);
    client.dispose();
  });

  it('cancels a call when the client aborts it', async () => {
    let sawAbort = false;
    const dispatcher = createDispatcher(
      stubHandlers({
        'dialects.list': (_input, context) =>
          new Promise((resolve) => {
            context.signal.addEventListener('abort', () => {
              sawAbort = true;
              resolve([]);
            });
          }),
      }),
    );
    const client = createInProcessClient(dispatcher);
    const controller = new AbortController();
    const pending = client.call('dialects.list', {}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 5);
    const error = await rejection(pending);
    expect(error).toMatchObject({ code: 'cancelled', message: 'The call to dialects.list was cancelled.' });
    expect(sawAbort).toBe(true);
    client.dispose();
  });

  it('answers an unknown method and keeps stack traces out of errors', async () => {
    const dispatcher = createDispatcher(
      stubHandlers({ 'dialects.list': () => Promise.reject(new Error('boom at postgres://u:pw123@h/db')) }),
    );
    const replies: unknown[] = [];
    const session = dispatcher.openSession((message) => replies.push(message));
    session.receive({ kind: 'call', id: 1, method: 'no.such', input: {} });
    session.receive({ kind: 'call', id: 2, method: 'dialects.list', input: {} });
    session.receive({ kind: 'garbage' });
    await new Promise((resolve) => setTimeout(resolve, 10));
    const shape = z.array(
      z.object({ id: z.number(), ok: z.literal(false), error: z.object({ code: z.string(), message: z.string() }) }),
    );
    const parsed = shape.parse(replies);
    expect(parsed.find((r) => r.id === 1)?.error).toEqual({
      code: 'not-found',
      message: 'Tally has no API method named "no.such".',
    });
    expect(parsed.find((r) => r.id === 2)?.error).toEqual({
      code: 'internal',
      message: 'Tally hit an unexpected error: boom at postgres://u:***@h/db',
    });
  });
});
