/**
 * Plans as files and their history, on the demo database (seed 42): auto-map, edit and save a
 * second version, read the diff between the two in the history, download the plan file, have a
 * broken file refused with a sentence saying where, and import the downloaded file as a new plan.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { MapPage } from './pages/map-page';

test.use({ locale: 'en-US' });

const demoSource = 'Demo shop (legacy SQLite)';
const target = 'Warehouse (new SQLite)';

type StepJson = { name: string };
type PlanFileJson = {
  tally: number;
  name: string;
  tables: { id: string; columns: { target: string; transforms: StepJson[] }[] }[];
};

function emailSteps(plan: PlanFileJson): string[] {
  const customers = plan.tables.find((table) => table.id === 'customers');
  const email = customers?.columns.find((column) => column.target === 'email');
  return email?.transforms.map((step) => step.name) ?? [];
}

test('keeps every save as a version with its diff, and exports and imports the plan file', async ({
  page,
  tallyHost,
}) => {
  test.setTimeout(120_000);
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);

  const form = await new ConnectPage(page).startAdding();
  await form.fillSqlite({ name: target, file: join(dirname(tallyHost.workspacePath), 'warehouse.db'), role: 'target' });
  await form.save();
  await expect(form.root).toBeHidden();

  await shell.goTo('Map');
  const map = new MapPage(page);
  await expect(map.savedPlans.getByRole('button', { name: 'Import plan file…' })).toBeVisible();

  // A file that is not JSON is refused on the start panel, with a sentence saying where.
  const broken = test.info().outputPath('broken.plan.json');
  writeFileSync(broken, '{"tally": 1, "name": "Half a plan",\n  "tables": [');
  await map.importPlanFile(broken);
  await expect(map.savedPlans.getByRole('alert')).toContainText('The plan file is not valid JSON');
  await shell.screenshot('plan-import-refused-start');

  // Version 1: the auto-mapped plan. Version 2: normalize_email on customers.email.
  await map.autoMap(demoSource, target);
  await expect(map.saveState).toHaveText('Saved as version 1');
  const tables = await map.tableList.locator('.plan-table-name').allTextContents();
  expect(tables).toContain('customers');
  await map.openTable('customers');
  const email = await map.editColumn('email');
  await email.addStep('normalize_email');
  await expect(map.gridCell('email', 'chain')).toContainText('normalize_email');
  await map.saveButton.click();
  await expect(map.saveState).toHaveText('Saved as version 2');

  // The history: both versions, the newest compared with the one before, grouped by table.
  await map.historyButton.click();
  await expect(map.historyDialog).toBeVisible();
  await expect(map.historyVersion(2)).toHaveAttribute('aria-pressed', 'true');
  await expect(map.historyVersion(1)).toBeVisible();
  await expect(map.historyDialog.getByRole('button', { name: /^Version \d+$/ })).toHaveCount(2);
  await expect(map.historyDialog).toContainText('Changes from version 1 to version 2');
  await expect(map.historyTableChanges('customers')).toContainText('customers.email: transforms changed from []');
  await expect(map.historyTableChanges('customers')).toContainText('normalize_email');
  await shell.screenshot('plan-history-diff');
  await map.historyVersion(1).click();
  await expect(map.historyDialog).toContainText('The first version of the plan');
  await map.historyDialog.getByLabel('Compare with').selectOption('2');
  await expect(map.historyDialog).toContainText('Changes from version 2 to version 1');
  await expect(map.historyTableChanges('customers')).toContainText('customers.email: transforms changed from [{');
  await map.historyDialog.getByRole('button', { name: 'Close' }).click();
  await expect(map.historyDialog).toBeHidden();

  // An edit not saved yet: the menu says the file holds it.
  await (await map.editColumn('email')).addStep('trim');
  await expect(map.saveState).toHaveText('● Unsaved changes');
  const menu = await map.openPlanFileMenu();
  await expect(menu).toContainText('The file holds the plan as edited here, with the changes not saved yet.');
  await shell.screenshot('plan-file-menu');
  await page.keyboard.press('Escape');

  const download = await map.downloadPlanFile();
  expect(download.suggestedFilename()).toMatch(/\.plan\.json$/);
  const text = readFileSync(await download.path(), 'utf8');
  expect(text).toContain('"tally": 1');
  const planFile = JSON.parse(text) as PlanFileJson;
  expect(planFile.tally).toBe(1);
  expect(emailSteps(planFile)).toEqual(['normalize_email', 'trim']);
  expect(planFile.tables.map((table) => table.id)).toContain('customers');
  const downloaded = test.info().outputPath(download.suggestedFilename());
  await download.saveAs(downloaded);

  // A file with the right syntax but a wrong shape is refused too; the open plan stays as it is.
  const wrongShape = test.info().outputPath('wrong-shape.plan.json');
  writeFileSync(wrongShape, JSON.stringify({ ...planFile, tally: 7 }));
  await map.importPlanFile(wrongShape);
  const refusal = page.getByRole('alert').filter({ hasText: 'plan file' });
  await expect(refusal).toContainText('tally');
  await expect(map.saveState).toHaveText('● Unsaved changes');
  await shell.screenshot('plan-import-refused');

  // The downloaded file: saved as a new plan; opening it asks about the unsaved edit first.
  await map.importPlanFile(downloaded);
  await expect(map.unsavedDialog).toContainText('before you open another plan');
  await map.unsavedDialog.getByRole('button', { name: 'Discard changes' }).click();
  await expect(map.saveState).toHaveText('Saved as version 1');
  await expect(map.planPicker.locator('option')).toHaveCount(3); // two plans and "New plan…"
  expect(await map.tableList.locator('.plan-table-name').allTextContents()).toEqual(tables);
  await map.openTable('customers');
  await expect(map.gridCell('email', 'chain')).toContainText('normalize_email');
  await expect(map.gridCell('email', 'chain')).toContainText('trim');
  await shell.screenshot('plan-imported');

  await map.historyButton.click();
  await expect(map.historyDialog.getByRole('button', { name: /^Version \d+$/ })).toHaveCount(1);
  await expect(map.historyVersion(1)).toContainText(`imported from ${download.suggestedFilename()}`);
  await expect(map.historyDialog).toContainText('The first version of the plan');
  await shell.screenshot('plan-history-imported');
});
