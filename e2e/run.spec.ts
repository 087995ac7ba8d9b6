/**
 * The Run screen on the demo database (seed 42), as a consultant uses it: auto-map the legacy
 * shop to a new SQLite target, run the plan in small batches, watch the progress move, pause and
 * resume, read the finished accounting of `orders` (read = written + rejected + filtered), find
 * an orphaned order in the quarantine with its reason, then rehearse the plan as a dry run and go
 * back to the first run in the history.
 */
import { dirname, join } from 'node:path';
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { MapPage } from './pages/map-page';
import { leadingNumber, RunPage } from './pages/run-page';

test.use({ locale: 'en-US' });

const demoSource = 'Demo shop (legacy SQLite)';
const target = 'Warehouse (new SQLite)';

test('runs the demo plan with progress, pause and resume, the accounting and a rejected row', async ({
  page,
  tallyHost,
}) => {
  test.setTimeout(180_000);
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);

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
  // The plan just saved is chosen; the history is empty.
  await expect(run.planPicker.locator('option:checked')).toHaveText(/\(v1\)$/);
  await expect(run.history).toContainText('No run yet');
  await expect(run.startButton).toBeEnabled();
  // Small batches: many batch boundaries, so a pause is seen before the end.
  await run.setBatchRows(20);
  await shell.screenshot('run-start');

  await run.startButton.click();
  await expect(run.status).toHaveText('running');
  await expect(run.tables).toBeVisible();
  await expect(run.table('customers').root).toBeVisible();
  await expect(run.table('orders').root).toBeVisible();
  await expect(run.table('order_items').root).toBeVisible();

  // The progress moves: rows read grow while the run works.
  await expect.poll(() => run.overallRowsRead(), { timeout: 30_000 }).toBeGreaterThan(0);
  const before = await run.overallRowsRead();
  await expect.poll(() => run.overallRowsRead(), { timeout: 30_000 }).toBeGreaterThan(before);

  // Pause at the next batch boundary: the buttons follow, and the counts stop.
  await run.pauseButton.click();
  await expect(run.status).toHaveText('paused');
  await expect(run.pauseButton).toBeDisabled();
  await expect(run.resumeButton).toBeEnabled();
  await expect(run.cancelButton).toBeEnabled();
  await page.waitForTimeout(700);
  const paused = await run.overallRowsRead();
  await page.waitForTimeout(1_000);
  expect(await run.overallRowsRead()).toBe(paused);
  await shell.screenshot('run-paused');

  await run.resumeButton.click();
  await expect(run.status).toHaveText(/^(running|done)$/);
  await expect(run.resumeButton).toBeDisabled();
  await expect.poll(() => run.overallRowsRead(), { timeout: 30_000 }).toBeGreaterThan(paused);
  await shell.screenshot('run-running');

  await expect(run.status).toHaveText('done', { timeout: 120_000 });
  await expect(run.pauseButton).toBeDisabled();
  await expect(run.resumeButton).toBeDisabled();
  await expect(run.cancelButton).toBeDisabled();

  // orders: every one of the 5,000 rows read is written, rejected or filtered, and the screen says so.
  const orders = run.table('orders');
  await expect(orders.readAndTotal).toHaveText('5,000 / 5,000');
  await expect(orders.progress).toHaveAttribute('aria-valuenow', '100');
  const counts = await orders.counts();
  expect(counts.read).toBe(5_000);
  expect(counts.rejected).toBeGreaterThan(0);
  expect(counts.written + counts.rejected + counts.filtered).toBe(counts.read);
  const n = (value: number): string => value.toLocaleString('en-US');
  await expect(orders.check).toHaveText(
    `5,000 = ${n(counts.written)} + ${n(counts.rejected)} + ${n(counts.filtered)} ✓`,
  );
  await expect(orders.check.getByRole('img', { name: 'adds up' })).toBeVisible();
  for (const name of ['customers', 'products', 'order_items'])
    await expect(run.table(name).check.getByRole('img', { name: 'adds up' })).toBeVisible();
  await expect(run.historyItem('done')).toHaveCount(1);
  await shell.screenshot('run-done');

  // The quarantine: an order whose customer no longer exists, with its one-sentence reason.
  const rejects = await run.openRejects('orders');
  await expect(rejects.count).toHaveText(new RegExp(`^${n(counts.rejected)} · `));
  // The engine checks keys after the load and names each orphan itself.
  const orphan = rejects.rowWithReason(
    /^orders row order_id=\d+, column customer_id: .+ has no match in customers \(customer_id\): an orphaned foreign key\.$/,
  );
  await expect(orphan.first()).toBeVisible();
  await orphan.first().locator('[col-id="reason"]').click();
  await expect(rejects.reasonOfSelected).toHaveText(/^orders row order_id=\d+/);
  await expect(rejects.sourceRow).toContainText('"customer_id":');
  await expect(rejects.sourceRow).toContainText('"order_id":');
  await rejects.root.scrollIntoViewIfNeeded();
  await shell.screenshot('run-rejects');

  // Replayed through the unchanged plan, every row is refused again and stays in the quarantine.
  await expect(rejects.replayButton).toHaveText('Replay with version 1');
  await rejects.replayButton.click();
  await expect(rejects.replayOutcome).toHaveText(
    new RegExp(
      `^Replayed ${n(counts.rejected)}: 0 loaded, ${n(counts.rejected)} still rejected \\(orders row order_id=`,
    ),
    { timeout: 60_000 },
  );
  await expect(rejects.count).toHaveText(new RegExp(`^${n(counts.rejected)} · `));
  await shell.screenshot('run-replayed');

  // A dry run of the same plan: nothing kept, the same rejects, a projected time.
  await run.dryRunButton.click();
  await expect(run.title).toContainText('Dry run');
  await expect(run.status).toHaveText('done', { timeout: 120_000 });
  await expect(run.dryRunReport).toContainText('nothing was written to the target');
  await expect(run.table('orders').rejected).toHaveText(counts.rejected.toLocaleString('en-US'));
  await expect(run.historyItems()).toHaveCount(2);
  await shell.screenshot('run-dry-run');

  // The history: the first run (the older one, listed second) shows its accounting again.
  await run.historyItems().nth(1).click();
  await expect(run.title).not.toContainText('Dry run');
  await expect(run.table('orders').check.getByRole('img', { name: 'adds up' })).toBeVisible();
  expect(leadingNumber(await run.table('orders').read.innerText())).toBe(5_000);

  // The Dry run step is the same screen, with the dry run as its main action.
  await shell.goTo('Dry run');
  await expect(page.getByRole('heading', { name: 'Dry run', level: 1 })).toBeVisible();
  await expect(run.dryRunButton).toHaveClass(/button-primary/);
  await expect(run.historyItems()).toHaveCount(2);
});
