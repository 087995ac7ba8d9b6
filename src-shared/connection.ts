/**
 * How a database is reached. A spec never holds a password: secrets live in the OS keychain,
 * the environment or the memory of the running host, and are looked up by connection name.
 */
import { z } from 'zod';

export const dialectNames = ['sqlite', 'postgres', 'mssql', 'mysql'] as const;
export const dialectNameSchema = z.enum(dialectNames);
export type DialectName = z.infer<typeof dialectNameSchema>;

/** libpq's sslmode ladder; MySQL's ssl-mode uses the same five rungs. */
export const tlsModes = ['disable', 'prefer', 'require', 'verify-ca', 'verify-full'] as const;
export const tlsModeSchema = z.enum(tlsModes);
export type TlsMode = z.infer<typeof tlsModeSchema>;

const hostFields = {
  host: z.string().min(1, 'Host is required.'),
  port: z.number().int().min(1).max(65535).optional(),
  database: z.string().min(1, 'Database is required.'),
  user: z.string().optional(),
};

export const sqliteSpecSchema = z.object({
  dialect: z.literal('sqlite'),
  file: z.string().min(1, 'The SQLite file path is required.'),
});

export const postgresSpecSchema = z.object({
  dialect: z.literal('postgres'),
  ...hostFields,
  schema: z.string().optional(),
  tls: z.object({ mode: tlsModeSchema, caFile: z.string().optional() }).default({ mode: 'prefer' }),
});

export const mysqlSpecSchema = z.object({
  dialect: z.literal('mysql'),
  ...hostFields,
  tls: z.object({ mode: tlsModeSchema, caFile: z.string().optional() }).default({ mode: 'prefer' }),
});

export const mssqlSpecSchema = z.object({
  dialect: z.literal('mssql'),
  ...hostFields,
  schema: z.string().optional(),
  instanceName: z.string().optional(),
  tls: z
    .object({
      encrypt: z.boolean(),
      trustServerCertificate: z.boolean(),
      caFile: z.string().optional(),
    })
    .default({ encrypt: true, trustServerCertificate: false }),
});

export const connectionSpecSchema = z.discriminatedUnion('dialect', [
  sqliteSpecSchema,
  postgresSpecSchema,
  mysqlSpecSchema,
  mssqlSpecSchema,
]);
export type ConnectionSpec = z.infer<typeof connectionSpecSchema>;
export type SqliteSpec = z.infer<typeof sqliteSpecSchema>;
export type PostgresSpec = z.infer<typeof postgresSpecSchema>;
export type MysqlSpec = z.infer<typeof mysqlSpecSchema>;
export type MssqlSpec = z.infer<typeof mssqlSpecSchema>;

export const connectionRoleSchema = z.enum(['source', 'target']);
export type ConnectionRole = z.infer<typeof connectionRoleSchema>;

export const savedConnectionSchema = z.object({
  id: z.string(),
  name: z.string(),
  role: connectionRoleSchema,
  spec: connectionSpecSchema,
  /** The URL of the spec, never with a password in it. */
  url: z.string(),
  /** True when a password for this connection is kept in the host's secret store. */
  hasStoredSecret: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type SavedConnection = z.infer<typeof savedConnectionSchema>;

/** What the user may point a call at: a saved connection, a URL, or a spec being edited. */
export const connectionTargetSchema = z.union([
  z.object({ connectionId: z.string() }),
  /** A URL (passwords as `${env:VAR}` only, in plans); `name` finds TALLY_PASSWORD_<NAME> or a saved password. */
  z.object({ url: z.string(), name: z.string().optional(), role: connectionRoleSchema.optional() }),
  z.object({
    spec: connectionSpecSchema,
    name: z.string().optional(),
    /** The saved connection being edited, whose stored password applies. */
    connectionId: z.string().optional(),
    /** Targets are opened writable; sources (the default) read-only. */
    role: connectionRoleSchema.optional(),
  }),
]);
export type ConnectionTarget = z.infer<typeof connectionTargetSchema>;

/** What the connection form needs to know about each dialect, served by the dialects themselves. */
export const dialectInfoSchema = z.object({
  name: dialectNameSchema,
  label: z.string(),
  defaultPort: z.number().optional(),
  /** Environment variables consulted for a password when none is stored, in order. */
  passwordEnvVars: z.array(z.string()),
  urlExample: z.string(),
});
export type DialectInfo = z.infer<typeof dialectInfoSchema>;

/** The environment variable that holds a named connection's password: TALLY_PASSWORD_<NAME>. */
export function passwordEnvVarFor(connectionName: string): string {
  const slug = connectionName
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '') // accents dropped: Zürich → ZURICH
    .replace(/[^A-Za-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '')
    .toUpperCase();
  return `TALLY_PASSWORD_${slug || 'DEFAULT'}`;
}
