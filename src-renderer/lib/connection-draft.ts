/**
 * The connection form as flat strings and booleans, and its conversion to and from the contract's
 * connection spec. Pure: no API, no store.
 */
import type { MethodInput } from '../../src-shared/contract';
import type { ConnectionRole, ConnectionSpec, DialectName, TlsMode } from '../../src-shared/connection';

export type ConnectionDraft = {
  /** Set when editing a saved connection. */
  id: string | null;
  name: string;
  role: ConnectionRole;
  dialect: DialectName;
  file: string;
  host: string;
  port: string;
  database: string;
  user: string;
  /** Never filled from a saved connection: typed by the user, sent once, never shown back. */
  password: string;
  schema: string;
  tlsMode: TlsMode;
  caFile: string;
  instanceName: string;
  encrypt: boolean;
  trustServerCertificate: boolean;
};

export type SpecInput = MethodInput<'connections.save'>['spec'];

export function emptyDraft(dialect: DialectName = 'sqlite'): ConnectionDraft {
  return {
    id: null,
    name: '',
    role: 'source',
    dialect,
    file: '',
    host: '',
    port: '',
    database: '',
    user: '',
    password: '',
    schema: '',
    tlsMode: 'prefer',
    caFile: '',
    instanceName: '',
    encrypt: true,
    trustServerCertificate: false,
  };
}

/** Fills the spec's fields into a draft, keeping what a spec does not carry (name, role, password). */
export function draftWithSpec(draft: ConnectionDraft, spec: ConnectionSpec): ConnectionDraft {
  const base: ConnectionDraft = { ...emptyDraft(spec.dialect), id: draft.id, name: draft.name, role: draft.role };
  base.password = draft.password;
  switch (spec.dialect) {
    case 'sqlite':
      return { ...base, file: spec.file };
    case 'postgres':
    case 'mysql':
      return {
        ...base,
        host: spec.host,
        port: spec.port === undefined ? '' : String(spec.port),
        database: spec.database,
        user: spec.user ?? '',
        schema: spec.dialect === 'postgres' ? (spec.schema ?? '') : '',
        tlsMode: spec.tls.mode,
        caFile: spec.tls.caFile ?? '',
      };
    case 'mssql':
      return {
        ...base,
        host: spec.host,
        port: spec.port === undefined ? '' : String(spec.port),
        database: spec.database,
        user: spec.user ?? '',
        schema: spec.schema ?? '',
        instanceName: spec.instanceName ?? '',
        encrypt: spec.tls.encrypt,
        trustServerCertificate: spec.tls.trustServerCertificate,
        caFile: spec.tls.caFile ?? '',
      };
  }
}

export type DraftConversion =
  { ok: true; spec: SpecInput } | { ok: false; field: keyof ConnectionDraft; message: string };

function optional(value: string): string | undefined {
  const trimmed = value.trim();
  return trimmed === '' ? undefined : trimmed;
}

/**
 * The spec the draft describes. Only what the form alone can know is checked here (a port must
 * be a number); everything else is the API's job, which answers with a 'bad-input' sentence.
 */
export function draftToSpec(draft: ConnectionDraft): DraftConversion {
  if (draft.dialect === 'sqlite') return { ok: true, spec: { dialect: 'sqlite', file: draft.file.trim() } };

  let port: number | undefined;
  const portText = draft.port.trim();
  if (portText !== '') {
    port = Number(portText);
    if (!Number.isInteger(port) || port < 1 || port > 65535) {
      return { ok: false, field: 'port', message: 'The port must be a whole number between 1 and 65535.' };
    }
  }
  const host = { host: draft.host.trim(), port, database: draft.database.trim(), user: optional(draft.user) };

  switch (draft.dialect) {
    case 'postgres':
      return {
        ok: true,
        spec: {
          dialect: 'postgres',
          ...host,
          schema: optional(draft.schema),
          tls: { mode: draft.tlsMode, caFile: optional(draft.caFile) },
        },
      };
    case 'mysql':
      return {
        ok: true,
        spec: { dialect: 'mysql', ...host, tls: { mode: draft.tlsMode, caFile: optional(draft.caFile) } },
      };
    case 'mssql':
      return {
        ok: true,
        spec: {
          dialect: 'mssql',
          ...host,
          schema: optional(draft.schema),
          instanceName: optional(draft.instanceName),
          tls: {
            encrypt: draft.encrypt,
            trustServerCertificate: draft.trustServerCertificate,
            caFile: optional(draft.caFile),
          },
        },
      };
  }
}

/**
 * The password a pasted URL carries (`postgres://user:secret@host/db`), if any. The API's parser
 * returns the spec without it, by design; the form keeps it in the password field only.
 */
export function passwordInUrl(text: string): string | null {
  try {
    const url = new URL(text.trim());
    return url.password ? decodeURIComponent(url.password) : null;
  } catch {
    return null;
  }
}

/** The text fields the form shows for a dialect: where a validation sentence can be placed. */
export function visibleFields(dialect: DialectName): readonly (keyof ConnectionDraft)[] {
  const server: (keyof ConnectionDraft)[] = ['name', 'host', 'port', 'database', 'user', 'caFile'];
  switch (dialect) {
    case 'sqlite':
      return ['name', 'file'];
    case 'postgres':
      return [...server, 'schema'];
    case 'mysql':
      return server;
    case 'mssql':
      return [...server, 'schema', 'instanceName'];
  }
}
