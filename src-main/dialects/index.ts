/** The dialect registry: the only way the rest of Tally finds a dialect. */
import type { DialectName } from '../../src-shared/connection';
import { TallyError } from '../../src-shared/errors';
import type { Dialect } from './dialect';
import { mssqlDialect } from './mssql';
import { mysqlDialect } from './mysql';
import { postgresDialect } from './postgres';
import { sqliteDialect } from './sqlite';

export const dialects: Readonly<Record<DialectName, Dialect>> = {
  sqlite: sqliteDialect,
  postgres: postgresDialect,
  mssql: mssqlDialect,
  mysql: mysqlDialect,
};

export function dialectFor(name: DialectName): Dialect {
  return dialects[name];
}

/** Finds the dialect a URL's scheme names (`postgres://…`, `sqlite:…`). */
export function dialectForUrl(url: string): Dialect {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(url.trim())?.[1]?.toLowerCase();
  const known = Object.values(dialects).flatMap((d) => d.urlSchemes.map((s) => `${s}:`));
  if (!scheme) {
    throw new TallyError('bad-url', `"${url}" is not a connection URL; use one of ${known.join(', ')}.`);
  }
  const dialect = Object.values(dialects).find((d) => d.urlSchemes.includes(scheme));
  if (!dialect)
    throw new TallyError('bad-url', `Tally does not know the URL scheme "${scheme}:"; use one of ${known.join(', ')}.`);
  return dialect;
}

export type { Dialect, DatabaseSession } from './dialect';
