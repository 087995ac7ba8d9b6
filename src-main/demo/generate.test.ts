import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSqliteDatabase, type SqliteDatabase } from '../dialects/sqlite/native';
import { DEMO_TABLES, generateDemoDatabase, type DemoFlaws, type DemoManifest, type DemoTableName } from './generate';

/*
 * Every manifest number is measured again from the produced file, with classifiers written here
 * independently of the generator, and the two must agree exactly.
 */

const temporaryDirectory = mkdtempSync(join(tmpdir(), 'tally-demo-'));
afterAll(() => rmSync(temporaryDirectory, { recursive: true, force: true }));

function databaseFile(name: string): string {
  return join(temporaryDirectory, `${name}.db`);
}

function withDatabase<T>(file: string, use: (database: SqliteDatabase) => T): T {
  const database = openSqliteDatabase(file, { readonly: true, fileMustExist: true });
  try {
    return use(database);
  } finally {
    database.close();
  }
}

function count(database: SqliteDatabase, sql: string): number {
  return database.prepare(sql).pluck().get() as number;
}

function groupCounts(database: SqliteDatabase, sql: string): Map<string, number> {
  const rows = database.prepare(sql).raw().all() as Array<[string, number]>;
  return new Map(rows);
}

function columnsOf(database: SqliteDatabase, table: string): string[] {
  return (database.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string }>).map(
    (column) => column.name,
  );
}

function increment(counts: Record<string, number>, key: string, by = 1): void {
  counts[key] = (counts[key] ?? 0) + by;
}

// ---- independent classifiers -------------------------------------------------------------------

const NAME_PARTICLE_WORDS = new Set([
  'van',
  'der',
  'den',
  'de',
  'la',
  'von',
  'da',
  'del',
  'di',
  'dos',
  'le',
  'du',
  'ter',
]);
const NAME_SUFFIX_WORDS = new Set(['Jr.', 'Sr.', 'II', 'III', 'IV', 'PhD', 'MD']);

function classifyFullName(name: string): keyof DemoFlaws['fullNames'] {
  if (name !== name.trim() || name.includes('  ')) return 'extraWhitespace';
  if (name.includes(',')) return 'lastCommaFirst';
  const words = name.split(' ');
  if (words.length === 1) return 'singleName';
  if (NAME_SUFFIX_WORDS.has(words[words.length - 1] ?? '')) return 'withSuffix';
  if (words.some((word) => NAME_PARTICLE_WORDS.has(word))) return 'withParticle';
  if (words.length === 3) return 'withMiddleName';
  if (words.length === 2) return 'firstLast';
  throw new Error(`unclassified full name ${JSON.stringify(name)}`);
}

function classifyPhone(phone: string | null): keyof DemoFlaws['phones'] {
  if (phone === null) return 'null';
  if (phone === '') return 'empty';
  if (/^\(\d{3}\) \d{3}-\d{4}$/.test(phone)) return 'parenthesized';
  if (/^\d{3}-\d{3}-\d{4}$/.test(phone)) return 'dashed';
  if (/^\d{3}\.\d{3}\.\d{4}$/.test(phone)) return 'dotted';
  if (/^\+1 \d{3} \d{3} \d{4}$/.test(phone)) return 'plusOneSpaced';
  if (/^\d{10}$/.test(phone)) return 'digitsOnly';
  if (/^\+[2-9][\d ]+$/.test(phone)) return 'international';
  return 'junk';
}

const SPELLED_OUT_SUFFIX = /\b(Street|Avenue|Road|Boulevard|Drive|Lane|Court|Place|Terrace|Parkway|Circle)\b/;
const ABBREVIATED_SUFFIX = /\b(St|Ave|Rd|Blvd|Dr|Ln|Ct|Pl|Ter|Pkwy|Cir)\b/;

