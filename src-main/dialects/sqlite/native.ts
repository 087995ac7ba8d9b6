/**
 * The one place that loads better-sqlite3. The workspace and the demo generator open their
 * SQLite files through here, so the driver stays inside src-main/dialects and the Electron build
 * can point at its own native binary (see README, "Native modules").
 */
import Database from 'better-sqlite3';

export type SqliteDatabase = Database.Database;
export type SqliteStatement = Database.Statement;

/**
 * Set by the desktop launcher to the better_sqlite3.node built for Electron's ABI; unset under
 * Node, where node_modules holds the build for Node's ABI.
 */
export function sqliteNativeBinding(): string | undefined {
  return process.env.TALLY_SQLITE_NATIVE_BINDING || undefined;
}

export function openSqliteDatabase(
  file: string,
  options: { readonly?: boolean; fileMustExist?: boolean } = {},
): SqliteDatabase {
  const nativeBinding = sqliteNativeBinding();
  return new Database(file, {
    readonly: options.readonly ?? false,
    fileMustExist: options.fileMustExist ?? false,
    ...(nativeBinding ? { nativeBinding } : {}),
  });
}
