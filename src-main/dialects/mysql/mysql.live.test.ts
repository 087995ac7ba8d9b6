/**
 * What the conformance suite does not reach, against the live server of MYSQL_URL (MariaDB 10.11
 * here): TLS modes, MariaDB's JSON columns, unsigned and MySQL-only types, views, defaults, row
 * estimates, hostile `?` names, and the read-only session's refusals.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TallyError } from '../../../src-shared/errors';
import type { MysqlSpec } from '../../../src-shared/connection';
import type { SchemaInfo, TableInfo } from '../../../src-shared/schema-info';
import type { DatabaseSession } from '../dialect';
import { mysqlDialect } from './index';

const adminUrl = process.env.MYSQL_URL;

async function refusal(promise: Promise<unknown>): Promise<TallyError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TallyError);
  return error as TallyError;
}

describe.skipIf(!adminUrl)(`MySQL/MariaDB details (${adminUrl ? 'MYSQL_URL' : 'not run: MYSQL_URL unset'})`, () => {
  const database = `tally_m_${Date.now().toString(36)}_${randomBytes(3).toString('hex')}`;
  let spec: MysqlSpec;
  let password: string | undefined;
  let writer: DatabaseSession;
  let schema: SchemaInfo;
  const table = (name: string): TableInfo | undefined => schema.tables.find((t) => t.name === name);
  const open = (readOnly: boolean, override: Partial<MysqlSpec> = {}): Promise<DatabaseSession> =>
    mysqlDialect.connect({ ...spec, ...override }, { password, readOnly, timeoutMs: 10_000 });

  beforeAll(async () => {
    const parsed = mysqlDialect.parseUrl(adminUrl ?? '');
    if (parsed.spec.dialect !== 'mysql') throw new Error('MYSQL_URL is not a MySQL URL');
    password = parsed.password ?? process.env.MYSQL_PWD;
    const admin = await mysqlDialect.connect(parsed.spec, { password, readOnly: false, timeoutMs: 10_000 });
    await admin.query(`CREATE DATABASE ${mysqlDialect.quoteIdentifier(database)}`);
    await admin.close();
    spec = { ...parsed.spec, database };
    writer = await open(false);
    const statements = [
      'CREATE TABLE `kinds` (`id` int unsigned NOT NULL AUTO_INCREMENT PRIMARY KEY, `big` bigint unsigned, `small` smallint unsigned,' +
        " `doc` json, `state` enum('new','done') NOT NULL DEFAULT 'new', `flags` set('a','b'), `bits` bit(12), `flag` bit(1)," +
        " `yr` year, `f4` float, `stamp` timestamp NULL DEFAULT NULL, `label` varchar(20) DEFAULT 'it''s', `nothing` varchar(5) DEFAULT NULL," +
        ' `tiny` tinytext, `blobby` mediumblob, `uid` uuid, `n` decimal(30,10) DEFAULT 0.5)',
      'CREATE TABLE `parent` (`a` int NOT NULL, `b` int NOT NULL, `code` varchar(10) NOT NULL, PRIMARY KEY (`a`, `b`), UNIQUE KEY `parent_code` (`code`), KEY `parent_ba` (`b`, `a`))',
      'CREATE TABLE `child` (`id` int NOT NULL PRIMARY KEY, `pa` int, `pb` int, `note` text,' +
        ' CONSTRAINT `child_parent` FOREIGN KEY (`pb`, `pa`) REFERENCES `parent` (`b`, `a`) ON DELETE CASCADE, KEY `child_note` (`note`(10)))',
      'CREATE VIEW `child_view` AS SELECT `id`, `note` FROM `child`',
      'CREATE TABLE `what?` (`why??` int NOT NULL PRIMARY KEY)',
    ];
    for (const sql of statements) await writer.query(sql);
    await writer.query('INSERT INTO `what?` (`why??`) VALUES (?), (?)', [1, 2]);
    await writer.query(
      "INSERT INTO `kinds` (`doc`, `stamp`, `big`) VALUES (?, '2024-03-31 01:30:00', '18446744073709551615')",
      ['{"a": 1}'],
    );
    schema = await writer.inspect({ exactCountLimit: 100_000 });
  });

  afterAll(async () => {
    await writer?.close();
    if (!adminUrl) return;
    const parsed = mysqlDialect.parseUrl(adminUrl);
    const admin = await mysqlDialect.connect(parsed.spec, { password, readOnly: false, timeoutMs: 10_000 });
    await admin.query(`DROP DATABASE IF EXISTS ${mysqlDialect.quoteIdentifier(database)}`);
    await admin.close();
  });

  it('names the server and its version', async () => {
    expect(await writer.serverVersion()).toMatch(/^(MariaDB|MySQL) \d+\.\d+\.\d+$/);
    expect(schema.database).toBe(database);
    expect(schema.tables.every((t) => t.schema === null)).toBe(true);
  });

  it('maps the MySQL-only types, and a MariaDB JSON column as json', () => {
    const columns = Object.fromEntries((table('kinds')?.columns ?? []).map((c) => [c.name, c]));
    expect(columns.id?.portableType).toEqual({ kind: 'integer', bits: 64 });
    expect(columns.id?.autoIncrement).toBe(true);
    expect(columns.big?.portableType).toEqual({ kind: 'decimal', precision: 20, scale: 0 });
    expect(columns.small?.portableType).toEqual({ kind: 'integer', bits: 32 });
    expect(columns.doc?.nativeType).toBe('json');
    expect(columns.doc?.portableType).toEqual({ kind: 'json' });
    expect(columns.state?.portableType).toEqual({ kind: 'text' });
    expect(columns.state?.portableNote).toMatch(/ENUM/);
    expect(columns.flags?.portableType).toEqual({ kind: 'text' });
    expect(columns.bits?.portableType).toEqual({ kind: 'binary', length: 2 });
    expect(columns.flag?.portableType).toEqual({ kind: 'boolean' });
    expect(columns.yr?.portableType).toEqual({ kind: 'integer', bits: 16 });
    expect(columns.f4?.portableType).toEqual({ kind: 'float' });
    expect(columns.f4?.portableNote).toMatch(/4-byte/);
    expect(columns.stamp?.portableType).toEqual({ kind: 'timestamptz' });
    expect(columns.tiny?.portableType).toEqual({ kind: 'text', length: 255 });
    expect(columns.blobby?.portableType).toEqual({ kind: 'binary' });
    expect(columns.n?.portableType).toEqual({ kind: 'decimal', precision: 30, scale: 10 });
    if (schema.serverVersion.startsWith('MariaDB')) expect(columns.uid?.portableType).toEqual({ kind: 'uuid' });
  });

  it('reports defaults as SQL expressions', () => {
    const columns = Object.fromEntries((table('kinds')?.columns ?? []).map((c) => [c.name, c]));
    expect(columns.state?.defaultValue).toBe("'new'");
    expect(columns.label?.defaultValue).toBe("'it''s'");
    expect(columns.nothing?.defaultValue).toBeNull();
    expect(columns.stamp?.defaultValue).toBeNull();
    expect(columns.n?.defaultValue).toMatch(/^0?\.50*$/);
  });

  it('reads values exactly: big numbers as strings, TIMESTAMP in UTC', async () => {
    const [row] = await writer.query('SELECT `big`, `stamp`, `n` FROM `kinds`');
    // 01:30 on the day European clocks skip an hour still reads back as stored: the session is in UTC.
    expect(row).toEqual({ big: '18446744073709551615', stamp: '2024-03-31 01:30:00', n: '0.5000000000' });
  });

  it('finds composite foreign keys in order, unique keys and secondary indexes', () => {
    expect(table('parent')?.uniqueConstraints).toEqual([{ name: 'parent_code', columns: ['code'] }]);
    expect(table('parent')?.indexes).toEqual([{ name: 'parent_ba', columns: ['b', 'a'], unique: false }]);
    const child = table('child');
    expect(child?.foreignKeys).toEqual([
      {
        name: 'child_parent',
        columns: ['pb', 'pa'],
        referencedTable: { schema: null, name: 'parent' },
        referencedColumns: ['b', 'a'],
        onDelete: 'CASCADE',
        onUpdate: null,
      },
    ]);
    expect(child?.indexes).toContainEqual({ name: 'child_note', columns: ['note'], unique: false });
  });

  it('lists views with their columns and no row count', () => {
    const view = table('child_view');
    expect(view?.kind).toBe('view');
    expect(view?.columns.map((c) => c.name)).toEqual(['id', 'note']);
    expect(view?.rowCount).toBeNull();
  });

  it('keeps `?` in names apart from the values', async () => {
    expect(table('what?')?.rowCount).toEqual({ value: 2, exact: true });
    expect(await writer.query('SELECT `why??` AS v FROM `what?` WHERE `why??` = ? -- why?', [2])).toEqual([{ v: 2 }]);
  });

  it('gives the estimate, marked inexact, above the exact-count limit', async () => {
    await writer.query('ANALYZE TABLE `what?`');
    const estimated = await writer.inspect({ exactCountLimit: 0 });
    const count = estimated.tables.find((t) => t.name === 'what?')?.rowCount;
    expect(count?.exact).toBe(false);
    expect(count?.value).toBeGreaterThan(0);
  });

  it('refuses every kind of write on a read-only session, and the ways back to read-write', async () => {
    const reader = await open(true);
    try {
      expect(await reader.query('SELECT COUNT(*) AS n FROM `what?`')).toEqual([{ n: '2' }]);
      for (const sql of [
        'UPDATE `what?` SET `why??` = 3',
        'DROP TABLE `what?`',
        'TRUNCATE TABLE `what?`',
        'ALTER TABLE `what?` ADD COLUMN `x` int',
        'CREATE TEMPORARY TABLE `scratch` (`x` int)',
        'CREATE DATABASE `tally_sneaky`',
        'SELECT * FROM `what?` FOR UPDATE',
        'SET SESSION TRANSACTION READ WRITE',
        'START TRANSACTION READ /* sneaky */ WRITE',
        'SET @@session.tx_read_only = 0',
        "PREPARE s FROM CONCAT('SET SESSION TRANSACTION READ', ' WRITE')",
        'SET GLOBAL max_connections = 151',
        "SELECT * FROM `what?` INTO OUTFILE '/tmp/tally-never-written.txt'",
      ])
        expect((await refusal(reader.query(sql))).code, sql).toBe('read-only');
    } finally {
      await reader.close();
    }
    expect(await writer.query('SELECT COUNT(*) AS n FROM `what?`')).toEqual([{ n: '2' }]);
  });

  it('falls back to plain text under PREFERRED only', async () => {
    const serverTls = await writer.query<{ v: string }>('SELECT @@have_ssl AS v').catch(() => [{ v: 'unknown' }]);
    if (serverTls[0]?.v === 'YES') return; // the server offers TLS: nothing to fall back from
    const preferred = await open(true, { tls: { mode: 'prefer' } });
    await preferred.close();
    const error = await refusal(open(true, { tls: { mode: 'require' } }));
    expect(error.code).toBe('tls-refused');
    expect(error.message).toContain('REQUIRED');
  });

  it('names a missing CA file', async () => {
    const error = await refusal(open(true, { tls: { mode: 'verify-full', caFile: '/nonexistent/tally-ca.pem' } }));
    expect(error.code).toBe('bad-input');
    expect(error.message).toContain('/nonexistent/tally-ca.pem');
  });

  it('explains an unknown column without the SQL text', async () => {
    const error = await refusal(writer.query('SELECT `nope` FROM `what?` WHERE `why??` = ?', ['secret-value']));
    expect(error.code).toBe('internal');
    expect(error.message).toMatch(/^MySQL at .+ reported an error: Unknown column 'nope'/);
    expect(error.message).not.toContain('secret-value');
  });
});
