/**
 * Validate and sign off, as a consultant and a reviewer do after a demo migration: draw a
 * sample, read record cards side by side (source | expected | actual), approve two records, flag
 * one with a note and pin it, export the sign-off report and find those decisions in it, with
 * the audit trail intact; then open the review in reviewer mode with personal data masked.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { MapPage } from './pages/map-page';
import { RunPage } from './pages/run-page';
import { ReportPage, ValidatePage } from './pages/validate-page';

test.use({ locale: 'en-US' });

const demoSource = 'Demo shop (legacy SQLite)';
const target = 'Warehouse (new SQLite)';

test('reviews a sample after a demo migration and finds the decisions in the sign-off report', async ({
  page,
  tallyHost,
}) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);

  // The demo migration: a new SQLite target, the auto-mapped plan, one run.
  const connect = new ConnectPage(page);
  const form = await connect.startAdding();
  await form.fillSqlite({ name: target, file: join(dirname(tallyHost.workspacePath), 'warehouse.db'), role: 'target' });
  await form.save();
  await expect(form.root).toBeHidden();
  await shell.goTo('Map');
  const map = new MapPage(page);
  await map.autoMap(demoSource, target);
  await expect(map.saveState).toHaveText('Saved as version 1');
  await shell.goTo('Run');
  const run = new RunPage(page);
  await expect(run.startButton).toBeEnabled();
  await run.startButton.click();
  await expect(run.status).toHaveText('done', { timeout: 120_000 });

  // The Validate step is built now.
  await expect(shell.step('Validate')).toHaveAccessibleName('Validate');
  await shell.goTo('Validate');
  const validate = new ValidatePage(page);
  await expect(validate.drawButton).toBeEnabled();
  await validate.reviewer.fill('Dana Reviewer');
  await validate.drawButton.click();
  await expect(validate.records.first()).toBeVisible({ timeout: 30_000 });
  // Five records per table, four tables, plus rows beside rejects.
  expect(await validate.records.count()).toBeGreaterThanOrEqual(20);

  // A record card: source, expected and actual side by side.
  await expect(validate.card.getByRole('columnheader')).toHaveText([
    'Target column',
    /^Source \(/,
    'Expected after mapping',
    /^Actual in target \(/,
    'Difference',
  ]);
  await shell.screenshot('validate-review');

  // Approve two records.
  const first = await validate.currentRecord();
  await validate.approveButton.click();
  await expect(validate.counts).toContainText('1 decided');
  // Deciding moves on to the next undecided record.
  await expect.poll(() => validate.currentRecord()).not.toBe(first);
  const second = await validate.currentRecord();
  await validate.approveButton.click();
  await expect(validate.counts).toContainText('2 decided');
  await expect.poll(() => validate.currentRecord()).not.toBe(second);

  // Flag one with a note; a flag without a note is refused with a sentence.
  const flagged = await validate.currentRecord();
  await validate.flagButton.click();
  await expect(validate.review.getByRole('alert')).toContainText('A flag needs a note');
  await validate.note.fill('Shipping address lost its apartment number');
  await validate.flagButton.click();
  await expect(validate.counts).toContainText('3 decided · 1 flagged');
  const flaggedKey = (flagged.split(' · ')[1] ?? flagged).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  await validate
    .record(new RegExp(`${flaggedKey}(?![\\d])`))
    .first()
    .click();
  await expect(validate.card.getByText('Flagged by Dana Reviewer')).toBeVisible();
  await validate.pinButton.click();
  await expect(validate.review.getByRole('status')).toContainText('Pinned');
  await shell.screenshot('validate-flagged');

  // Counts and checksums: none yet, said so; then one validation, table by table.
  await expect(validate.checksums).toContainText('No checksum validation yet');
  await validate.validateButton.click();
  await expect(validate.checksums.getByRole('row')).toHaveCount(5, { timeout: 60_000 });
  await expect(validate.checksums.getByRole('cell', { name: 'orders', exact: true })).toBeVisible();
  // The rows the run rejected are quarantined, not missing: the demo's products still match.
  const products = validate.checksums
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: 'products', exact: true }) });
  await expect(products.getByRole('cell')).toHaveText([
    'products',
    /match/i,
    '62',
    '56',
    /\d/,
    /\d/,
    '6',
    '0',
    '0',
    '0',
    '',
  ]);
  await validate.checksums.scrollIntoViewIfNeeded();
  await shell.screenshot('validate-checksums');

  // The sign-off report holds the three decisions, the reviewer, the note and an intact audit trail.
  await shell.goTo('Report');
  const report = new ReportPage(page);
  await expect(report.auditStatus).toContainText('Intact');
  await report.signedBy.fill('Sam Consultant');
  await report.statement.fill('Accepted for go-live');
  const download = await report.exportReport();
  const file = await download.path();
  const html = readFileSync(file, 'utf8');
  expect(html).toContain('Migration sign-off');
  expect((html.match(/<tr class="decision approved"/g) ?? []).length).toBe(2);
  expect((html.match(/<tr class="decision flagged"/g) ?? []).length).toBe(1);
  expect(html).toContain('Dana Reviewer');
  expect(html).toContain('Shipping address lost its apartment number');
  expect(html).toContain('Signed off by <strong>Sam Consultant</strong>');
  expect(html).toContain('intact');
  expect(html).not.toContain('No checksum validation yet');
  expect(html).not.toContain('<script');
  await expect(report.audit).toContainText('signoff');
  await expect(report.audit).toContainText('review.decision');
  await expect(report.audit).toContainText('run.finished');
  await shell.screenshot('report');

  // The report as a reader sees it.
  const reader = await page.context().newPage();
  // The download is kept without its .html name; its content is what a reader opens.
  await reader.setContent(html);
  await expect(reader.getByRole('heading', { name: 'Migration sign-off' })).toBeVisible();
  await reader.screenshot({ path: join(__dirname, 'screenshots', 'report-signoff.png'), fullPage: true });
  await reader.close();

  // Reviewer mode: only the review, personal data masked.
  await shell.goTo('Validate');
  await validate.review.getByRole('button', { name: 'Reviewer mode' }).click();
  await expect(page.getByRole('heading', { name: 'Reviewer mode', level: 1 })).toBeVisible();
  await expect(shell.steps).toBeHidden();
  await validate
    .record(/customers/)
    .first()
    .click();
  await expect(validate.card.locator('.review-masked').first()).toBeVisible();
  await shell.screenshot('reviewer-mode');
  await page.getByRole('button', { name: 'Leave reviewer mode' }).click();
  await expect(shell.steps).toBeVisible();
});
