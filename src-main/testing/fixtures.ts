/** Test helpers shared by the Node test suites: temp folders and the Chinook sample. */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { appRoot } from '../app-paths';

/** The Chinook sample database shipped in ../shared/data (beside the repository). */
export const chinookSqlitePath = join(appRoot(), '..', 'shared', 'data', 'chinook', 'Chinook_Sqlite.sqlite');

export const chinookRowCounts: Readonly<Record<string, number>> = {
  Album: 347,
  Artist: 275,
  Customer: 59,
  Employee: 8,
  Genre: 25,
  Invoice: 412,
  InvoiceLine: 2240,
  MediaType: 5,
  Playlist: 18,
  PlaylistTrack: 8715,
  Track: 3503,
};

export function requireChinook(): string {
  if (!existsSync(chinookSqlitePath)) throw new Error(`The Chinook sample is missing at ${chinookSqlitePath}.`);
  return chinookSqlitePath;
}

export function makeTempDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), `tally-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
