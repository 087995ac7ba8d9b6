/**
 * Connect and Inspect, driven as a user would: add the Chinook sample through the form, test it,
 * save it, browse its schema, and see a missing file explained in one sentence.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { InspectPage } from './pages/inspect-page';

// The shared data folder sits beside the repository: <repo>/../shared/data/chinook.
const chinookFile =
  process.env.TALLY_CHINOOK_DB ?? resolve(__dirname, '..', '..', 'shared', 'data', 'chinook', 'Chinook_Sqlite.sqlite');

// Row counts are shown with the reader's thousands separator: pin the locale the assertions use.
test.use({ locale: 'en-US' });

test('adds the Chinook SQLite file, tests it, saves it and browses its schema', async ({ page, tallyHost }) => {
  expect(existsSync(chinookFile), `the Chinook sample must be at ${chinookFile} (or set TALLY_CHINOOK_DB)`).toBe(true);
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);

  await expect(shell.workspacePath).toHaveText(tallyHost.workspacePath);
  expect(page.url(), 'the token leaves the address bar').not.toContain('token=');

  const connect = new ConnectPage(page);
  const form = await connect.startAdding();
  await form.fillSqlite({ name: 'Chinook', file: chinookFile, role: 'source' });
  await form.testConnection();
  await expect(form.testResult).toContainText('Connected');
  await expect(form.testResult).toContainText(/SQLite \d+\.\d+/);
  await expect(form.testResult).toContainText('read-only enforced');
  await shell.screenshot('connect-form-tested');

  await form.save();
  await expect(form.root).toBeHidden();
  const chinook = connect.connection('Chinook');
  await expect(chinook.root).toContainText('SQLite');
  await expect(chinook.root).toContainText('source');
  await expect(chinook.root).toContainText('Chinook_Sqlite.sqlite');

  await chinook.test();
  await expect(chinook.testResult).toContainText('Connected');
  await shell.screenshot('connect-list');

  await chinook.browseSchema();
  const inspect = new InspectPage(page);
  await expect(inspect.databaseFacts).toContainText(/SQLite \d+\.\d+/);
  await expect(inspect.tableItem('Track')).toContainText('3,503');
  await expect(inspect.tableItem('Album')).toContainText('347');

  await inspect.selectTable('Track');
  await expect(inspect.rowCount).toHaveText('3,503');
  await expect(inspect.column('TrackId')).toContainText('PK');
  await expect(inspect.column('AlbumId')).toContainText('FK → Album.AlbumId');
  await expect(inspect.column('Name')).toContainText('NOT NULL');
  await expect(inspect.fact('Primary key')).toContainText('TrackId');
  await expect(inspect.fact('Referenced by')).toContainText('InvoiceLine');
  await shell.screenshot('inspect-track');

  await inspect.tableFilter.fill('inv');
  await expect(inspect.tableItem('Invoice')).toBeVisible();
  await expect(inspect.tableItem('Track')).toBeHidden();
  await inspect.tableFilter.fill('');

  await inspect.followReference('Album');
  await expect(inspect.rowCount).toHaveText('347');
  await expect(inspect.fact('Referenced by')).toContainText('Track');
});

test('a missing SQLite file is explained in one sentence with its code', async ({ page, tallyHost }) => {
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);
  const form = await new ConnectPage(page).startAdding();

  await form.fillSqlite({ name: 'Nowhere', file: '/nonexistent/tally-e2e/missing.db' });
  await form.testConnection();
  await expect(form.error).toBeVisible();
  await expect(form.error).toContainText('/nonexistent/tally-e2e/missing.db');
  await expect(form.error.locator('.code-label')).toHaveText('file-missing');
  const sentence = (await form.error.locator('.notice-message').innerText()).trim();
  expect(sentence, 'one sentence, no stack trace').toMatch(/^[^\n]+[.!?]$/);
  expect(sentence).not.toMatch(/\bat .+:\d+:\d+/);
  await expect(form.testResult).not.toContainText('Connected');
  await shell.screenshot('connect-missing-file');
});

test('a SQLite connection without a file path is refused next to the field', async ({ page, tallyHost }) => {
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);
  const connect = new ConnectPage(page);
  const form = await connect.startAdding();

  await form.fillSqlite({ name: 'Empty', file: '' });
  await form.save();
  await expect(form.fieldError('SQLite file')).toContainText('required');
  await expect(form.sqliteFile).toHaveAttribute('aria-invalid', 'true');
  await expect(form.root).toBeVisible();
  await expect(connect.connection('Empty').root).toHaveCount(0);
  await shell.screenshot('connect-field-error');
});

test('the window says so when the web host goes away', async ({ page, tallyHost }) => {
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);
  await expect(shell.lostConnectionBanner).toBeHidden();
  await tallyHost.stop();
  await expect(shell.lostConnectionBanner).toBeVisible();
  await expect(shell.statusBar).toContainText('Disconnected');
  await shell.screenshot('lost-connection');
});
