/**
 * `mysql://user@host:3306/db?ssl-mode=REQUIRED&ssl-ca=/path/ca.pem` (also `mariadb://`). The TLS
 * parameters use the MySQL client's own names and values (`--ssl-mode`, `--ssl-ca`).
 */
import type { ConnectionSpec, MysqlSpec, TlsMode } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { formatHostUrl, parseHostUrl, redactUrl } from '../common/host-url';

const label = 'MySQL';

/** MySQL's ssl-mode values for the spec's TLS ladder, rung for rung. */
export const sslModeNames: Readonly<Record<TlsMode, string>> = {
  disable: 'DISABLED',
  prefer: 'PREFERRED',
  require: 'REQUIRED',
  'verify-ca': 'VERIFY_CA',
  'verify-full': 'VERIFY_IDENTITY',
};
const sslModes = Object.entries(sslModeNames).map(
  ([tallyName, mysqlName]) => [mysqlName, tallyName as TlsMode] as const,
);

const knownParams = ['ssl-mode', 'ssl-ca'];

export function parseMysqlUrl(url: string): { spec: MysqlSpec; password?: string } {
  const parsed = parseHostUrl(url, label);
  for (const key of parsed.params.keys()) {
    if (!knownParams.includes(key))
      throw new TallyError(
        'bad-url',
        `The ${label} URL "${redactUrl(url)}" has an unknown parameter "${key}"; Tally knows ${knownParams.join(', ')}.`,
      );
  }
  const modeText = parsed.params.get('ssl-mode');
  let mode: TlsMode = 'prefer';
  if (modeText !== null) {
    // The libpq spelling (require, verify-full) is accepted too: people carry URLs across databases.
    const found = sslModes.find(
      ([mysqlName, tallyName]) => mysqlName === modeText.toUpperCase() || tallyName === modeText.toLowerCase(),
    );
    if (!found)
      throw new TallyError(
        'bad-url',
        `The ${label} URL parameter ssl-mode=${modeText} must be one of ${sslModes.map(([name]) => name).join(', ')}.`,
      );
    mode = found[1];
  }
  const caFile = parsed.params.get('ssl-ca') ?? undefined;
  const spec: MysqlSpec = {
    dialect: 'mysql',
    host: parsed.host,
    database: parsed.database,
    tls: caFile === undefined ? { mode } : { mode, caFile },
  };
  if (parsed.port !== undefined) spec.port = parsed.port;
  if (parsed.user !== undefined) spec.user = parsed.user;
  return parsed.password === undefined ? { spec } : { spec, password: parsed.password };
}

export function formatMysqlUrl(spec: ConnectionSpec): string {
  const mysql = mysqlSpecOf(spec);
  return formatHostUrl({
    scheme: 'mysql',
    user: mysql.user,
    host: mysql.host,
    port: mysql.port,
    database: mysql.database,
    params: {
      'ssl-mode': mysql.tls.mode === 'prefer' ? undefined : sslModeNames[mysql.tls.mode],
      'ssl-ca': mysql.tls.caFile,
    },
  });
}

export function mysqlSpecOf(spec: ConnectionSpec): MysqlSpec {
  if (spec.dialect !== 'mysql') throw new TallyError('internal', 'The MySQL dialect was given a non-MySQL connection.');
  return spec;
}
