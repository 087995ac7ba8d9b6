import { describe, expect, it } from 'vitest';
import type { ConnectionSpec, MysqlSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { mysqlConnectionOptions, mysqlDialect, mysqlSslOptions, serverLabel, sessionSetupStatements } from './index';
import { isJsonCheck, mysqlCatalogSql, normaliseDefault } from './inspect';
import { mysqlReadOnlyViolation } from './read-only-guard';

describe('mysql URLs', () => {
  it('reads host, port, database, user and TLS, and hands the password back separately', () => {
    const { spec, password } = mysqlDialect.parseUrl(
      'mysql://ann:s3cret@db.example.com:3307/sales?ssl-mode=VERIFY_IDENTITY&ssl-ca=%2Fetc%2Fca.pem',
    );
    expect(spec).toEqual({
      dialect: 'mysql',
      host: 'db.example.com',
      port: 3307,
      database: 'sales',
      user: 'ann',
      tls: { mode: 'verify-full', caFile: '/etc/ca.pem' },
    });
    expect(password).toBe('s3cret');
    expect(mysqlDialect.formatUrl(spec)).toBe(
      'mysql://ann@db.example.com:3307/sales?ssl-mode=VERIFY_IDENTITY&ssl-ca=%2Fetc%2Fca.pem',
    );
  });

  it.each([
    ['DISABLED', 'disable'],
    ['PREFERRED', 'prefer'],
    ['REQUIRED', 'require'],
    ['VERIFY_CA', 'verify-ca'],
    ['VERIFY_IDENTITY', 'verify-full'],
    ['required', 'require'],
    ['verify-full', 'verify-full'],
  ])('maps ssl-mode=%s to %s', (mysqlMode, tallyMode) => {
    expect(mysqlDialect.parseUrl(`mysql://h/db?ssl-mode=${mysqlMode}`).spec).toMatchObject({
      tls: { mode: tallyMode },
    });
  });

  it('answers to mariadb:// too, defaults to PREFERRED and leaves it out when formatting', () => {
    const { spec } = mysqlDialect.parseUrl('mariadb://u@h/db');
    expect(spec).toEqual({ dialect: 'mysql', host: 'h', database: 'db', user: 'u', tls: { mode: 'prefer' } });
    expect(mysqlDialect.formatUrl(spec)).toBe('mysql://u@h/db');
    expect(mysqlDialect.urlSchemes).toEqual(['mysql', 'mariadb']);
  });

  it.each([
    'mysql://h/db',
    'mysql://u@h:3306/db?ssl-mode=DISABLED',
    'mysql://u@[::1]:3307/my%20db?ssl-mode=VERIFY_CA&ssl-ca=%2Fca.pem',
  ])('round-trips %s', (url) => {
    const { spec } = mysqlDialect.parseUrl(url);
    expect(mysqlDialect.parseUrl(mysqlDialect.formatUrl(spec)).spec).toEqual(spec);
  });

  it.each([
    [
      'mysql://h/db?ssl-mode=SOMETIMES',
      /ssl-mode=SOMETIMES must be one of DISABLED, PREFERRED, REQUIRED, VERIFY_CA, VERIFY_IDENTITY/,
    ],
    ['mysql://h/db?sslmode=require', /unknown parameter "sslmode"/],
    ['mysql://h', /names no database/],
    ['mysql://u:pw@h:99999/db', /^"mysql:\/\/u:\*\*\*@h:99999\/db" is not a valid MySQL URL\.$/],
  ])('refuses %s', (url, message) => {
    expect(() => mysqlDialect.parseUrl(url)).toThrow(message);
    expect(() => mysqlDialect.parseUrl(url)).toThrow(TallyError);
  });

  it('describes itself for the connection form', () => {
    expect(mysqlDialect.info).toMatchObject({ name: 'mysql', defaultPort: 3306, passwordEnvVars: ['MYSQL_PWD'] });
    expect(mysqlDialect.capabilities).toEqual({
      schemas: false,
      enforcesReadOnlySessions: true,
      transactionalDdl: false,
      catalogRowEstimates: true,
      fileDatabase: false,
      inProcess: false,
    });
  });
});

describe('mysql identifiers', () => {
  it.each([
    ['plain', '`plain`'],
    ['order`s]', '`order``s]`'],
    ['a"b', '`a"b`'],
    ['``', '``````'],
    ['Customers Ü 表', '`Customers Ü 表`'],
    ['what?', '`what?`'],
  ])('quotes %s', (name, quoted) => {
    expect(mysqlDialect.quoteIdentifier(name)).toBe(quoted);
  });

  it('qualifies a table only when it lives in another database', () => {
    expect(mysqlDialect.quoteTable({ schema: null, name: 'orders' })).toBe('`orders`');
    expect(mysqlDialect.quoteTable({ schema: 'other db', name: 'x`y' })).toBe('`other db`.`x``y`');
  });
});

describe('mysql connection options', () => {
  const spec = (tls: MysqlSpec['tls']): MysqlSpec => ({ dialect: 'mysql', host: 'h', database: 'db', user: 'u', tls });

  it('asks mysql2 for exact values: big numbers and dates as strings, utf8mb4, UTC parameters', () => {
    const options = mysqlConnectionOptions(
      spec({ mode: 'disable' }),
      { password: 'pw', readOnly: true, timeoutMs: 7000 },
      undefined,
    );
    expect(options).toEqual({
      host: 'h',
      port: 3306,
      database: 'db',
      user: 'u',
      password: 'pw',
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      timezone: 'Z',
      charset: 'utf8mb4',
      connectTimeout: 7000,
    });
  });

  it.each([
    ['disable', undefined],
    ['prefer', { rejectUnauthorized: false }],
    ['require', { rejectUnauthorized: false }],
    ['verify-ca', { rejectUnauthorized: true, verifyIdentity: false }],
    ['verify-full', { rejectUnauthorized: true, verifyIdentity: true }],
  ] as const)('TLS for %s', (mode, ssl) => {
    expect(mysqlSslOptions(spec({ mode }))).toEqual(ssl);
  });

  it('names a CA file that does not exist', () => {
    expect(() => mysqlSslOptions(spec({ mode: 'verify-ca', caFile: '/nonexistent/ca.pem' }))).toThrow(
      /^The CA file \/nonexistent\/ca\.pem for MySQL at h:3306 does not exist\.$/,
    );
  });

  it('sets up every pooled connection: UTC always, READ ONLY for a source', () => {
    expect(sessionSetupStatements(false)).toEqual([
      "SET SESSION time_zone = '+00:00'",
      '/*!80000 SET SESSION information_schema_stats_expiry = 0 */',
    ]);
    expect(sessionSetupStatements(true)).toContain('SET SESSION TRANSACTION READ ONLY');
  });

  it.each([
    ['10.11.19-MariaDB-0+deb12u1', 'Debian 12', 'MariaDB 10.11.19'],
    ['11.4.2-MariaDB', 'mariadb.org binary distribution', 'MariaDB 11.4.2'],
    ['8.0.36', 'MySQL Community Server - GPL', 'MySQL 8.0.36'],
    ['8.4.0-commercial', 'MySQL Enterprise Server - Commercial', 'MySQL 8.4.0'],
  ])('labels %s as %s', (version, comment, label) => {
    expect(serverLabel(version, comment)).toBe(label);
  });
});

describe('mysql error classification', () => {
  const spec: ConnectionSpec = {
    dialect: 'mysql',
    host: 'db.example.com',
    database: 'sales',
    user: 'ann',
    tls: { mode: 'require' },
  };
  const serverError = (errno: number, code: string, sqlMessage: string): Error =>
    Object.assign(new Error(`SELECT 1 - ${sqlMessage}`), { errno, code, sqlMessage, sqlState: 'HY000' });
  const classify = (error: unknown): TallyError => mysqlDialect.classifyError(error, spec);

  it.each([
    [
      serverError(1045, 'ER_ACCESS_DENIED_ERROR', "Access denied for user 'ann'@'10.0.0.2' (using password: YES)"),
      'auth-failed',
      'MySQL at db.example.com:3306 refused the login of user "ann": wrong password, or the user may not connect from this host.',
    ],
    [
      serverError(1698, 'ER_ACCESS_DENIED_NO_PASSWORD_ERROR', "Access denied for user 'ann'@'localhost'"),
      'auth-failed',
      /refused the login of user "ann"/,
    ],
    [
      serverError(1049, 'ER_BAD_DB_ERROR', "Unknown database 'sales'"),
      'database-missing',
      'MySQL at db.example.com:3306 has no database "sales".',
    ],
    [
      serverError(1044, 'ER_DBACCESS_DENIED_ERROR', "Access denied for user 'ann'@'%' to database 'sales'"),
      'database-missing',
      /no database "sales" that user "ann" may use/,
    ],
    [
      serverError(
        1792,
        'ER_CANT_EXECUTE_IN_READ_ONLY_TRANSACTION',
        'Cannot execute statement in a READ ONLY transaction',
      ),
      'read-only',
      /session is read-only/,
    ],
    [
      serverError(
        1290,
        'ER_OPTION_PREVENTS_STATEMENT',
        'The MariaDB server is running with the --read-only option so it cannot execute this statement',
      ),
      'read-only',
      /server runs read-only/,
    ],
    [
      serverError(3159, 'ER_SECURE_TRANSPORT_REQUIRED', 'Connections using insecure transport are prohibited'),
      'tls-refused',
      /only TLS connections/,
    ],
    [
      Object.assign(new Error('Server does not support secure connection'), { code: 'HANDSHAKE_NO_SSL_SUPPORT' }),
      'tls-refused',
      'MySQL at db.example.com:3306 does not offer TLS, and ssl-mode=REQUIRED asks for it.',
    ],
    [
      Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }),
      'tls-refused',
      'The TLS connection to MySQL at db.example.com:3306 failed: self-signed certificate in certificate chain.',
    ],
    [
      Object.assign(new Error("Hostname/IP does not match certificate's altnames"), {
        code: 'ERR_TLS_CERT_ALTNAME_INVALID',
      }),
      'tls-refused',
      /TLS connection/,
    ],
    [
      Object.assign(new Error('connect ECONNREFUSED 10.0.0.1:3306'), { code: 'ECONNREFUSED', errno: -111 }),
      'host-unreachable',
      'Cannot reach MySQL at db.example.com:3306: nothing is listening on that port.',
    ],
    [
      Object.assign(new Error('getaddrinfo ENOTFOUND db.example.com'), { code: 'ENOTFOUND', errno: -3008 }),
      'host-unreachable',
      /does not resolve/,
    ],
    [
      Object.assign(new Error('connect ETIMEDOUT'), { code: 'ETIMEDOUT' }),
      'timeout',
      /Timed out connecting to MySQL at db.example.com:3306/,
    ],
    [
      serverError(1146, 'ER_NO_SUCH_TABLE', "Table 'sales.nope' doesn't exist"),
      'internal',
      "MySQL at db.example.com:3306 reported an error: Table 'sales.nope' doesn't exist.",
    ],
  ] as const)('%s → %s', (error, code, message) => {
    const classified = classify(error);
    expect(classified.code).toBe(code);
    if (typeof message === 'string') expect(classified.message).toBe(message);
    else expect(classified.message).toMatch(message);
  });

  it('never shows the SQL text knex puts before the server message, nor a password', () => {
    const error = Object.assign(new Error("INSERT INTO t VALUES ('s3cret-value') - Data too long for column 'x'"), {
      errno: 1406,
      code: 'ER_DATA_TOO_LONG',
      sqlMessage: "Data too long for column 'x' at row 1",
    });
    expect(classify(error).message).toBe(
      "MySQL at db.example.com:3306 reported an error: Data too long for column 'x' at row 1.",
    );
  });

  it('passes a TallyError through unchanged', () => {
    const original = new TallyError('read-only', 'already classified');
    expect(classify(original)).toBe(original);
  });
});

