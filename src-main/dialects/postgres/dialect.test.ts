import { describe, expect, it } from 'vitest';
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { postgresDialect } from './index';

describe('postgres URLs', () => {
  it('reads host, port, database, user, TLS and schema, and hands the password back separately', () => {
    const { spec, password } = postgresDialect.parseUrl(
      'postgresql://ann:s3cret@db.example.com:6543/sales?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&schema=eu',
    );
    expect(spec).toEqual({
      dialect: 'postgres',
      host: 'db.example.com',
      port: 6543,
      database: 'sales',
      user: 'ann',
      schema: 'eu',
      tls: { mode: 'verify-full', caFile: '/etc/ca.pem' },
    });
    expect(password).toBe('s3cret');
    expect(postgresDialect.formatUrl(spec)).toBe(
      'postgres://ann@db.example.com:6543/sales?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.pem&schema=eu',
    );
  });

  it.each([
    'postgres://h/db',
    'postgres://u@h:5432/db?sslmode=disable',
    'postgres://u@h/db?sslmode=require&schema=My%20Schema',
    'postgres://u@[::1]:5433/db?sslmode=verify-ca&sslrootcert=%2Fca.pem',
  ])('round-trips %s', (url) => {
    const { spec } = postgresDialect.parseUrl(url);
    expect(postgresDialect.parseUrl(postgresDialect.formatUrl(spec)).spec).toEqual(spec);
  });

  it('defaults to sslmode=prefer, like libpq, and leaves it out when formatting', () => {
    const { spec } = postgresDialect.parseUrl('postgres://u@h/db');
    expect(spec).toMatchObject({ tls: { mode: 'prefer' } });
    expect(postgresDialect.formatUrl(spec)).toBe('postgres://u@h/db');
  });

  it.each([
    ['postgres://h/db?sslmode=sometimes', /sslmode=sometimes must be one of disable, prefer/],
    ['postgres://h/db?sslcert=%2Fme.pem', /parameter sslcert, which Tally does not use/],
    ['postgres://h', /names no database/],
    // The password is redacted from the message.
    ['postgres://u:pw@h:99999/db', /^"postgres:\/\/u:\*\*\*@h:99999\/db" is not a valid PostgreSQL URL\.$/],
  ])('refuses %s', (url, message) => {
    expect(() => postgresDialect.parseUrl(url)).toThrow(message);
    expect(() => postgresDialect.parseUrl(url)).toThrow(TallyError);
  });
});

describe('postgres identifiers', () => {
  it.each([
    ['plain', '"plain"'],
    ['a"b', '"a""b"'],
    ['order`s]', '"order`s]"'],
    ['Customers Ü 表', '"Customers Ü 表"'],
  ])('quotes %s', (name, quoted) => {
    expect(postgresDialect.quoteIdentifier(name)).toBe(quoted);
  });

  it('qualifies a table with its schema', () => {
    expect(postgresDialect.quoteTable({ schema: 'Sales "EU"', name: 'Order' })).toBe('"Sales ""EU"""."Order"');
    expect(postgresDialect.quoteTable({ schema: null, name: 'x' })).toBe('"x"');
  });
});

