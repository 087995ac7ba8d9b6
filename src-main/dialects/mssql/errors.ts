/**
 * tedious's errors as classified sentences: ConnectionError codes (ELOGIN, ESOCKET, ETIMEOUT,
 * EENCRYPT, EINSTLOOKUP) and RequestError server numbers.
 */
import type { ConnectionSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import {
  capitalize,
  classifyNetworkError,
  collectErrorCodes,
  errorMessageOf,
  unclassifiedError,
} from '../common/errors';
import { isTlsError } from '../common/tls-errors';
import { mssqlSpecOf } from './url';

export const mssqlDefaultPort = 1433;

/** The server error numbers Tally tells apart. */
export const mssqlErrorNumbers = {
  loginFailed: 18456,
  cannotOpenDatabase: 4060,
  databaseDoesNotExist: 911,
  databaseReadOnly: 3906,
} as const;

type TediousError = { code?: unknown; number?: unknown; message?: unknown };

/** tedious errors are Errors, but a plain `{ code, message }` is read the same way. */
function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && !(error instanceof Error)) {
    const message = (error as TediousError).message;
    if (typeof message === 'string') return message;
  }
  return errorMessageOf(error);
}

function numberOf(error: unknown): number | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const number = (error as TediousError).number;
  return typeof number === 'number' ? number : undefined;
}

/** "SQL Server at host:1433", or "SQL Server at host\INSTANCE" when a named instance is asked for. */
export function describeMssql(spec: ConnectionSpec): string {
  const mssql = mssqlSpecOf(spec);
  if (mssql.instanceName && mssql.port === undefined) return `SQL Server at ${mssql.host}\\${mssql.instanceName}`;
  return `SQL Server at ${mssql.host}:${mssql.port ?? mssqlDefaultPort}`;
}

/**
 * `loginErrorNumbers` are the numbers of the error messages the server sent during a failed
 * login, when they were collected (tedious keeps only the last one, always 18456 "Login failed",
 * while 4060 "Cannot open database" comes before it).
 */
export function classifyMssqlError(
  error: unknown,
  spec: ConnectionSpec,
  loginErrorNumbers: readonly number[] = [],
): TallyError {
  if (error instanceof TallyError) return error;
  const mssql = mssqlSpecOf(spec);
  const where = describeMssql(spec);
  const user = mssql.user ? `user "${mssql.user}"` : 'the user';
  const codes = collectErrorCodes(error);
  const number = numberOf(error);
  const message = messageOf(error);
  const databaseMissing = new TallyError(
    'database-missing',
    `${capitalize(where)} has no database "${mssql.database}" that ${user} may open.`,
  );

  if (number === mssqlErrorNumbers.databaseReadOnly || /because the database is read-only/i.test(message))
    return new TallyError(
      'read-only',
      `${capitalize(where)} refused the write: the database "${mssql.database}" is read-only.`,
    );
  if (number === mssqlErrorNumbers.cannotOpenDatabase || number === mssqlErrorNumbers.databaseDoesNotExist)
    return databaseMissing;
  if (codes.includes('ELOGIN')) {
    if (loginErrorNumbers.includes(mssqlErrorNumbers.cannotOpenDatabase) || /Cannot open database/i.test(message))
      return databaseMissing;
    // The server's message names the user, never the password; Tally's names neither more.
    return new TallyError(
      'auth-failed',
      `${capitalize(where)} refused the login of ${user}: wrong user name or password, or the login is disabled.`,
    );
  }
  if (codes.includes('EENCRYPT'))
    return new TallyError('tls-refused', `${capitalize(where)} requires encryption; set encrypt=true.`);
  if (isTlsError(error)) {
    // tedious wraps the socket's error: "Failed to connect to host:1433 - self-signed certificate".
    const detail = (message.split('\n')[0] ?? '').replace(/^Failed to connect to \S+ - /, '').replace(/\.?\s*$/, '');
    const hint = /self[- ]signed|unable to verify|issuer/i.test(detail)
      ? " (give the server's CA with caFile, or set trustServerCertificate=true if you trust it)"
      : '';
    return new TallyError('tls-refused', `The TLS connection to ${where} failed: ${detail}${hint}.`);
  }
  if (codes.includes('EINSTLOOKUP'))
    return new TallyError(
      'host-unreachable',
      `Cannot find the instance "${mssql.instanceName ?? ''}" on ${mssql.host}: SQL Server Browser (UDP port 1434) did not answer.`,
    );
  const network = classifyNetworkError(error, { ...mssql, port: mssql.port ?? mssqlDefaultPort });
  if (network) return network;
  return unclassifiedError(new Error(message), { ...mssql, port: mssql.port ?? mssqlDefaultPort });
}
