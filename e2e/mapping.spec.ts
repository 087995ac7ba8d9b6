/**
 * The mapping grid on the demo database (seed 42), as a consultant uses it: auto-map the legacy
 * shop to a new SQLite target, split customers' full names into first and last name, clean the
 * phone numbers, watch the live preview (with a rejected row and its reason), follow a row, undo,
 * save, and download the mapping document.
 */
import { readFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { MapPage } from './pages/map-page';

test.use({ locale: 'en-US' });

const demoSource = 'Demo shop (legacy SQLite)';
const target = 'Warehouse (new SQLite)';

test('maps full names and phone numbers with a live preview, undo and the mapping document', async ({
  page,
  tallyHost,
}) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);

  // A brand-new SQLite file as the target, added through the Connect form.
  const connect = new ConnectPage(page);
  const form = await connect.startAdding();
  await form.fillSqlite({ name: target, file: join(dirname(tallyHost.workspacePath), 'warehouse.db'), role: 'target' });
  await form.save();
  await expect(form.root).toBeHidden();
  await expect(connect.connection(target).root).toContainText('target');

  await shell.goTo('Map');
  const map = new MapPage(page);
  await expect(map.newPlanForm).toBeVisible();
  await shell.screenshot('map-start');
  await map.autoMap(demoSource, target);
  await expect(map.saveState).toHaveText('Saved as version 1');

  // Tables in foreign-key order, each created by Tally on the empty target.
  await expect(map.tableItem('customers')).toContainText('new');
  await expect(map.tableItem('order_items')).toBeVisible();
  const order = await map.tableList.locator('.plan-table-name').allTextContents();
  expect(order.indexOf('customers')).toBeLessThan(order.indexOf('orders'));
  expect(order.indexOf('orders')).toBeLessThan(order.indexOf('order_items'));

  await map.openTable('customers');
  await expect(map.gridRow('full_name').first()).toBeVisible();
  await expect(map.gridCell('full_name', 'sources')).toHaveText('full_name');
  await expect(map.gridCell('full_name', 'match')).toContainText('exact');
  await expect(map.gridCell('customer_id', 'check')).toContainText('fits');
  await map.sampleSize.selectOption('100');
  await expect(map.previewValue('customer_id 2', 'full_name')).toHaveText('  Sylvester Rath');
  await shell.screenshot('map-customers-auto-mapped');

  // first_name and last_name: new target columns, filled from full_name by split_name.
  for (const [column, part] of [
    ['first_name', 'first'],
    ['last_name', 'last'],
  ] as const) {
    await map.addTargetColumn(column, 'text(100)');
    const panel = await map.editColumn(column);
    await panel.addSource.selectOption('full_name');
    await panel.addStep('split_name');
    await panel.setParam(0, 'Part', part);
    await expect(map.gridCell(column, 'chain')).toContainText('split_name');
  }
  await expect(map.saveState).toHaveText('● Unsaved changes');

  // The preview shows the split at once, computed in the window by the transform catalogue.
  await expect(map.previewValue('customer_id 2', 'first_name')).toHaveText('Sylvester');
  await expect(map.previewValue('customer_id 2', 'last_name')).toHaveText('Rath');
  await expect(map.previewValue('customer_id 6', 'first_name')).toHaveText('Annette');
  await expect(map.previewValue('customer_id 6', 'last_name')).toHaveText('Bahringer');
  await expect(map.previewValue('customer_id 17', 'first_name')).toHaveText('Deshaun');
  await expect(map.previewValue('customer_id 17', 'last_name')).toHaveText("O'Connell");
  await expect(map.previewValue('customer_id 4', 'last_name')).toHaveText('del Rio');

  // phone: cleaned to E.164 with US as the default region; junk is rejected with its reason.
  const phone = await map.editColumn('phone');
  await phone.addStep('normalize_phone');
  await phone.setParam(0, 'Default region', 'US');
  await expect(map.previewValue('customer_id 2', 'phone')).toHaveText('+17186936833');
  await expect(map.previewValue('customer_id 7', 'phone')).toHaveText('+14694812490');
  await expect(map.previewValue('customer_id 25', 'phone')).toHaveText('+441614960634');
  await expect(map.previewValue('customer_id 1', 'phone')).toHaveText('null');
  await expect(map.previewRow('customer_id 94')).toHaveClass(/preview-rejected/);
  await expect(map.previewOutcome('customer_id 94')).toContainText(
    'Rejected — phone (normalize_phone): "N/A" is not a phone number.',
  );
  await expect(map.previewValue('customer_id 94', 'phone')).toContainText('"N/A" is not a phone number.');
  await expect(map.previewOutcome('customer_id 2')).toHaveText('✓ written');
  await expect(map.tab('Preview')).toContainText('rejected');
  await shell.screenshot('map-preview-rejected-row');

  // Follow the rejected row: the value after every step, and where it stops.
  await map.follow('customer_id 94');
  await expect(map.followedColumn('phone')).toContainText('✕ Rejected at step 1 (normalize_phone)');
  await expect(map.followedColumn('first_name')).toContainText('split_name');
  await expect(map.followedColumn('first_name')).toContainText('Darby');
  await expect(map.followedColumn('last_name')).toContainText('Wolff');
  await shell.screenshot('map-follow-row');
  await map.tab('Preview').click();

  // Undo (button and keyboard) restores the previous mapping, and the preview with it.
  await map.undoButton.click(); // the default region
  await map.undoButton.click(); // the normalize_phone step
  await expect(map.gridCell('phone', 'chain')).toHaveText('as is');
  await expect(map.previewValue('customer_id 2', 'phone')).toHaveText('718.693.6833');
  await expect(map.previewOutcome('customer_id 94')).toHaveText('✓ written');
  await map.redoButton.click();
  await map.redoButton.click();
  await expect(map.previewValue('customer_id 2', 'phone')).toHaveText('+17186936833');
  await map.gridCell('phone', 'target').click();
  await page.keyboard.press('Control+z');
  await expect(map.gridCell('phone', 'chain')).toContainText('normalize_phone');
  await expect(map.previewValue('customer_id 2', 'phone')).not.toHaveText('+17186936833');
  await page.keyboard.press('Control+Shift+z');
  await expect(map.previewValue('customer_id 2', 'phone')).toHaveText('+17186936833');

  // Review: bulk-mark the three edited columns agreed, with an owner.
  for (const column of ['first_name', 'last_name', 'phone']) {
    await map.search.fill(column);
    await expect(map.gridRow(column).first()).toBeVisible();
    await map.gridRow(column).locator('input[type=checkbox]').first().check();
  }
  await expect(page.getByRole('toolbar', { name: 'Mapping tools' })).toContainText('3 selected');
  await map.search.fill('');
  await page.getByLabel('Set review status of the selected rows').selectOption('agreed');
  await page.getByLabel('Owner of the selected rows').fill('Dana (customer)');
  await page.getByRole('button', { name: 'Set owner' }).click();
  await expect(map.gridCell('phone', 'status')).toHaveText('agreed');
  await expect(map.gridCell('first_name', 'owner')).toHaveText('Dana (customer)');
  await expect(map.tableItem('customers')).toHaveAccessibleName(/3 agreed/);

  // The DDL Tally will run for the new table, with the added columns.
  await map.tab('Create target table').click();
  await expect(page.getByRole('region', { name: 'Create the table' })).toContainText('CREATE TABLE');
  await expect(page.getByRole('region', { name: 'Create the table' })).toContainText('first_name');
  await shell.screenshot('map-create-table-ddl');
  await map.tab('Preview').click();

  // Unsaved edits hold the user back from leaving.
  await shell.goTo('Inspect');
  await expect(map.unsavedDialog).toBeVisible();
  await shell.screenshot('map-unsaved-changes');
  await map.unsavedDialog.getByRole('button', { name: 'Stay here' }).click();
  await expect(map.unsavedDialog).toBeHidden();
  await expect(map.preview).toBeVisible();
  await map.saveButton.click();
  await expect(map.saveState).toHaveText('Saved as version 2');
  await shell.goTo('Inspect');
  await expect(map.unsavedDialog).toBeHidden();
  await expect(page.getByRole('heading', { name: 'Inspect', level: 1 })).toBeVisible();
  await shell.goTo('Map');
  await expect(map.previewValue('customer_id 2', 'first_name')).toHaveText('Sylvester');

  // The mapping document, in all three formats.
  const markdown = await map.exportDocument(/^Markdown/);
  expect(markdown.suggestedFilename()).toMatch(/-mapping\.md$/);
  const markdownText = readFileSync(await markdown.path(), 'utf8');
  expect(markdownText).toContain('## customers');
  expect(markdownText).toContain('| first_name | text(100) | full_name | 1. split_name (part: first) |');
  expect(markdownText).toContain('split_name (part: last)');
  expect(markdownText).toContain('normalize_phone (defaultRegion: US, strict: true');
  expect(markdownText).toContain('Dana (customer)');

  const csv = await map.exportDocument(/^CSV/);
  const csvText = readFileSync(await csv.path(), 'utf8');
  expect(csvText.split('\r\n')[0]).toContain('Target table,Field,Type');
  expect(csvText).toContain('customers,last_name,text(100),customers,full_name,1. split_name (part: last)');

  const html = await map.exportDocument(/^Printable HTML/);
  const htmlText = readFileSync(await html.path(), 'utf8');
  expect(htmlText.startsWith('<!doctype html>')).toBe(true);
  expect(htmlText).toContain('split_name (part: first)');
  // The printable document as the customer sees it.
  const htmlFile = test.info().outputPath(html.suggestedFilename());
  await html.saveAs(htmlFile);
  await page.goto(pathToFileURL(htmlFile).href);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Mapping document');
  await expect(page.getByRole('row', { name: /first_name/ })).toContainText('split_name (part: first)');
  await page.screenshot({ path: join(__dirname, 'screenshots', 'map-document-html.png') });
});

