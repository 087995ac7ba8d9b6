/**
 * From what the user points at (a saved connection, a URL, a spec in a form) to an open session:
 * the spec, the password from wherever it may be, read-only for sources, errors classified and
 * cleaned of secrets.
 */
import { passwordEnvVarFor, type ConnectionSpec, type ConnectionTarget } from '../../src-shared/connection';
import { TallyError, redactSecrets } from '../../src-shared/errors';
import { dialectFor, dialectForUrl } from '../dialects';
import type { DatabaseSession } from '../dialects/dialect';
import type { Workspace } from '../workspace/workspace';
import type { SecretStore } from './secret-store';

export type ResolvedTarget = {
  spec: ConnectionSpec;
  /** The saved connection's name, when there is one: it names TALLY_PASSWORD_<NAME>. */
  name: string | undefined;
  connectionId: string | undefined;
  role: 'source' | 'target';
  /** A password carried by a URL, used for this call only. */
  urlPassword: string | undefined;
};

export type ConnectionContext = {
  workspace: Workspace;
  secrets: SecretStore;
  env?: NodeJS.ProcessEnv;
};

export function parseConnectionUrl(url: string): { spec: ConnectionSpec; password?: string } {
  return dialectForUrl(url).parseUrl(url.trim());
}

export function formatConnectionUrl(spec: ConnectionSpec): string {
  return dialectFor(spec.dialect).formatUrl(spec);
}

/** Replaces `${env:VAR}` in a plan's URL with the variable's value (URL-encoded). */
export function expandEnvReferences(url: string, env: NodeJS.ProcessEnv): string {
  return url.replace(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g, (_match, name: string) => {
    const value = env[name];
    if (value === undefined)
      throw new TallyError('bad-input', `The connection URL refers to \${env:${name}}, which is not set.`);
    return encodeURIComponent(value);
  });
}

export function resolveTarget(target: ConnectionTarget, context: ConnectionContext): ResolvedTarget {
  if ('spec' in target) {
    return {
      spec: target.spec,
      name: target.name,
      connectionId: target.connectionId,
      role: target.role ?? 'source',
      urlPassword: undefined,
    };
  }
  if ('url' in target) {
    const { spec, password } = parseConnectionUrl(expandEnvReferences(target.url, context.env ?? process.env));
    // A plan names its connections: a saved one of that name and address lends its stored password.
    const saved = target.name ? context.workspace.findConnectionByName(target.name) : undefined;
    const sameDatabase = saved !== undefined && formatConnectionUrl(saved.spec) === formatConnectionUrl(spec);
    return {
      spec,
      name: target.name,
      connectionId: sameDatabase ? saved.id : undefined,
      role: target.role ?? 'source',
      urlPassword: password,
    };
  }
  const saved = context.workspace.getConnection(target.connectionId);
  if (!saved) throw new TallyError('not-found', `There is no saved connection with id ${target.connectionId}.`);
  return { spec: saved.spec, name: saved.name, connectionId: saved.id, role: saved.role, urlPassword: undefined };
}

/**
 * The password, looked up in order: given with the call, the secret store, the URL,
 * TALLY_PASSWORD_<NAME>, then the dialect's own variables (PGPASSWORD, MYSQL_PWD…).
 */
export function resolvePassword(
  resolved: ResolvedTarget,
  explicit: string | undefined,
  context: ConnectionContext,
): string | undefined {
  if (explicit) return explicit;
  if (dialectFor(resolved.spec.dialect).capabilities.fileDatabase) return undefined;
  const env = context.env ?? process.env;
  if (resolved.connectionId) {
    const stored = context.secrets.get(resolved.connectionId);
    if (stored) return stored;
  }
  if (resolved.urlPassword) return resolved.urlPassword;
  if (resolved.name) {
    const named = env[passwordEnvVarFor(resolved.name)];
    if (named) return named;
  }
  for (const variable of dialectFor(resolved.spec.dialect).info.passwordEnvVars) {
    const value = env[variable];
    if (value) return value;
  }
  return undefined;
}

export type OpenOptions = {
  /** Forces read-only whatever the role (inspection, profiling); sources are always read-only. */
  readOnly?: boolean;
  password?: string;
  timeoutMs?: number;
};

export async function openConnection(
  target: ConnectionTarget,
  context: ConnectionContext,
  options: OpenOptions = {},
): Promise<DatabaseSession> {
  const resolved = resolveTarget(target, context);
  const password = resolvePassword(resolved, options.password, context);
  const dialect = dialectFor(resolved.spec.dialect);
  try {
    return await dialect.connect(resolved.spec, {
      password,
      readOnly: options.readOnly === true || resolved.role === 'source',
      timeoutMs: options.timeoutMs ?? 15_000,
    });
  } catch (error) {
    const classified = error instanceof TallyError ? error : dialect.classifyError(error, resolved.spec);
    throw new TallyError(classified.code, redactSecrets(classified.message, [password]), classified);
  }
}

/**
 * A plan's source and target passwords as this process resolves them (its secret store, its
 * environment), for a worker process that has neither: they travel over the IPC pipe only.
 */
export function planPasswords(
  plan: { source: { url: string; name?: string }; target: { url: string; name?: string } },
  context: ConnectionContext,
): { source?: string; target?: string } {
  const side = (connection: { url: string; name?: string }, role: 'source' | 'target'): string | undefined =>
    resolvePassword(
      resolveTarget({ url: connection.url, role, ...(connection.name ? { name: connection.name } : {}) }, context),
      undefined,
      context,
    );
  const source = side(plan.source, 'source');
  const target = side(plan.target, 'target');
  return { ...(source ? { source } : {}), ...(target ? { target } : {}) };
}