function classifyAddress(address: string | null, postalCode: string | null): keyof DemoFlaws['addresses'] {
  if (address === null) return 'null';
  if (address === address.toUpperCase()) return 'allCaps';
  if (postalCode !== null && postalCode !== '' && address.endsWith(`, ${postalCode}`)) return 'postalCodeInLine';
  if (!/^\d/.test(address)) return 'noHouseNumber';
  if (SPELLED_OUT_SUFFIX.test(address)) return 'spelledOutSuffix';
  if (ABBREVIATED_SUFFIX.test(address)) return 'abbreviatedSuffix';
  throw new Error(`unclassified address ${JSON.stringify(address)}`);
}

function countryCodeOf(spelling: string): 'US' | 'CA' | 'GB' | 'AU' {
  const key = spelling.toLowerCase().replace(/[^a-z]/g, '');
  if (['us', 'usa', 'unitedstates', 'unitedstatesofamerica'].includes(key)) return 'US';
  if (['canada', 'ca', 'can'].includes(key)) return 'CA';
  if (['unitedkingdom', 'uk', 'gb', 'england'].includes(key)) return 'GB';
  if (['australia', 'au'].includes(key)) return 'AU';
  throw new Error(`unknown country spelling ${JSON.stringify(spelling)}`);
}

function canonicalStatus(spelling: string): string {
  const key = spelling.trim().toLowerCase().replace(/\.$/, '').replace(/[ _]+/g, '_');
  const synonyms: Record<string, string> = { canceled: 'cancelled', in_progress: 'processing' };
  return synonyms[key] ?? key;
}

function canonicalCategory(spelling: string): string {
  const key = spelling.trim().toLowerCase();
  const synonyms: Record<string, string> = {
    apparel: 'Clothing',
    'home and garden': 'Home & Garden',
    'home/garden': 'Home & Garden',
    'home & garden': 'Home & Garden',
    'sports & outdoors': 'Sports',
    'toys & games': 'Toys',
    food: 'Grocery',
    'health & beauty': 'Beauty',
    auto: 'Automotive',
  };
  return synonyms[key] ?? key.charAt(0).toUpperCase() + key.slice(1);
}

const ZONE_OFFSET_MINUTES: Record<string, number> = {
  PST: -480,
  PDT: -420,
  MST: -420,
  CST: -360,
  EST: -300,
  EDT: -240,
  GMT: 0,
  CET: 60,
};

/** Epoch milliseconds if the fields make a real calendar date and time, otherwise null. */
function utcInstant(year: number, month: number, day: number, hour: number, minute: number): number | null {
  const epochMs = Date.UTC(year, month - 1, day, hour, minute);
  const date = new Date(epochMs);
  const isReal = date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
  return isReal && hour < 24 && minute < 60 ? epochMs : null;
}

type ClassifiedDate = {
  format: keyof DemoFlaws['orderDates'];
  invalidKind?: keyof DemoFlaws['invalidOrderDates'];
  /** the UTC instant of a valid date */
  epochMs?: number;
};