describe('mysql read-only guard', () => {
  it.each([
    'SET SESSION TRANSACTION READ WRITE',
    'set transaction read write',
    'START TRANSACTION READ WRITE',
    'START TRANSACTION READ /* comment */ WRITE',
    'START TRANSACTION READ -- comment\n WRITE',
    'START TRANSACTION READ /*!WRITE*/',
    'START TRANSACTION /*!50605 READ WRITE */',
    'SET @@session.tx_read_only = 0',
    'SET SESSION transaction_read_only = OFF',
    'SET STATEMENT tx_read_only = 0 FOR INSERT INTO t VALUES (1)',
    "SET @a = '/*', @@tx_read_only = 0, @b = '*/'",
    "PREPARE s FROM CONCAT('SET SESSION TRANSACTION READ', ' WRITE')",
    "  /* why */ EXECUTE IMMEDIATE CONCAT('SET tx', '_read_only = 0')",
    'EXECUTE s',
  ])('refuses %s', (sql) => {
    expect(mysqlReadOnlyViolation(sql)).toMatch(/read-write/);
  });

  it.each([
    ['SET GLOBAL max_connections = 1', /server-wide setting/],
    ['SET @@global.read_only = 0', /server-wide setting/],
    ['SET PERSIST max_connections = 1', /server-wide setting/],
    ['SET @x = 1, GLOBAL max_connections = 1', /server-wide setting/],
    ['FLUSH TABLES', /administration/],
    ['PURGE BINARY LOGS BEFORE NOW()', /administration/],
    ['/* x */ KILL 42', /administration/],
    ['RESET MASTER', /administration/],
    ['CHANGE MASTER TO MASTER_HOST = ?', /administration/],
    ['STOP REPLICA', /administration/],
    ['SHUTDOWN', /administration/],
    ["SELECT * FROM `t` INTO OUTFILE '/tmp/t.csv'", /file on the server/],
    ["SELECT `doc` FROM `t` LIMIT 1 INTO /**/ DUMPFILE '/tmp/x'", /file on the server/],
  ])('refuses %s', (sql, reason) => {
    expect(mysqlReadOnlyViolation(sql)).toMatch(reason);
  });

  it.each([
    'SELECT * FROM `orders` WHERE `id` = ?',
    'SELECT `read`, `write` FROM `t`',
    'SELECT `executed_at` FROM `prepare_log`',
    'SET SESSION TRANSACTION READ ONLY',
    'START TRANSACTION READ ONLY',
    "SET SESSION sql_mode = 'ANSI_QUOTES'",
    'SELECT @@global.version',
    'SELECT `flush`, `kill`, `global` FROM `t` WHERE `reset` = 1',
    'SELECT `x` INTO @x FROM `t`',
    "SELECT 'already read' AS note",
    // The server refuses these itself (error 1792); the guard leaves them to it.
    'INSERT INTO `t` VALUES (1)',
    'CREATE TABLE `t` (`id` int)',
  ])('lets the server judge %s', (sql) => {
    expect(mysqlReadOnlyViolation(sql)).toBeUndefined();
  });
});