test('asks before unsaved edits are left behind, and warns when the source drifted from the plan', async ({
  page,
  tallyHost,
}) => {
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);
  const form = await new ConnectPage(page).startAdding();
  await form.fillSqlite({ name: target, file: join(dirname(tallyHost.workspacePath), 'warehouse.db'), role: 'target' });
  await form.save();
  await expect(form.root).toBeHidden();

  await shell.goTo('Map');
  const map = new MapPage(page);
  await map.autoMap(demoSource, target);
  await map.openTable('customers');
  const email = await map.editColumn('email');
  await email.addStep('normalize_email');
  await expect(map.saveState).toHaveText('● Unsaved changes');

  // Starting another plan with unsaved edits asks first; "Save and continue" keeps them as version 2.
  await map.planPicker.selectOption({ label: 'New plan…' });
  await expect(map.unsavedDialog).toContainText('before you start a new plan');
  await map.unsavedDialog.getByRole('button', { name: 'Save and continue' }).click();
  await expect(map.newPlanForm).toBeVisible();
  await expect(map.savedPlans).toContainText('version 2');

  // Someone adds a column to the legacy database; the reopened plan says so before anything runs.
  const demo = new Database(tallyHost.demoDatabasePath);
  demo.exec('ALTER TABLE customers ADD COLUMN loyalty_tier TEXT');
  demo.close();
  await map.savedPlans.getByRole('button', { name: /^Open / }).click();
  await expect(map.driftWarning).toContainText('The databases changed since this plan was built.');
  await expect(map.driftWarning).toContainText('Column customers.loyalty_tier is new.');
  await map.openTable('customers');
  await expect(map.gridCell('email', 'chain')).toContainText('normalize_email');
  await shell.screenshot('map-drift-warning');
});