function classifyOrderDate(value: string | null): ClassifiedDate {
  if (value === null) return { format: 'null' };
  if (value === '') return { format: 'invalid', invalidKind: 'empty' };
  if (value === '0000-00-00 00:00:00') return { format: 'invalid', invalidKind: 'zeroDate' };
  const numbers = (match: RegExpMatchArray): number[] => match.slice(1).map(Number);
  const shapes: Array<[keyof DemoFlaws['orderDates'], RegExp, (match: RegExpMatchArray) => number | null]> = [
    ['isoUtc', /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):00Z$/, (m) => instantOf(numbers(m), 0)],
    [
      'isoWithOffset',
      /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):00([+-])(\d{2}):(\d{2})$/,
      (m) => instantOf(numbers(m).slice(0, 5), (m[6] === '-' ? -1 : 1) * (Number(m[7]) * 60 + Number(m[8]))),
    ],
    ['sqlDateTime', /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):00$/, (m) => instantOf(numbers(m), 0)],
    [
      'usTwelveHour',
      /^(\d{2})\/(\d{2})\/(\d{4}) (\d{1,2}):(\d{2}) (AM|PM)$/,
      (m) => {
        const [month = 0, day = 0, year = 0, hour12 = 0, minute = 0] = numbers(m.slice(0, 6) as RegExpMatchArray);
        if (hour12 < 1 || hour12 > 12) return null;
        return utcInstant(year, month, day, (hour12 % 12) + (m[6] === 'PM' ? 12 : 0), minute);
      },
    ],
    [
      'euDotted',
      /^(\d{2})\.(\d{2})\.(\d{4}) (\d{2}):(\d{2})$/,
      (m) => {
        const [day = 0, month = 0, year = 0, hour = 0, minute = 0] = numbers(m);
        return utcInstant(year, month, day, hour, minute);
      },
    ],
    [
      'withZoneName',
      /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}) ([A-Z]{3})$/,
      (m) => {
        const offset = ZONE_OFFSET_MINUTES[m[6] ?? ''];
        if (offset === undefined) throw new Error(`unknown zone in ${value}`);
        return instantOf(numbers(m.slice(0, 6) as RegExpMatchArray), offset);
      },
    ],
  ];
  for (const [format, pattern, toInstant] of shapes) {
    const match = value.match(pattern);
    if (!match) continue;
    const epochMs = toInstant(match);
    return epochMs === null ? { format: 'invalid', invalidKind: 'impossibleCalendarDate' } : { format, epochMs };
  }
  const dateOnly = value.match(/^(\d{4})-(\d{2})-(\d{2})$/);
  if (dateOnly) {
    const [year = 0, month = 0, day = 0] = numbers(dateOnly);
    if (utcInstant(year, month, day, 0, 0) !== null) throw new Error(`unexpected valid date-only value ${value}`);
    return { format: 'invalid', invalidKind: 'impossibleCalendarDate' };
  }
  if (/\d/.test(value)) throw new Error(`unclassified order date ${JSON.stringify(value)}`);
  return { format: 'invalid', invalidKind: 'placeholder' };
}

/** [year, month, day, hour, minute] written at offsetMinutes east of UTC, as a UTC instant. */
function instantOf(
  [year = 0, month = 0, day = 0, hour = 0, minute = 0]: number[],
  offsetMinutes: number,
): number | null {
  const local = utcInstant(year, month, day, hour, minute);
  return local === null ? null : local - offsetMinutes * 60_000;
}

function parsePriceCents(value: number | string): number {
  if (typeof value === 'number') return Math.round(value * 100);
  let text = value.replace(/USD|\$/g, '').trim();
  text = text.includes('.') ? text.replace(/,/g, '') : text.replace(',', '.');
  const amount = Number(text);
  if (!Number.isFinite(amount)) throw new Error(`unparseable price ${JSON.stringify(value)}`);
  return Math.round(amount * 100);
}

// ---- measuring a database ----------------------------------------------------------------------

type CustomerRow = {
  full_name: string;
  phone: string | null;
  address: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
};