describe('mysql inspection helpers', () => {
  it('reads the current database only, in a few queries for all tables', () => {
    for (const sql of Object.values(mysqlCatalogSql)) expect(sql).toContain('= DATABASE()');
    expect(mysqlCatalogSql.tables).toContain("TABLE_TYPE IN ('BASE TABLE', 'SYSTEM VERSIONED', 'VIEW')");
    expect(mysqlCatalogSql.indexes).toContain("INDEX_NAME <> 'PRIMARY'");
    expect(mysqlCatalogSql.keys).toContain(
      'ORDER BY tc.TABLE_NAME, tc.CONSTRAINT_TYPE, tc.CONSTRAINT_NAME, k.ORDINAL_POSITION',
    );
  });

  it.each([
    ['doc', 'json_valid(`doc`)', true],
    ['Doc', 'JSON_VALID(`Doc`)', true],
    ['a`b', 'json_valid(`a``b`)', true],
    ['doc', 'json_valid(`other`)', false],
    ['doc', "json_valid(`doc`) and `doc` <> '[]'", false],
  ])('recognises the JSON check of %s: %s', (column, clause, isJson) => {
    expect(isJsonCheck(column, clause)).toBe(isJson);
  });

  it.each([
    // MariaDB quotes literals itself and writes NULL for "DEFAULT NULL".
    [{ column_default: "'new'", column_type: "enum('new')", extra: '' }, true, "'new'"],
    [{ column_default: 'NULL', column_type: 'varchar(5)', extra: '' }, true, null],
    [{ column_default: "'NULL'", column_type: 'varchar(5)', extra: '' }, true, "'NULL'"],
    [{ column_default: 'current_timestamp()', column_type: 'timestamp', extra: '' }, true, 'current_timestamp()'],
    // MySQL 8 gives literals bare and marks expressions.
    [{ column_default: 'new', column_type: 'varchar(5)', extra: '' }, false, "'new'"],
    [{ column_default: "it's", column_type: 'varchar(5)', extra: '' }, false, "'it''s'"],
    [{ column_default: '0', column_type: 'int', extra: '' }, false, '0'],
    [
      { column_default: 'CURRENT_TIMESTAMP', column_type: 'timestamp', extra: 'DEFAULT_GENERATED' },
      false,
      'CURRENT_TIMESTAMP',
    ],
    [{ column_default: null, column_type: 'int', extra: '' }, false, null],
  ])('normalises the default %o (MariaDB: %s)', (row, mariadb, expected) => {
    expect(normaliseDefault(row, mariadb)).toBe(expected);
  });
});
