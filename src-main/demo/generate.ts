/**
 * The demo database: a legacy e-commerce SQLite file with the flaws real legacy data has (mixed
 * formats, duplicates up to case, orphans, text in numeric columns, several spellings of one value).
 * Tally opens it by default, and later features are tested against its planted flaws, so the
 * generator returns exact ground-truth counts in the manifest (see demo-flaws.ts).
 *
 * Same seed and rows give identical data. Rows are written as they are generated, so memory does
 * not grow with `rows`.
 */
import { existsSync, mkdirSync, rmSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { openSqliteDatabase, type SqliteDatabase } from '../dialects/sqlite/native';
import { CustomerRows } from './customers';
import { emptyDemoFlaws, type DemoFlaws, type DemoTableName } from './demo-flaws';
import { OrderRows } from './orders';
import { generateProducts } from './products';

export { DEMO_COLUMNS, DEMO_TABLES, type DemoFlaws, type DemoTableName } from './demo-flaws';

export type DemoOptions = {
  file: string;
  /** number of orders, default 5000 */
  rows?: number;
  /** default 42 */
  seed?: number;
};

export type DemoManifest = {
  /** absolute path of the database file */
  file: string;
  seed: number;
  rows: number;
  /** row count per table */
  tables: Record<DemoTableName, number>;
  flaws: DemoFlaws;
};

export const DEFAULT_DEMO_ROWS = 5000;
export const DEFAULT_DEMO_SEED = 42;

/** Rows per transaction: large enough to amortise commits, small enough to keep the page cache warm. */
const ROWS_PER_TRANSACTION = 10_000;

/**
 * Legacy style: loose types, an untyped column (order_items.unit_price), a declared foreign key that
 * the data violates (orders.customer_id) and a foreign key that was never declared
 * (order_items.product_id).
 */
const SCHEMA_SQL = `
CREATE TABLE customers (
  customer_id INTEGER PRIMARY KEY,
  full_name TEXT NOT NULL,
  email TEXT,
  phone TEXT,
  address TEXT,
  city TEXT,
  region TEXT,
  postal_code TEXT,
  country TEXT,
  created_at TEXT,
  is_active TEXT,
  notes TEXT
);
CREATE TABLE products (
  product_id INTEGER PRIMARY KEY,
  sku TEXT UNIQUE NOT NULL,
  name TEXT NOT NULL,
  category TEXT,
  price NUMERIC(10,2),
  discontinued INTEGER,
  weight_kg REAL
);
CREATE TABLE orders (
  order_id INTEGER PRIMARY KEY,
  customer_id INTEGER REFERENCES customers(customer_id),
  order_date TEXT,
  status TEXT,
  total_amount REAL,
  currency TEXT,
  shipping_address TEXT
);
CREATE TABLE order_items (
  order_item_id INTEGER PRIMARY KEY,
  order_id INTEGER NOT NULL REFERENCES orders(order_id),
  product_id INTEGER,
  quantity INTEGER,
  unit_price,
  discount REAL
);
`;

/** Created after the rows are in: building an index once is faster than maintaining it per insert. */
const INDEX_SQL = `
CREATE INDEX idx_orders_customer_id ON orders(customer_id);
CREATE INDEX idx_order_items_order_id ON order_items(order_id);
CREATE INDEX idx_customers_email ON customers(email);
`;

function removeDatabaseFiles(file: string): void {
  for (const path of [file, `${file}-wal`, `${file}-shm`, `${file}-journal`]) {
    if (existsSync(path)) rmSync(path, { force: true });
  }
}

function checkOptions(rows: number, seed: number): void {
  if (!Number.isSafeInteger(rows) || rows < 1) throw new RangeError(`rows must be a positive integer, got ${rows}`);
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be an integer, got ${seed}`);
}

/** Runs insertOne(id) for ids 1..count, ROWS_PER_TRANSACTION at a time. */
function insertInChunks(database: SqliteDatabase, count: number, insertOne: (id: number) => void): void {
  const insertRange = database.transaction((first: number, last: number) => {
    for (let id = first; id <= last; id++) insertOne(id);
  });
  for (let first = 1; first <= count; first += ROWS_PER_TRANSACTION) {
    insertRange(first, Math.min(count, first + ROWS_PER_TRANSACTION - 1));
  }
}

/** Writes the demo database to options.file, replacing any file (and journal) already there. */
export function generateDemoDatabase(options: DemoOptions): DemoManifest {
  const rows = options.rows ?? DEFAULT_DEMO_ROWS;
  const seed = options.seed ?? DEFAULT_DEMO_SEED;
  checkOptions(rows, seed);
  const file = resolve(options.file);
  mkdirSync(dirname(file), { recursive: true });
  removeDatabaseFiles(file);

  const flaws = emptyDemoFlaws();
  const customerCount = Math.max(50, Math.floor(rows / 4));
  const database = openSqliteDatabase(file);
  try {
    // Bulk load: no journal and no fsync; a failed run deletes the file anyway. Legacy data breaks
    // its own foreign keys, so they are not enforced.
    database.pragma('journal_mode = OFF');
    database.pragma('synchronous = OFF');
    database.pragma('foreign_keys = OFF');
    database.pragma('cache_size = -65536');
    database.exec(SCHEMA_SQL);

    const insertCustomer = database.prepare(
      'INSERT INTO customers (customer_id, full_name, email, phone, address, city, region, postal_code, country, created_at, is_active, notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const customers = new CustomerRows(seed, customerCount, flaws);
    insertInChunks(database, customerCount, (customerId) => insertCustomer.run(customers.row(customerId)));

    const insertProduct = database.prepare(
      'INSERT INTO products (product_id, sku, name, category, price, discontinued, weight_kg) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const catalog = database.transaction(() =>
      generateProducts(seed, rows, flaws, (values) => insertProduct.run(values)),
    )();

    const insertOrder = database.prepare(
      'INSERT INTO orders (order_id, customer_id, order_date, status, total_amount, currency, shipping_address) VALUES (?, ?, ?, ?, ?, ?, ?)',
    );
    const insertOrderItem = database.prepare(
      'INSERT INTO order_items (order_item_id, order_id, product_id, quantity, unit_price, discount) VALUES (?, ?, ?, ?, ?, ?)',
    );
    const orders = new OrderRows(seed, rows, customerCount, catalog, flaws);
    insertInChunks(database, rows, (orderId) => {
      const { order, items } = orders.order(orderId);
      insertOrder.run(order);
      for (const item of items) insertOrderItem.run(item);
    });

    database.exec(INDEX_SQL);
    // A normal rollback-journal database for whoever opens it next. No ANALYZE: the file must not
    // carry sqlite_stat tables.
    database.pragma('journal_mode = DELETE');
    database.close();

    const tables: Record<DemoTableName, number> = {
      customers: customerCount,
      products: catalog.productCount,
      orders: rows,
      order_items: orders.orderItemCount,
    };
    return { file, seed, rows, tables, flaws };
  } catch (error) {
    if (database.open) database.close();
    removeDatabaseFiles(file);
    throw error;
  }
}