function measureFlaws(database: SqliteDatabase): DemoFlaws {
  const perColumn = (predicate: string): DemoFlaws['nulls'] =>
    Object.fromEntries(
      DEMO_TABLES.map((table) => [
        table,
        Object.fromEntries(
          columnsOf(database, table).map((column) => [
            column,
            count(database, `SELECT count(*) FROM ${table} WHERE ${column} ${predicate}`),
          ]),
        ),
      ]),
    ) as DemoFlaws['nulls'];

  const fullNames: Record<string, number> = {
    firstLast: 0,
    withMiddleName: 0,
    withSuffix: 0,
    lastCommaFirst: 0,
    withParticle: 0,
    singleName: 0,
    extraWhitespace: 0,
  };
  const phones: Record<string, number> = {
    parenthesized: 0,
    dashed: 0,
    dotted: 0,
    plusOneSpaced: 0,
    digitsOnly: 0,
    international: 0,
    junk: 0,
    empty: 0,
    null: 0,
  };
  const addresses: Record<string, number> = {
    spelledOutSuffix: 0,
    abbreviatedSuffix: 0,
    allCaps: 0,
    postalCodeInLine: 0,
    noHouseNumber: 0,
    null: 0,
  };
  const countries: Record<string, Record<string, number>> = { US: {}, CA: {}, GB: {}, AU: {} };
  const usRegions = { abbreviation: 0, lowercaseAbbreviation: 0, fullName: 0 };
  const usPostalCodes = { zipPlus4: 0, lostLeadingZero: 0 };
  const customers = database.prepare(
    'SELECT full_name, phone, address, region, postal_code, country FROM customers ORDER BY customer_id',
  );
  for (const customer of customers.iterate() as IterableIterator<CustomerRow>) {
    increment(fullNames, classifyFullName(customer.full_name));
    increment(phones, classifyPhone(customer.phone));
    increment(addresses, classifyAddress(customer.address, customer.postal_code));
    const countryCode = customer.country === null ? 'US' : countryCodeOf(customer.country);
    if (customer.country !== null) increment(countries[countryCode] ?? {}, customer.country);
    if (countryCode !== 'US') continue;
    const region = customer.region;
    if (region !== null && region !== '') {
      if (/^[A-Z]{2}$/.test(region)) usRegions.abbreviation++;
      else if (/^[a-z]{2}$/.test(region)) usRegions.lowercaseAbbreviation++;
      else usRegions.fullName++;
    }
    if (customer.postal_code !== null && /^\d{5}-\d{4}$/.test(customer.postal_code)) usPostalCodes.zipPlus4++;
    if (customer.postal_code !== null && /^\d{4}$/.test(customer.postal_code)) usPostalCodes.lostLeadingZero++;
  }

  const emailGroups = database
    .prepare(
      `SELECT count(*) AS groups, coalesce(sum(members), 0) AS rows FROM (
         SELECT lower(trim(email)) AS canonical, count(*) AS members FROM customers
         WHERE email IS NOT NULL GROUP BY canonical HAVING count(*) > 1)`,
    )
    .get() as { groups: number; rows: number };

  const orderDates: Record<string, number> = {
    isoUtc: 0,
    isoWithOffset: 0,
    sqlDateTime: 0,
    usTwelveHour: 0,
    euDotted: 0,
    withZoneName: 0,
    invalid: 0,
    null: 0,
  };
  const invalidOrderDates: Record<string, number> = {
    impossibleCalendarDate: 0,
    placeholder: 0,
    empty: 0,
    zeroDate: 0,
  };
  // Orders were placed in id order, so every valid date, whatever its format and zone, must be at
  // or after the previous one: this checks that offsets and zone names describe the same instants.
  let latestInstant = -Infinity;
  const orderDateValues = database.prepare('SELECT order_date FROM orders ORDER BY order_id').pluck();
  for (const value of orderDateValues.iterate() as IterableIterator<string | null>) {
    const classified = classifyOrderDate(value);
    increment(orderDates, classified.format);
    if (classified.invalidKind) increment(invalidOrderDates, classified.invalidKind);
    if (classified.epochMs !== undefined) {
      expect(classified.epochMs, `order date ${value}`).toBeGreaterThanOrEqual(latestInstant);
      latestInstant = classified.epochMs;
    }
  }

  const orderStatuses: Record<string, Record<string, number>> = {};
  for (const [spelling, rows] of groupCounts(
    database,
    'SELECT status, count(*) FROM orders WHERE status IS NOT NULL GROUP BY status',
  )) {
    increment((orderStatuses[canonicalStatus(spelling)] ??= {}), spelling, rows);
  }
  const productCategories: Record<string, Record<string, number>> = {};
  for (const [spelling, rows] of groupCounts(
    database,
    "SELECT category, count(*) FROM products WHERE category IS NOT NULL AND category <> '' GROUP BY category",
  )) {
    increment((productCategories[canonicalCategory(spelling)] ??= {}), spelling, rows);
  }

  const missingCustomers = database
    .prepare(
      `SELECT count(*) AS orders, count(DISTINCT customer_id) AS ids FROM orders o
       WHERE customer_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM customers c WHERE c.customer_id = o.customer_id)`,
    )
    .get() as { orders: number; ids: number };
  const orphanedItems = database
    .prepare(
      `SELECT count(*) AS items, count(DISTINCT product_id) AS ids FROM order_items i
       WHERE product_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM products p WHERE p.product_id = i.product_id)`,
    )
    .get() as { items: number; ids: number };

  // Recompute each order's total from its items: quantity * unit price * (1 - discount), a discount
  // above 1 being a percentage; rounding may differ by at most a cent per item.
  const itemTotals = new Map<number, { cents: number; items: number }>();
  const items = database.prepare('SELECT order_id, quantity, unit_price, discount FROM order_items').raw();
  for (const [orderId, quantity, unitPrice, discount] of items.iterate() as IterableIterator<
    [number, number, number | string, number | null]
  >) {
    const fraction = discount === null ? 0 : discount > 1 ? discount / 100 : discount;
    const entry = itemTotals.get(orderId) ?? { cents: 0, items: 0 };
    entry.cents += quantity * parsePriceCents(unitPrice) * (1 - fraction);
    entry.items += 1;
    itemTotals.set(orderId, entry);
  }
  let orderTotalMismatches = 0;
  const totals = database.prepare('SELECT order_id, total_amount FROM orders WHERE total_amount IS NOT NULL').raw();
  for (const [orderId, totalAmount] of totals.iterate() as IterableIterator<[number, number]>) {
    const expected = itemTotals.get(orderId) ?? { cents: 0, items: 0 };
    if (Math.abs(Math.round(totalAmount * 100) - expected.cents) > expected.items) orderTotalMismatches++;
  }

  return {
    fullNames: fullNames as DemoFlaws['fullNames'],
    emails: {
      duplicateGroups: emailGroups.groups,
      duplicateRows: emailGroups.rows,
      malformed: count(database, "SELECT count(*) FROM customers WHERE email IS NOT NULL AND instr(email, '@') = 0"),
    },
    phones: phones as DemoFlaws['phones'],
    addresses: addresses as DemoFlaws['addresses'],
    countries,
    usRegions,
    usPostalCodes,
    isActive: Object.fromEntries(
      groupCounts(database, 'SELECT is_active, count(*) FROM customers WHERE is_active IS NOT NULL GROUP BY is_active'),
    ),
    nulls: perColumn('IS NULL'),
    emptyStrings: perColumn("= ''"),
    orderDates: orderDates as DemoFlaws['orderDates'],
    invalidOrderDates: invalidOrderDates as DemoFlaws['invalidOrderDates'],
    orderStatuses,
    currencies: Object.fromEntries(
      groupCounts(database, 'SELECT currency, count(*) FROM orders WHERE currency IS NOT NULL GROUP BY currency'),
    ),
    ordersWithMissingCustomer: missingCustomers.orders,
    missingCustomerIds: missingCustomers.ids,
    orderTotalMismatches,
    shippingAddressMultiline: count(
      database,
      'SELECT count(*) FROM orders WHERE instr(shipping_address, char(10)) > 0',
    ),
    orphanedOrderItems: orphanedItems.items,
    missingProductIds: orphanedItems.ids,
    prices: {
      productsPriceText: count(database, "SELECT count(*) FROM products WHERE typeof(price) = 'text'"),
      productsPriceNonNumericText: count(
        database,
        "SELECT count(*) FROM products WHERE typeof(price) = 'text' AND price GLOB '*[^0-9.]*'",
      ),
      productsPriceInteger: count(database, "SELECT count(*) FROM products WHERE typeof(price) = 'integer'"),
      orderItemsUnitPriceText: count(database, "SELECT count(*) FROM order_items WHERE typeof(unit_price) = 'text'"),
      orderItemsUnitPriceNonNumericText: count(
        database,
        "SELECT count(*) FROM order_items WHERE typeof(unit_price) = 'text' AND unit_price GLOB '*[^0-9.]*'",
      ),
    },
    productCategories,
    discountStoredAsPercent: count(database, 'SELECT count(*) FROM order_items WHERE discount > 1'),
    zeroQuantityItems: count(database, 'SELECT count(*) FROM order_items WHERE quantity = 0'),
  };
}

