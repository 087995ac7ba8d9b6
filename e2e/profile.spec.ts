/**
 * The Profile screen on the demo database, as a consultant uses it: profile the legacy shop in
 * the worker, read the duplicate-email alert of customers with the generator's own counts, apply
 * its suggested rule, and find normalize_email in the mapping's chain for the email column.
 */
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { MapPage } from './pages/map-page';
import { ProfilePage } from './pages/profile-page';

test.use({ locale: 'en-US' });

const demoSource = 'Demo shop (legacy SQLite)';
const target = 'Warehouse (new SQLite)';

/** Duplicate e-mail groups and rows counted from the database itself, after lower-casing and trimming. */
function emailDuplicates(file: string): { groups: number; rows: number } {
  const db = new Database(file, { readonly: true });
  try {
    const row = db
      .prepare(
        `SELECT count(*) AS groups, coalesce(sum(n), 0) AS rows FROM (
           SELECT count(*) AS n FROM customers WHERE email IS NOT NULL AND trim(email) <> ''
           GROUP BY lower(trim(email)) HAVING count(*) > 1)`,
      )
      .get() as { groups: number; rows: number };
    return row;
  } finally {
    db.close();
  }
}

test('profiles the demo shop, applies the duplicate-email rule and finds it in the mapping', async ({
  page,
  tallyHost,
}) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1440, height: 1000 });
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);

  // A target to map to: a rule goes into a plan from the source to a target.
  const connect = new ConnectPage(page);
  const form = await connect.startAdding();
  await form.fillSqlite({ name: target, file: join(dirname(tallyHost.workspacePath), 'warehouse.db'), role: 'target' });
  await form.save();
  await expect(form.root).toBeHidden();

  await shell.goTo('Profile');
  const profile = new ProfilePage(page);
  await profile.sourcePicker.selectOption({ label: `${demoSource} (source)` });
  await profile.profileButton.click();
  await expect(profile.tableItem('order_items')).toBeVisible({ timeout: 60_000 });
  await expect(profile.profileButton).toHaveText('Profile again');
  for (const table of ['customers', 'orders', 'products']) await expect(profile.tableItem(table)).toBeVisible();

  await profile.openTable('customers');
  const expected = emailDuplicates(tallyHost.demoDatabasePath);
  expect(expected.groups).toBeGreaterThan(0);
  const alert = profile.alert('duplicates', 'email');
  await expect(alert).toContainText(
    `${expected.groups} values repeat once case and surrounding spaces are ignored (${expected.rows} rows)`,
  );
  await shell.screenshot('profile-customers');

  // The email column in depth: its formats and values.
  await profile.columns.locator('[col-id="name"] .strong', { hasText: /^email$/ }).click();
  await expect(page.getByRole('region', { name: 'Column email' })).toContainText('Most common values');
  await page.getByRole('region', { name: 'Column email' }).scrollIntoViewIfNeeded();
  await shell.screenshot('profile-customers-email');

  // The repeated addresses as whole rows: every spelling, each with its customer.
  const emailFinding = profile.findings
    .getByRole('article')
    .filter({ has: page.getByRole('heading', { name: /^email duplicates ignoring case and spaces$/ }) });
  await emailFinding.getByText(/^Rows sharing the most repeated values/).click();
  const rowsTable = emailFinding.getByRole('table', { name: 'Rows sharing the most repeated values' });
  await expect(rowsTable.getByRole('columnheader', { name: 'customer_id' })).toBeVisible();
  expect(await rowsTable.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
  await rowsTable.scrollIntoViewIfNeeded();
  await shell.screenshot('profile-duplicate-rows');

  const rule = profile.rule('email', 'normalize_email');
  await expect(rule).toContainText(`${expected.groups} email addresses repeat`);
  await rule.scrollIntoViewIfNeeded();
  const result = await profile.applyRule('email', 'normalize_email');
  await expect(result).toContainText('Added normalize_email to the chain of customers.email');
  await shell.screenshot('profile-rule-applied');

  await result.getByRole('button', { name: 'Open in Map' }).click();
  const map = new MapPage(page);
  await expect(map.gridCell('email', 'chain')).toContainText('normalize_email');
  await shell.screenshot('profile-rule-in-map');
});

test('shows progress while profiling and can cancel it', async ({ page, tallyHost }) => {
  test.setTimeout(60_000);
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);
  await shell.goTo('Profile');
  const profile = new ProfilePage(page);
  await profile.sourcePicker.selectOption({ label: `${demoSource} (source)` });
  await profile.profileButton.click();
  await expect(profile.cancelButton).toBeVisible();
  await profile.cancelButton.click();
  // Either the cancel stopped it, or the small demo finished first: both leave the screen usable.
  await expect(profile.profileButton).toBeVisible({ timeout: 30_000 });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /cancelled|Profiling/ })
      .or(profile.tableList),
  ).toBeVisible();
});
