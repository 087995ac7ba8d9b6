/** The plan methods through the dispatcher, on real SQLite files. */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../src-shared/rpc/client';
import { TallyError } from '../../src-shared/errors';
import { MemorySecretStore } from '../connections/secret-store';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { makeTempDir, requireChinook } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';
import { createApi } from './api';
import { createInProcessClient } from './in-process';

describe('the plan API', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let workspace: Workspace;
  let api: ApiClient;
  let sourceFile: string;
  let targetFile: string;

  beforeEach(() => {
    temp = makeTempDir('plan-api');
    sourceFile = join(temp.dir, 'chinook.db');
    targetFile = join(temp.dir, 'target.db');
    copyFileSync(requireChinook(), sourceFile);
    workspace = Workspace.open(join(temp.dir, 'project.tally'));
    api = createInProcessClient(createApi({ workspace, secrets: new MemorySecretStore(), host: 'test', env: {} }));
  });

  afterEach(() => {
    api.dispose();
    workspace.close();
    temp.remove();
  });

  async function createPlan(tables?: string[]) {
    return api.call('plan.create', {
      source: { url: `sqlite:${sourceFile}` },
      target: { url: `sqlite:${targetFile}` },
      ...(tables ? { tables } : {}),
    });
  }

  it('auto-maps Chinook to a new SQLite file, saves versions and diffs them', async () => {
    const plan = await createPlan();
    expect(plan.tables).toHaveLength(11);
    expect(plan.tables.every((t) => t.createIfMissing)).toBe(true);
    expect(plan.source.url).toBe(`sqlite:${sourceFile}`);

    const first = await api.call('plan.save', { plan, note: 'first cut' });
    expect(first).toMatchObject({ version: 1, unchanged: false });
    const again = await api.call('plan.save', { planId: first.planId, plan });
    expect(again).toMatchObject({ version: 1, unchanged: true });

    const edited = structuredClone(plan);
    const name = edited.tables.find((t) => t.id === 'Artist')?.columns.find((c) => c.target === 'Name');
    if (!name) throw new Error('Artist.Name is missing');
    name.transforms = [{ name: 'trim', params: {} }];
    name.review = { status: 'agreed', owner: 'ann' };
    const second = await api.call('plan.save', { planId: first.planId, plan: edited });
    expect(second).toMatchObject({ version: 2, unchanged: false });

    expect((await api.call('plan.history', { planId: first.planId })).map((v) => [v.version, v.note])).toEqual([
      [2, null],
      [1, 'first cut'],
    ]);
    expect((await api.call('plan.get', { planId: first.planId, version: 1 })).plan).toEqual(plan);
    const { changes } = await api.call('plan.diff', { planId: first.planId, from: 1, to: 2 });
    expect(changes.map((c) => c.message)).toEqual([
      'Artist.Name: transforms changed from [] to [{"name":"trim","params":{}}].',
      'Artist.Name: review changed from {"status":"draft"} to {"status":"agreed","owner":"ann"}.',
    ]);
    expect(await api.call('plan.list', {})).toEqual([
      expect.objectContaining({ planId: first.planId, latestVersion: 2 }),
    ]);
  });

  it('reports schema drift in the source, by table and column', async () => {
    const plan = await createPlan(['Artist', 'Album']);
    expect(await api.call('plan.drift', { plan })).toEqual({ ok: true, source: [], target: [] });
    const db = openSqliteDatabase(sourceFile);
    db.exec('ALTER TABLE Artist ADD COLUMN Country TEXT; ALTER TABLE Album RENAME COLUMN Title TO AlbumTitle;');
    db.close();
    const drift = await api.call('plan.drift', { plan });
    expect(drift.ok).toBe(false);
    expect(drift.source.map((c) => c.message).sort()).toEqual([
      'Column Album.AlbumTitle is new.',
      'Column Album.Title no longer exists.',
      'Column Artist.Country is new.',
    ]);
  });

  it('shows the DDL it would run and real sample rows for the preview', async () => {
    const plan = await createPlan(['Artist', 'Album']);
    const ddl = await api.call('plan.ddl', { plan, tableId: 'Album' });
    expect(ddl.dialect).toBe('SQLite');
    expect(ddl.createTable[0]).toContain('CREATE TABLE "Album" (');
    expect(ddl.createTable[0]).toContain('"Title" VARCHAR(160) NOT NULL');
    expect(ddl.createTable[0]).toContain('FOREIGN KEY ("ArtistId") REFERENCES "Artist" ("ArtistId")');
    const sample = await api.call('plan.sampleRows', { plan, tableId: 'Artist', limit: 3 });
    expect(sample.columns).toEqual(['ArtistId', 'Name']);
    expect(sample.rows).toEqual([
      { ArtistId: 1, Name: 'AC/DC' },
      { ArtistId: 2, Name: 'Accept' },
      { ArtistId: 3, Name: 'Aerosmith' },
    ]);
    const missing = await api.call('plan.ddl', { plan, tableId: 'Nope' }).catch((e: unknown) => e);
    expect(missing).toEqual(new TallyError('not-found', 'The plan has no table mapping Nope.'));
  });

  it('imports a plan file as the next version, and refuses a broken one with the place it is wrong', async () => {
    const plan = await createPlan(['Artist']);
    const imported = await api.call('plan.import', { content: JSON.stringify(plan) });
    expect(imported).toMatchObject({ version: 1, plan });
    const renamed = await api.call('plan.import', {
      planId: imported.planId,
      content: JSON.stringify({ ...plan, name: 'renamed' }),
    });
    expect(renamed.version).toBe(2);
    const notJson = await api.call('plan.import', { content: '{"tally": 1,' }).catch((e: unknown) => e);
    expect((notJson as TallyError).message).toMatch(/^The plan file is not valid JSON: /);
    const wrongShape = { ...plan, tables: [{ ...plan.tables[0], writeMode: 'sideways' }] };
    const invalid = await api.call('plan.import', { content: JSON.stringify(wrongShape) }).catch((e: unknown) => e);
    expect((invalid as TallyError).message).toMatch(/^The plan file is not valid \(tables\.0\.writeMode\): /);
  });

  it('refuses a plan whose URL carries a password', async () => {
    const plan = await createPlan(['Artist']);
    const leaky = { ...plan, target: { url: 'postgres://loader:hunter22@db/dw' } };
    const error = await api.call('plan.save', { plan: leaky }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TallyError);
    expect((error as TallyError).message).toContain('A plan never holds a password');
    expect((error as TallyError).message).not.toContain('hunter22');
  });
});
