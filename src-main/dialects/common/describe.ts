/** How a connection is named in messages: where it points, never with what secret. */
import type { ConnectionSpec } from '../../../src-shared/connection';

const labels: Record<ConnectionSpec['dialect'], string> = {
  sqlite: 'SQLite',
  postgres: 'PostgreSQL',
  mssql: 'SQL Server',
  mysql: 'MySQL',
};

export function describeSpec(spec: ConnectionSpec): string {
  if (spec.dialect === 'sqlite') return `the SQLite file ${spec.file}`;
  const port = spec.port === undefined ? '' : `:${spec.port}`;
  return `${labels[spec.dialect]} at ${spec.host}${port}`;
}
