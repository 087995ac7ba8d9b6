/** mysql2's errors (server error numbers, handshake codes, socket codes) as classified sentences. */
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { describeSpec } from '../common/describe';
import { capitalize, classifyNetworkError, errorMessageOf, unclassifiedError } from '../common/errors';
import { isTlsError } from '../common/tls-errors';
import { mysqlSpecOf, sslModeNames } from './url';

export const mysqlDefaultPort = 3306;

/** The server error numbers Tally tells apart (MySQL's and MariaDB's share these). */
export const mysqlErrorNumbers = {
  accessDenied: 1045,
  accessDeniedNoPassword: 1698,
  databaseAccessDenied: 1044,
  badDatabase: 1049,
  hostNotPrivileged: 1130,
  readOnlyOption: 1290,
  readOnlyTransaction: 1792,
  readOnlyMode: 1836,
  secureTransportRequired: 3159,
} as const;

type MysqlDriverError = { errno?: unknown; code?: unknown; sqlMessage?: unknown };

function errnoOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const errno = (error as MysqlDriverError).errno;
  return typeof errno === 'number' ? errno : undefined;
}

/** "MySQL at host:3306": the port is named even when the spec leaves it to the default. */
export function describeMysql(spec: ConnectionSpec): string {
  const mysql = mysqlSpecOf(spec);
  return describeSpec({ ...mysql, port: mysql.port ?? mysqlDefaultPort });
}

export function classifyMysqlError(error: unknown, spec: ConnectionSpec): TallyError {
  if (error instanceof TallyError) return error;
  const mysql = mysqlSpecOf(spec);
  const where = describeMysql(spec);
  const user = mysql.user ? `user "${mysql.user}"` : 'the user';
  const errno = errnoOf(error);
  const code = typeof error === 'object' && error !== null ? (error as MysqlDriverError).code : undefined;
  switch (errno) {
    case mysqlErrorNumbers.accessDenied:
    case mysqlErrorNumbers.accessDeniedNoPassword:
      // The server's message names the client host; the password never appears in it or here.
      return new TallyError(
        'auth-failed',
        `${capitalize(where)} refused the login of ${user}: wrong password, or the user may not connect from this host.`,
      );
    case mysqlErrorNumbers.hostNotPrivileged:
      return new TallyError(
        'auth-failed',
        `${capitalize(where)} does not accept connections from this computer's address for any user.`,
      );
    case mysqlErrorNumbers.badDatabase:
      return new TallyError('database-missing', `${capitalize(where)} has no database "${mysql.database}".`);
    case mysqlErrorNumbers.databaseAccessDenied:
      // The server gives this for a missing database too, so as not to reveal which names exist.
      return new TallyError(
        'database-missing',
        `${capitalize(where)} has no database "${mysql.database}" that ${user} may use.`,
      );
    case mysqlErrorNumbers.readOnlyTransaction:
      return new TallyError(
        'read-only',
        `${capitalize(where)} refused the statement: the session is read-only (Tally never writes to a source).`,
      );
    case mysqlErrorNumbers.readOnlyOption:
      if (/read[-_ ]only/i.test(serverMessageOf(error)))
        return new TallyError('read-only', `${capitalize(where)} refused the statement: the server runs read-only.`);
      break;
    case mysqlErrorNumbers.readOnlyMode:
      return new TallyError('read-only', `${capitalize(where)} refused the statement: the server runs read-only.`);
    case mysqlErrorNumbers.secureTransportRequired:
      return new TallyError(
        'tls-refused',
        `${capitalize(where)} accepts only TLS connections; set ssl-mode to REQUIRED or stricter.`,
      );
    default:
      break;
  }
  if (code === 'HANDSHAKE_NO_SSL_SUPPORT')
    return new TallyError(
      'tls-refused',
      `${capitalize(where)} does not offer TLS, and ssl-mode=${sslModeNames[mysql.tls.mode]} asks for it.`,
    );
  if (isTlsError(error)) {
    const detail =
      errorMessageOf(error)
        .split('\n')[0]
        ?.replace(/\.?\s*$/, '') ?? '';
    return new TallyError('tls-refused', `The TLS connection to ${where} failed: ${detail}.`);
  }
  const network = classifyNetworkError(error, { ...mysql, port: mysql.port ?? mysqlDefaultPort });
  if (network) return network;
  // knex prefixes the SQL text (with its values) to the message; the server's own message is enough.
  return unclassifiedError(new Error(serverMessageOf(error)), { ...mysql, port: mysql.port ?? mysqlDefaultPort });
}

function serverMessageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null) {
    const sqlMessage = (error as MysqlDriverError).sqlMessage;
    if (typeof sqlMessage === 'string' && sqlMessage) return sqlMessage;
  }
  return errorMessageOf(error);
}
