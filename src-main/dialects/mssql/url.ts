/**
 * `mssql://user@host:1433/db?encrypt=true&trustServerCertificate=false&instanceName=SQLEXPRESS&schema=dbo&caFile=/ca.pem`
 * (also `sqlserver://`). The parameter names are tedious's option names.
 */
import type { ConnectionSpec, MssqlSpec } from '../../../src-shared/connection';
import { TallyError } from '../../../src-shared/errors';
import { formatHostUrl, parseBooleanParam, parseHostUrl, redactUrl } from '../common/host-url';

const label = 'SQL Server';
const knownParams = ['encrypt', 'trustServerCertificate', 'caFile', 'instanceName', 'schema'];

export function parseMssqlUrl(url: string): { spec: MssqlSpec; password?: string } {
  const parsed = parseHostUrl(url, label);
  for (const key of parsed.params.keys()) {
    if (!knownParams.includes(key))
      throw new TallyError(
        'bad-url',
        `The ${label} URL "${redactUrl(url)}" has an unknown parameter "${key}"; Tally knows ${knownParams.join(', ')}.`,
      );
  }
  const encrypt = parseBooleanParam(parsed.params.get('encrypt'), 'encrypt', label) ?? true;
  const trustServerCertificate =
    parseBooleanParam(parsed.params.get('trustServerCertificate'), 'trustServerCertificate', label) ?? false;
  const caFile = parsed.params.get('caFile') || undefined;
  const instanceName = parsed.params.get('instanceName') || undefined;
  const schema = parsed.params.get('schema') || undefined;
  const spec: MssqlSpec = {
    dialect: 'mssql',
    host: parsed.host,
    database: parsed.database,
    tls: { encrypt, trustServerCertificate, ...(caFile ? { caFile } : {}) },
  };
  if (parsed.port !== undefined) spec.port = parsed.port;
  if (parsed.user !== undefined) spec.user = parsed.user;
  if (instanceName) spec.instanceName = instanceName;
  if (schema) spec.schema = schema;
  return parsed.password === undefined ? { spec } : { spec, password: parsed.password };
}

/** Only what differs from the defaults (encrypt=true, trustServerCertificate=false) is written. */
export function formatMssqlUrl(spec: ConnectionSpec): string {
  const mssql = mssqlSpecOf(spec);
  return formatHostUrl({
    scheme: 'mssql',
    user: mssql.user,
    host: mssql.host,
    port: mssql.port,
    database: mssql.database,
    params: {
      encrypt: mssql.tls.encrypt ? undefined : 'false',
      trustServerCertificate: mssql.tls.trustServerCertificate ? 'true' : undefined,
      caFile: mssql.tls.caFile,
      instanceName: mssql.instanceName,
      schema: mssql.schema,
    },
  });
}

export function mssqlSpecOf(spec: ConnectionSpec): MssqlSpec {
  if (spec.dialect !== 'mssql')
    throw new TallyError('internal', 'The SQL Server dialect was given a non-SQL Server connection.');
  return spec;
}
