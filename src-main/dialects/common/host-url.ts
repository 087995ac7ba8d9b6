/**
 * The URL form shared by the server dialects: `scheme://user[:password]@host[:port]/database?params`.
 * A password in a URL is accepted for the one call and never kept: formatUrl never writes one.
 */
import { TallyError } from '../../../src-shared/errors';

export type ParsedHostUrl = {
  scheme: string;
  user: string | undefined;
  password: string | undefined;
  host: string;
  port: number | undefined;
  database: string;
  params: URLSearchParams;
};

export function parseHostUrl(text: string, label: string): ParsedHostUrl {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new TallyError('bad-url', `"${redactUrl(text)}" is not a valid ${label} URL.`);
  }
  const host = decodeURIComponent(url.hostname).replace(/^\[(.*)\]$/, '$1');
  if (!host) throw new TallyError('bad-url', `The ${label} URL "${redactUrl(text)}" has no host.`);
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!database) throw new TallyError('bad-url', `The ${label} URL "${redactUrl(text)}" names no database (…/dbname).`);
  let port: number | undefined;
  if (url.port) {
    port = Number(url.port);
    if (!Number.isInteger(port) || port < 1 || port > 65535)
      throw new TallyError('bad-url', `The ${label} URL "${redactUrl(text)}" has an invalid port.`);
  }
  return {
    scheme: url.protocol.replace(/:$/, ''),
    user: url.username ? decodeURIComponent(url.username) : undefined,
    password: url.password ? decodeURIComponent(url.password) : undefined,
    host,
    port,
    database,
    params: url.searchParams,
  };
}

export function formatHostUrl(parts: {
  scheme: string;
  user: string | undefined;
  host: string;
  port: number | undefined;
  database: string;
  params: Record<string, string | undefined>;
}): string {
  const user = parts.user ? `${encodeURIComponent(parts.user)}@` : '';
  const host = parts.host.includes(':') ? `[${parts.host}]` : parts.host;
  const port = parts.port === undefined ? '' : `:${parts.port}`;
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(parts.params)) if (value !== undefined) query.set(key, value);
  const search = query.toString();
  return `${parts.scheme}://${user}${host}${port}/${encodeURIComponent(parts.database)}${search ? `?${search}` : ''}`;
}

/** A URL as it may be shown: any password replaced. */
export function redactUrl(text: string): string {
  return text.replace(/(\/\/[^:/?#@\s]*:)[^@\s/]*@/, '$1***@');
}

export function parseBooleanParam(value: string | null, name: string, label: string): boolean | undefined {
  if (value === null) return undefined;
  if (/^(true|1|yes|on)$/i.test(value)) return true;
  if (/^(false|0|no|off)$/i.test(value)) return false;
  throw new TallyError('bad-url', `The ${label} URL parameter ${name}=${value} must be true or false.`);
}
