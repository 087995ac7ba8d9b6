/**
 * The demo database as a first-time user meets it: already listed as a source, and addable by
 * hand through the form; its schema shows the legacy shop's tables, keys and row counts.
 */
import { expect, test } from './fixtures';
import { AppShell } from './pages/app-shell';
import { ConnectPage } from './pages/connect-page';
import { InspectPage } from './pages/inspect-page';

test.use({ locale: 'en-US' });

test('adds a connection to the demo database, tests it and browses the legacy shop', async ({ page, tallyHost }) => {
  const shell = new AppShell(page);
  await shell.open(tallyHost.url);
  const connect = new ConnectPage(page);
  await expect(connect.connection('Demo shop (legacy SQLite)').root).toContainText('demo.db');

  const form = await connect.startAdding();
  await form.fillSqlite({ name: 'Legacy shop (copy)', file: tallyHost.demoDatabasePath, role: 'source' });
  await form.testConnection();
  await expect(form.testResult).toContainText('Connected');
  await form.save();
  await expect(form.root).toBeHidden();

  const added = connect.connection('Legacy shop (copy)');
  await added.test();
  await expect(added.testResult).toContainText('read-only enforced');
  await added.browseSchema();

  const inspect = new InspectPage(page);
  await expect(inspect.tableItem('orders')).toContainText('5,000');
  await expect(inspect.tableItem('customers')).toContainText('1,250');
  await expect(inspect.tableItem('products')).toBeVisible();
  await expect(inspect.tableItem('order_items')).toBeVisible();

  await inspect.selectTable('orders');
  await expect(inspect.rowCount).toHaveText('5,000');
  await expect(inspect.column('customer_id')).toContainText('FK → customers.customer_id');
  await expect(inspect.column('order_date')).toContainText('TEXT');
  await expect(inspect.fact('Referenced by')).toContainText('order_items');

  await inspect.selectTable('order_items');
  // product_id is a "likely" foreign key only: legacy schemas often never declared it.
  await expect(inspect.column('product_id')).not.toContainText('FK');
  await expect(inspect.column('order_id')).toContainText('FK → orders.order_id');
  await shell.screenshot('inspect-demo-order-items');
});
