/**
 * SQL Server without a server: URLs, quoting, connection settings, the login probe (on a fake
 * connection), error classification on tedious-shaped errors, and the one connect path that
 * needs no server (nothing listening).
 */
import { EventEmitter } from 'node:events';
import { ConnectionError, RequestError } from 'tedious';
import { describe, expect, it } from 'vitest';
import type { ConnectionSpec, MssqlSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { classifyMssqlError } from './errors';
import {
  mssqlConnectionSettings,
  mssqlDialect,
  probeLogin,
  serverLabel,
  tediousConfiguration,
  type LoginProbeConnection,
} from './index';

describe('mssql URLs', () => {
  it('reads host, port, database, user, TLS, instance and schema, and hands the password back separately', () => {
    const { spec, password } = mssqlDialect.parseUrl(
      'mssql://sa:s3cret@db.example.com:14330/Sales?encrypt=true&trustServerCertificate=false&instanceName=PROD&schema=eu&caFile=%2Fetc%2Fca.pem',
    );
    expect(spec).toEqual({
      dialect: 'mssql',
      host: 'db.example.com',
      port: 14330,
      database: 'Sales',
      user: 'sa',
      instanceName: 'PROD',
      schema: 'eu',
      tls: { encrypt: true, trustServerCertificate: false, caFile: '/etc/ca.pem' },
    });
    expect(password).toBe('s3cret');
    expect(mssqlDialect.formatUrl(spec)).toBe(
      'mssql://sa@db.example.com:14330/Sales?caFile=%2Fetc%2Fca.pem&instanceName=PROD&schema=eu',
    );
  });

  it('answers to sqlserver:// too, encrypts by default and writes only what differs from the defaults', () => {
    const { spec } = mssqlDialect.parseUrl('sqlserver://u@h/db');
    expect(spec).toEqual({
      dialect: 'mssql',
      host: 'h',
      database: 'db',
      user: 'u',
      tls: { encrypt: true, trustServerCertificate: false },
    });
    expect(mssqlDialect.formatUrl(spec)).toBe('mssql://u@h/db');
    const lax = mssqlDialect.parseUrl('mssql://u@h/db?encrypt=false&trustServerCertificate=true').spec;
    expect(mssqlDialect.formatUrl(lax)).toBe('mssql://u@h/db?encrypt=false&trustServerCertificate=true');
  });

  it.each([
    'mssql://h/db',
    'mssql://u@h:1433/db?encrypt=false',
    'mssql://u@[::1]:1434/my%20db?trustServerCertificate=true&schema=My%20Schema',
  ])('round-trips %s', (url) => {
    const { spec } = mssqlDialect.parseUrl(url);
    expect(mssqlDialect.parseUrl(mssqlDialect.formatUrl(spec)).spec).toEqual(spec);
  });

  it.each([
    ['mssql://h/db?encrypt=maybe', /encrypt=maybe must be true or false/],
    ['mssql://h/db?sslmode=require', /unknown parameter "sslmode"/],
    ['mssql://h', /names no database/],
    ['mssql://u:pw@h:0/db', /^The SQL Server URL "mssql:\/\/u:\*\*\*@h:0\/db" has an invalid port\.$/],
  ])('refuses %s', (url, message) => {
    expect(() => mssqlDialect.parseUrl(url)).toThrow(message);
    expect(() => mssqlDialect.parseUrl(url)).toThrow(TallyError);
  });

  it('describes itself honestly: schemas, and no server-enforced read-only sessions', () => {
    expect(mssqlDialect.info).toMatchObject({ name: 'mssql', defaultPort: 1433, passwordEnvVars: ['MSSQL_PASSWORD'] });
    expect(mssqlDialect.capabilities).toEqual({
      schemas: true,
      enforcesReadOnlySessions: false,
      transactionalDdl: true,
      catalogRowEstimates: true,
      fileDatabase: false,
      inProcess: false,
    });
  });
});

describe('mssql identifiers', () => {
  it.each([
    ['plain', '[plain]'],
    ['order`s]', '[order`s]]]'],
    [']]', '[]]]]]'],
    ['a"b', '[a"b]'],
    ['[x]', '[[x]]]'],
    ['Customers Ü 表', '[Customers Ü 表]'],
  ])('quotes %s', (name, quoted) => {
    expect(mssqlDialect.quoteIdentifier(name)).toBe(quoted);
  });

  it('qualifies a table with its schema', () => {
    expect(mssqlDialect.quoteTable({ schema: 'Sales ]EU[', name: 'Order' })).toBe('[Sales ]]EU[].[Order]');
    expect(mssqlDialect.quoteTable({ schema: null, name: 'x' })).toBe('[x]');
  });
});

describe('mssql connection settings', () => {
  const spec: MssqlSpec = {
    dialect: 'mssql',
    host: 'h',
    database: 'db',
    user: 'u',
    tls: { encrypt: true, trustServerCertificate: false },
  };

  it('passes TLS, ApplicationIntent=ReadOnly for sources, UTC and no statement time limit', () => {
    const settings = mssqlConnectionSettings(spec, { password: 'pw', readOnly: true, timeoutMs: 9000 });
    expect(settings).toEqual({
      server: 'h',
      port: 1433,
      database: 'db',
      userName: 'u',
      password: 'pw',
      connectionTimeout: 9000,
      requestTimeout: 0,
      options: { encrypt: true, trustServerCertificate: false, readOnlyIntent: true, useUTC: true, appName: 'Tally' },
    });
    expect(tediousConfiguration(settings)).toEqual({
      server: 'h',
      authentication: { type: 'default', options: { userName: 'u', password: 'pw' } },
      options: {
        encrypt: true,
        trustServerCertificate: false,
        readOnlyIntent: true,
        useUTC: true,
        appName: 'Tally',
        port: 1433,
        database: 'db',
        connectTimeout: 9000,
      },
    });
  });

  it('finds a named instance through SQL Server Browser unless a port is given', () => {
    const named = mssqlConnectionSettings(
      { ...spec, instanceName: 'SQLEXPRESS' },
      { password: undefined, readOnly: false, timeoutMs: 5000 },
    );
    expect(named.port).toBeUndefined();
    expect(tediousConfiguration(named).options).toMatchObject({ instanceName: 'SQLEXPRESS', readOnlyIntent: false });
    expect(tediousConfiguration(named).options?.port).toBeUndefined();
  });

  it('reads the CA file into tedious cryptoCredentialsDetails, and names one that is missing', () => {
    const caFile = new URL(import.meta.url).pathname; // any readable file stands in for a PEM here
    const settings = mssqlConnectionSettings(
      { ...spec, tls: { encrypt: true, trustServerCertificate: false, caFile } },
      { password: undefined, readOnly: true, timeoutMs: 5000 },
    );
    expect(settings.options.cryptoCredentialsDetails?.ca).toContain('cryptoCredentialsDetails');
    expect(() =>
      mssqlConnectionSettings(
        { ...spec, tls: { encrypt: true, trustServerCertificate: false, caFile: '/nonexistent/ca.pem' } },
        { password: undefined, readOnly: true, timeoutMs: 5000 },
      ),
    ).toThrow(/^The CA file \/nonexistent\/ca\.pem for SQL Server at h:1433 does not exist\.$/);
  });

  it.each([
    ['16.0.4135.4', 3, 'SQL Server 2022 (16.0.4135.4)'],
    ['15.0.2000.5', 2, 'SQL Server 2019 (15.0.2000.5)'],
    ['12.0.2000.8', 5, 'Azure SQL Database (12.0.2000.8)'],
    ['99.0.1.0', 3, 'SQL Server 99.0.1.0'],
  ])('labels %s (engine edition %s) as %s', (version, edition, label) => {
    expect(serverLabel(version, edition)).toBe(label);
  });
});

/** A stand-in for tedious's Connection that replays the tokens a server sends on login. */
class FakeLogin extends EventEmitter implements LoginProbeConnection {
  closed = false;
  constructor(
    private readonly tokens: { number: number; message: string }[],
    private readonly outcome: Error | undefined,
  ) {
    super();
  }
  connect(callback: (error?: Error) => void): void {
    setImmediate(() => {
      for (const token of this.tokens) this.emit('errorMessage', token);
      callback(this.outcome);
    });
  }
  close(): void {
    this.closed = true;
  }
}

describe('mssql login probe', () => {
  const spec: ConnectionSpec = {
    dialect: 'mssql',
    host: 'db.example.com',
    database: 'Sales',
    user: 'sa',
    tls: { encrypt: true, trustServerCertificate: false },
  };

  it('tells a missing database from a wrong password, though tedious reports both as "Login failed"', async () => {
    const missingDatabase = new FakeLogin(
      [
        { number: 4060, message: 'Cannot open database "Sales" requested by the login. The login failed.' },
        { number: 18456, message: "Login failed for user 'sa'." },
      ],
      new ConnectionError("Login failed for user 'sa'.", 'ELOGIN'),
    );
    const probe = await probeLogin(missingDatabase);
    expect(probe.errorNumbers).toEqual([4060, 18456]);
    expect(missingDatabase.closed).toBe(true);
    const error = mssqlDialect.classifyError(probe.error, spec);
    expect(error.code).toBe('auth-failed'); // what the error alone says…
    expect(classifyMssqlError(probe.error, spec, probe.errorNumbers)).toMatchObject({
      code: 'database-missing', // …and what the collected numbers say
      message: 'SQL Server at db.example.com:1433 has no database "Sales" that user "sa" may open.',
    });

    const wrongPassword = await probeLogin(
      new FakeLogin(
        [{ number: 18456, message: "Login failed for user 'sa'." }],
        new ConnectionError("Login failed for user 'sa'.", 'ELOGIN'),
      ),
    );
    expect(classifyMssqlError(wrongPassword.error, spec, wrongPassword.errorNumbers).code).toBe('auth-failed');
  });

  it('resolves without an error when the login succeeds', async () => {
    const connection = new FakeLogin([], undefined);
    expect(await probeLogin(connection)).toEqual({ error: undefined, errorNumbers: [] });
    expect(connection.closed).toBe(true);
  });
});

describe('mssql error classification', () => {
  const spec: ConnectionSpec = {
    dialect: 'mssql',
    host: 'db.example.com',
    database: 'Sales',
    user: 'sa',
    tls: { encrypt: true, trustServerCertificate: false },
  };
  const socketError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
  const wrapped = (message: string, cause: Error): ConnectionError =>
    new ConnectionError(`Failed to connect to db.example.com:1433 - ${message}`, 'ESOCKET', { cause });
  const requestError = (number: number, message: string): RequestError =>
    Object.assign(new RequestError(message, 'EREQUEST'), { number });

  it.each([
    [
      { code: 'ELOGIN', message: "Login failed for user 'sa'." },
      'auth-failed',
      'SQL Server at db.example.com:1433 refused the login of user "sa": wrong user name or password, or the login is disabled.',
    ],
    [
      new ConnectionError('Cannot open database "Sales" requested by the login. The login failed.', 'ELOGIN'),
      'database-missing',
      /no database "Sales"/,
    ],
    [
      requestError(4060, 'Cannot open database "Sales" requested by the login. The login failed.'),
      'database-missing',
      /no database "Sales"/,
    ],
    [
      requestError(911, "Database 'Sales' does not exist. Make sure that the name is entered correctly."),
      'database-missing',
      /no database "Sales"/,
    ],
    [
      requestError(3906, 'Failed to update database "Sales" because the database is read-only.'),
      'read-only',
      'SQL Server at db.example.com:1433 refused the write: the database "Sales" is read-only.',
    ],
    [
      new ConnectionError("Server requires encryption, set 'encrypt' config option to true.", 'EENCRYPT'),
      'tls-refused',
      /requires encryption; set encrypt=true/,
    ],
    [
      wrapped('self-signed certificate', socketError('DEPTH_ZERO_SELF_SIGNED_CERT', 'self-signed certificate')),
      'tls-refused',
      "The TLS connection to SQL Server at db.example.com:1433 failed: self-signed certificate (give the server's CA with caFile, or set trustServerCertificate=true if you trust it).",
    ],
    [
      wrapped(
        "Hostname/IP does not match certificate's altnames",
        socketError('ERR_TLS_CERT_ALTNAME_INVALID', "Hostname/IP does not match certificate's altnames"),
      ),
      'tls-refused',
      /^The TLS connection to SQL Server at db\.example\.com:1433 failed: Hostname\/IP does not match/,
    ],
    [
      wrapped('connect ECONNREFUSED 10.0.0.1:1433', socketError('ECONNREFUSED', 'connect ECONNREFUSED 10.0.0.1:1433')),
      'host-unreachable',
      'Cannot reach SQL Server at db.example.com:1433: nothing is listening on that port.',
    ],
    [
      wrapped('getaddrinfo ENOTFOUND db.example.com', socketError('ENOTFOUND', 'getaddrinfo ENOTFOUND db.example.com')),
      'host-unreachable',
      /does not resolve/,
    ],
    [
      new ConnectionError('Failed to connect to db.example.com:1433 in 15000ms', 'ETIMEOUT'),
      'timeout',
      'Timed out connecting to SQL Server at db.example.com:1433.',
    ],
    [
      new ConnectionError('Failed to get response from SQL Server Browser on db.example.com', 'EINSTLOOKUP'),
      'host-unreachable',
      /SQL Server Browser \(UDP port 1434\)/,
    ],
    [
      requestError(208, "Invalid object name 'nope'."),
      'internal',
      "SQL Server at db.example.com:1433 reported an error: Invalid object name 'nope'.",
    ],
  ] as const)('%o → %s', (error, code, message) => {
    const classified = mssqlDialect.classifyError(error, spec);
    expect(classified.code).toBe(code);
    if (typeof message === 'string') expect(classified.message).toBe(message);
    else expect(classified.message).toMatch(message);
  });

  it('names a named instance rather than a port', () => {
    const named: ConnectionSpec = { ...spec, instanceName: 'SQLEXPRESS' };
    expect(
      mssqlDialect.classifyError({ code: 'ELOGIN', message: "Login failed for user 'sa'." }, named).message,
    ).toMatch(/^SQL Server at db\.example\.com\\SQLEXPRESS refused/);
  });
});

describe('mssql connect without a server', () => {
  it('classifies a port where nothing listens', async () => {
    const spec: ConnectionSpec = {
      dialect: 'mssql',
      host: '127.0.0.1',
      port: 1,
      database: 'db',
      user: 'sa',
      tls: { encrypt: false, trustServerCertificate: false },
    };
    const error = await mssqlDialect
      .connect(spec, { password: 'wrong-Pa55word', readOnly: true, timeoutMs: 5000 })
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(TallyError);
    expect(error).toMatchObject({
      code: 'host-unreachable',
      message: 'Cannot reach SQL Server at 127.0.0.1:1: nothing is listening on that port.',
    });
    expect((error as TallyError).message).not.toContain('wrong-Pa55word');
  });
});