describe('postgres error classification', () => {
  const spec: ConnectionSpec = {
    dialect: 'postgres',
    host: 'db.example.com',
    database: 'sales',
    user: 'ann',
    tls: { mode: 'verify-full' },
  };
  const serverError = (code: string, message: string): Error => Object.assign(new Error(message), { code });
  const socketError = (code: string): Error => Object.assign(new Error(`connect ${code} 10.0.0.1:5432`), { code });
  const certificateError = Object.assign(new Error('self-signed certificate in certificate chain'), {
    code: 'SELF_SIGNED_CERT_IN_CHAIN',
  });

  /** [what happened, the error, code, the message (each default port filled in)] */
  const cases: [string, Error, string, string][] = [
    [
      'session ended by an administrator',
      serverError('57P01', 'terminating connection due to administrator command'),
      'host-unreachable',
      'PostgreSQL at db.example.com:5432 ended the connection: terminating connection due to administrator command.',
    ],
    [
      'connection failure mid-statement',
      serverError('08006', 'connection failure'),
      'host-unreachable',
      'PostgreSQL at db.example.com:5432 lost the connection: connection failure.',
    ],
    [
      'wrong password',
      serverError('28P01', 'password authentication failed for user "ann"'),
      'auth-failed',
      'PostgreSQL at db.example.com:5432 refused the password for user "ann".',
    ],
    [
      'unknown user',
      serverError('28000', 'role "ann" does not exist'),
      'auth-failed',
      'PostgreSQL at db.example.com:5432 has no user "ann".',
    ],
    [
      'pg_hba.conf refuses',
      serverError('28000', 'no pg_hba.conf entry for host "10.0.0.9", user "ann", database "sales", SSL encryption'),
      'auth-failed',
      'PostgreSQL at db.example.com:5432 does not let user "ann" connect to database "sales" from this host (pg_hba.conf).',
    ],
    [
      'pg_hba.conf wants TLS',
      serverError('28000', 'no pg_hba.conf entry for host "10.0.0.9", user "ann", database "sales", no encryption'),
      'tls-refused',
      'PostgreSQL at db.example.com:5432 accepts user "ann" only over TLS; use sslmode=require or stronger.',
    ],
    [
      'missing database',
      serverError('3D000', 'database "sales" does not exist'),
      'database-missing',
      'PostgreSQL at db.example.com:5432 has no database "sales".',
    ],
    [
      'write on a read-only session',
      serverError('25006', 'cannot execute INSERT in a read-only transaction'),
      'read-only',
      'The connection to PostgreSQL at db.example.com:5432 is read-only: Tally never writes to a source.',
    ],
    [
      'server without TLS',
      new Error('The server does not support SSL connections'),
      'tls-refused',
      'PostgreSQL at db.example.com:5432 does not accept TLS connections, which sslmode=verify-full insists on.',
    ],
    [
      'untrusted certificate',
      certificateError,
      'tls-refused',
      'PostgreSQL at db.example.com:5432 presented a certificate that sslmode=verify-full rejects (self-signed certificate in certificate chain).',
    ],
    [
      'no password given',
      new Error('SASL: SCRAM-SERVER-FIRST-MESSAGE: client password must be a string'),
      'auth-failed',
      'PostgreSQL at db.example.com:5432 asks for a password for user "ann" and none was given (set PGPASSWORD).',
    ],
    [
      'nothing listening',
      socketError('ECONNREFUSED'),
      'host-unreachable',
      'Cannot reach PostgreSQL at db.example.com:5432: nothing is listening on that port.',
    ],
    [
      'connect timeout',
      new Error('Connection terminated due to connection timeout'),
      'timeout',
      'Timed out connecting to PostgreSQL at db.example.com:5432.',
    ],
    [
      'anything else',
      serverError('42P01', 'relation "nope" does not exist'),
      'internal',
      'PostgreSQL at db.example.com:5432 reported an error: relation "nope" does not exist.',
    ],
  ];

  it.each(cases)('%s', (_what, error, code, message) => {
    const classified = postgresDialect.classifyError(error, spec);
    expect(classified.code).toBe(code);
    expect(classified.message).toBe(message);
  });

  it('refuses a missing CA file before connecting, naming it', async () => {
    const withCa: ConnectionSpec = { ...spec, tls: { mode: 'verify-ca', caFile: '/nonexistent/tally/ca.pem' } };
    const error = await postgresDialect.connect(withCa, { password: undefined, readOnly: true, timeoutMs: 1000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TallyError);
    expect((error as TallyError).code).toBe('bad-input');
    expect((error as TallyError).message).toBe(
      'The CA certificate file /nonexistent/tally/ca.pem (sslrootcert) does not exist.',
    );
  });
});
