import knexFactory from 'knex';
import { afterAll, describe, expect, it } from 'vitest';
import { escapeKnexPlaceholders, mssqlReadOnlyViolation, scanTsql } from './sql-text';

describe('T-SQL scanner', () => {
  it('tells code from strings, quoted names and comments', () => {
    expect(scanTsql(`SELECT [a]]b], "c""d", N'it''s' -- note?\nFROM t /* x /* nested */ still */ WHERE y = ?`)).toEqual(
      [
        { kind: 'code', text: 'SELECT ' },
        { kind: 'quoted-name', text: '[a]]b]' },
        { kind: 'code', text: ', ' },
        { kind: 'quoted-name', text: '"c""d"' },
        { kind: 'code', text: ', N' },
        { kind: 'string', text: "'it''s'" },
        { kind: 'code', text: ' ' },
        { kind: 'comment', text: '-- note?' },
        { kind: 'code', text: '\nFROM t ' },
        { kind: 'comment', text: '/* x /* nested */ still */' },
        { kind: 'code', text: ' WHERE y = ?' },
      ],
    );
  });

  it('runs an unclosed quote or comment to the end', () => {
    expect(scanTsql("SELECT 'open")).toEqual([
      { kind: 'code', text: 'SELECT ' },
      { kind: 'string', text: "'open" },
    ]);
    expect(scanTsql('SELECT 1 /* open')).toEqual([
      { kind: 'code', text: 'SELECT 1 ' },
      { kind: 'comment', text: '/* open' },
    ]);
  });
});

describe('knex placeholders in T-SQL', () => {
  // knex builds SQL Server's text without a server: toNative() is what tedious would be sent.
  const knex = knexFactory({ client: 'mssql' });
  afterAll(() => knex.destroy());
  const native = (sql: string, bindings: (string | number)[]): { sql: string; bindings: readonly unknown[] } =>
    knex.raw(escapeKnexPlaceholders(sql), bindings).toSQL().toNative();

  it.each([
    ['SELECT * FROM [what?] WHERE [why??] = ?', [1], 'SELECT * FROM [what?] WHERE [why??] = @p0'],
    ['SELECT "a?b" FROM t WHERE x = ? AND y = ?', [1, 2], 'SELECT "a?b" FROM t WHERE x = @p0 AND y = @p1'],
    ["SELECT 'really?' AS q, ? AS v -- why?", ['x'], "SELECT 'really?' AS q, @p0 AS v -- why?"],
    ['SELECT 1 /* ?? */ FROM [a\\?b]', [], 'SELECT 1 /* ?? */ FROM [a\\?b]'],
    ['SELECT COUNT_BIG(*) AS n FROM [dbo].[order`s]]]', [], 'SELECT COUNT_BIG(*) AS n FROM [dbo].[order`s]]]'],
  ])('%s', (sql, bindings, expected) => {
    const built = native(sql, bindings);
    expect(built.sql).toBe(expected);
    expect(built.bindings).toEqual(bindings);
  });
});

describe('SQL Server read-only guard', () => {
  it.each([
    'SELECT * FROM [dbo].[orders] WHERE [id] = ?',
    'select 1',
    '  -- leading comment\n SELECT 1',
    'WITH recent AS (SELECT * FROM t WHERE d > ?) SELECT * FROM recent',
    'SELECT [delete], [insert], "drop" FROM [update]',
    "SELECT 'DROP TABLE t; DELETE FROM t' AS harmless",
    'SELECT 1 /* UPDATE t SET x = 1 */',
    'SELECT a FROM t WITH (NOLOCK) ORDER BY a OFFSET 10 ROWS FETCH NEXT 10 ROWS ONLY',
    'SELECT update_count, exec_time FROM dbo.insert_log',
    "SELECT CAST(SERVERPROPERTY('ProductVersion') AS nvarchar(128)) AS v",
    'SELECT 1; SELECT 2',
    '(SELECT 1) UNION (SELECT 2)',
  ])('lets %s through', (sql) => {
    expect(mssqlReadOnlyViolation(sql)).toBeUndefined();
  });

  it.each([
    ['INSERT INTO t (a) VALUES (?)', /only SELECT/],
    ['DELETE FROM t', /only SELECT/],
    ['CREATE TABLE [sneaky] ([id] INTEGER)', /only SELECT/],
    ['EXEC sp_who', /only SELECT/],
    ['sp_who', /only SELECT/],
    ['TRUNCATE TABLE t', /only SELECT/],
    ['MERGE INTO t USING s ON 1 = 1 WHEN MATCHED THEN DELETE;', /only SELECT/],
    ['DECLARE @x int', /only SELECT/],
    ['SET IDENTITY_INSERT t ON', /only SELECT/],
    ['SELECT * INTO copy FROM t', /^INTO is not allowed/],
    ['SELECT 1 DELETE FROM t', /^DELETE is not allowed/],
    ['SELECT 1; DROP TABLE t', /^DROP is not allowed/],
    ['select 1\nupdate t set a = 1', /^UPDATE is not allowed/],
    ['WITH c AS (SELECT * FROM t) DELETE FROM c', /^DELETE is not allowed/],
    ['WITH c AS (SELECT * FROM t) UPDATE c SET x = 1', /^UPDATE is not allowed/],
    ["SELECT 1 EXECUTE ('DROP TABLE t')", /^EXECUTE is not allowed/],
    ["SELECT * FROM OPENQUERY(remote, 'DELETE FROM t')", /^OPENQUERY is not allowed/],
    ["SELECT * FROM OPENROWSET('SQLNCLI', 'x', 'SELECT 1')", /^OPENROWSET is not allowed/],
    ['SELECT 1 BEGIN TRAN', /^BEGIN is not allowed/],
    ['SELECT 1 USE master', /^USE is not allowed/],
    ['SELECT NEXT VALUE FOR dbo.seq', /NEXT VALUE FOR/],
    ['SELECT 1 WAITFOR (RECEIVE TOP (1) * FROM q)', /^RECEIVE is not allowed/],
  ])('refuses %s', (sql, reason) => {
    expect(mssqlReadOnlyViolation(sql)).toMatch(reason);
  });
});