function tableCounts(database: SqliteDatabase): Record<DemoTableName, number> {
  return Object.fromEntries(
    DEMO_TABLES.map((table) => [table, count(database, `SELECT count(*) FROM ${table}`)]),
  ) as Record<DemoTableName, number>;
}

/** SHA-256 over every value of every table, storage class included, in primary-key order. */
function dataHash(file: string): string {
  return withDatabase(file, (database) => {
    const hash = createHash('sha256');
    for (const table of DEMO_TABLES) {
      const row = columnsOf(database, table)
        .map((column) => `typeof(${column}) || ':' || quote(${column})`)
        .join(" || '|' || ");
      hash.update(`#${table}\n`);
      for (const text of database.prepare(`SELECT ${row} FROM ${table} ORDER BY rowid`).pluck().iterate()) {
        hash.update(`${String(text)}\n`);
      }
    }
    return hash.digest('hex');
  });
}

// ---- tests -------------------------------------------------------------------------------------

describe('generateDemoDatabase', () => {
  let manifest: DemoManifest;
  const file = databaseFile('default');

  beforeAll(() => {
    manifest = generateDemoDatabase({ file });
  });

  it('uses the defaults and sizes the tables from rows', () => {
    expect(manifest).toMatchObject({ file, seed: 42, rows: 5000 });
    expect(manifest.tables).toMatchObject({ customers: 1250, products: 62, orders: 5000 });
    expect(manifest.tables.order_items).toBeGreaterThanOrEqual(5000);
    expect(manifest.tables.order_items).toBeLessThanOrEqual(25_000);
    withDatabase(file, (database) => expect(tableCounts(database)).toEqual(manifest.tables));
  });

  it('reports exactly the flaws the data contains', () => {
    withDatabase(file, (database) => expect(measureFlaws(database)).toEqual(manifest.flaws));
  });

  it('plants every kind of flaw at the default size', () => {
    const { flaws } = manifest;
    for (const group of [flaws.fullNames, flaws.phones, flaws.addresses, flaws.orderDates, flaws.invalidOrderDates]) {
      for (const [kind, rows] of Object.entries(group)) expect(rows, kind).toBeGreaterThan(0);
    }
    expect(flaws.emails.duplicateGroups).toBeGreaterThan(0);
    expect(flaws.emails.duplicateRows).toBeGreaterThan(flaws.emails.duplicateGroups);
    expect(flaws.emails.malformed).toBeGreaterThan(0);
    expect(flaws.nulls.customers.email).toBeGreaterThan(0);
    expect(Object.keys(flaws.countries.US).length).toBeGreaterThanOrEqual(5);
    expect(flaws.ordersWithMissingCustomer).toBeGreaterThan(0);
    expect(flaws.orphanedOrderItems).toBeGreaterThan(0);
    expect(flaws.missingProductIds).toBeGreaterThan(0);
    expect(flaws.orderTotalMismatches).toBeGreaterThan(0);
    expect(flaws.prices.productsPriceText).toBeGreaterThan(0);
    expect(flaws.prices.orderItemsUnitPriceNonNumericText).toBeGreaterThan(0);
    expect(flaws.prices.orderItemsUnitPriceText).toBeGreaterThan(flaws.prices.orderItemsUnitPriceNonNumericText);
    expect(Object.keys(flaws.orderStatuses.cancelled ?? {})).toEqual(expect.arrayContaining(['cancelled', 'canceled']));
  });

  it('writes a plain single-file database with the legacy schema', () => {
    for (const suffix of ['-wal', '-shm', '-journal']) expect(existsSync(`${file}${suffix}`)).toBe(false);
    withDatabase(file, (database) => {
      expect(database.pragma('journal_mode', { simple: true })).toBe('delete');
      expect(database.pragma('integrity_check', { simple: true })).toBe('ok');
      const objects = database
        .prepare("SELECT type, name FROM sqlite_schema WHERE name NOT LIKE 'sqlite_autoindex%' ORDER BY name")
        .raw()
        .all();
      expect(objects).toEqual([
        ['table', 'customers'],
        ['index', 'idx_customers_email'],
        ['index', 'idx_order_items_order_id'],
        ['index', 'idx_orders_customer_id'],
        ['table', 'order_items'],
        ['table', 'orders'],
        ['table', 'products'],
      ]);
      const declaredType = (table: string, column: string): string =>
        (database.prepare(`PRAGMA table_info(${table})`).all() as Array<{ name: string; type: string }>).find(
          (info) => info.name === column,
        )?.type ?? '?';
      expect(declaredType('products', 'price')).toBe('NUMERIC(10,2)');
      expect(declaredType('order_items', 'unit_price')).toBe('');
      const foreignKeys = (table: string) =>
        (database.prepare(`PRAGMA foreign_key_list(${table})`).all() as Array<{ table: string; from: string }>).map(
          (key) => `${key.from}->${key.table}`,
        );
      expect(foreignKeys('orders')).toEqual(['customer_id->customers']);
      expect(foreignKeys('order_items')).toEqual(['order_id->orders']);
      // The declared foreign keys are broken exactly by the orders of missing customers.
      expect(database.pragma('foreign_key_check')).toHaveLength(manifest.flaws.ordersWithMissingCustomer);
    });
  });

  it('is deterministic for a seed and differs between seeds', () => {
    const again = databaseFile('again');
    const otherSeed = databaseFile('other-seed');
    expect(generateDemoDatabase({ file: again })).toEqual({ ...manifest, file: again });
    const other = generateDemoDatabase({ file: otherSeed, seed: 7 });
    expect(dataHash(again)).toBe(dataHash(file));
    expect(dataHash(otherSeed)).not.toBe(dataHash(file));
    expect(other.flaws).not.toEqual(manifest.flaws);
  });

  it('replaces an existing database and its journal files', () => {
    const target = databaseFile('replaced');
    for (const path of [target, `${target}-wal`, `${target}-shm`, `${target}-journal`]) writeFileSync(path, 'stale');
    const replaced = generateDemoDatabase({ file: target, rows: 100 });
    for (const suffix of ['-wal', '-shm', '-journal']) expect(existsSync(`${target}${suffix}`)).toBe(false);
    withDatabase(target, (database) => {
      expect(tableCounts(database)).toEqual(replaced.tables);
      expect(measureFlaws(database)).toEqual(replaced.flaws);
    });
  });

  it('keeps the minimum table sizes for tiny runs', () => {
    const tiny = generateDemoDatabase({ file: databaseFile('tiny'), rows: 1 });
    expect(tiny.tables).toMatchObject({ customers: 50, products: 60, orders: 1 });
    withDatabase(tiny.file, (database) => expect(measureFlaws(database)).toEqual(tiny.flaws));
  });

  it('rejects invalid options', () => {
    expect(() => generateDemoDatabase({ file: databaseFile('bad'), rows: 0 })).toThrow(RangeError);
    expect(() => generateDemoDatabase({ file: databaseFile('bad'), rows: 2.5 })).toThrow(RangeError);
    expect(() => generateDemoDatabase({ file: databaseFile('bad'), seed: Number.NaN })).toThrow(RangeError);
  });

  it('scales to a larger run with the same exact accounting', () => {
    const large = generateDemoDatabase({ file: databaseFile('large'), rows: 200_000, seed: 3 });
    expect(large.tables).toMatchObject({ customers: 50_000, products: 2500, orders: 200_000 });
    withDatabase(large.file, (database) => {
      expect(tableCounts(database)).toEqual(large.tables);
      expect(measureFlaws(database)).toEqual(large.flaws);
    });
  });
});
