/**
 * Ground truth for the flaws planted in the demo database. Every number is counted while the rows
 * are written, so profiling, mapping and migration can be tested against exact expectations.
 */

export const DEMO_TABLES = ['customers', 'products', 'orders', 'order_items'] as const;
export type DemoTableName = (typeof DEMO_TABLES)[number];

/** Columns in declaration order; also the keys of `nulls` and `emptyStrings`. */
export const DEMO_COLUMNS = {
  customers: [
    'customer_id',
    'full_name',
    'email',
    'phone',
    'address',
    'city',
    'region',
    'postal_code',
    'country',
    'created_at',
    'is_active',
    'notes',
  ],
  products: ['product_id', 'sku', 'name', 'category', 'price', 'discontinued', 'weight_kg'],
  orders: ['order_id', 'customer_id', 'order_date', 'status', 'total_amount', 'currency', 'shipping_address'],
  order_items: ['order_item_id', 'order_id', 'product_id', 'quantity', 'unit_price', 'discount'],
} as const satisfies Record<DemoTableName, readonly string[]>;

export type FullNameStyle = keyof DemoFlaws['fullNames'];
export type PhoneFormat = keyof DemoFlaws['phones'];
export type AddressStyle = keyof DemoFlaws['addresses'];
export type OrderDateFormat = keyof DemoFlaws['orderDates'];
export type InvalidOrderDateKind = keyof DemoFlaws['invalidOrderDates'];
export type CountryCode = 'US' | 'CA' | 'GB' | 'AU';

export type DemoFlaws = {
  /** customers.full_name: how each name is written. Exactly one style per row; sums to the customer count. */
  fullNames: {
    /** 'Ann Lee' */
    firstLast: number;
    /** 'Ann Marie Lee', 'Ann M. Lee' */
    withMiddleName: number;
    /** last word is Jr., Sr., II, III, IV, PhD or MD: 'Ann Lee Jr.', 'Ann M. Lee PhD' */
    withSuffix: number;
    /** 'Lee, Ann', 'Lee,Ann', 'Lee, Ann M.' (the only style with a comma) */
    lastCommaFirst: number;
    /** a lower-case surname particle: 'Jan van der Berg', 'Maria de la Cruz' */
    withParticle: number;
    /** one word: 'Ann' */
    singleName: number;
    /** leading, trailing or doubled spaces around 'First Last' */
    extraWhitespace: number;
  };
  /** customers.email (null emails are in nulls.customers.email). */
  emails: {
    /** distinct lower(trim(email)) values held by more than one customer */
    duplicateGroups: number;
    /** customers in those groups, originals included */
    duplicateRows: number;
    /** non-null emails without '@' */
    malformed: number;
  };
  /** customers.phone, one format per row; sums to the customer count. */
  phones: {
    /** '(555) 123-4567' */
    parenthesized: number;
    /** '555-123-4567' */
    dashed: number;
    /** '555.123.4567' */
    dotted: number;
    /** '+1 555 123 4567' */
    plusOneSpaced: number;
    /** '5551234567' */
    digitsOnly: number;
    /** starts with '+' and a country code other than 1: '+44 20 7946 0958' */
    international: number;
    /** free text: 'n/a', 'call me', ... */
    junk: number;
    /** '' */
    empty: number;
    null: number;
  };
  /** customers.address, one style per row; sums to the customer count. */
  addresses: {
    /** '12 Main Street', optionally with a unit ('Apt 4B', '#12', 'Suite 200') */
    spelledOutSuffix: number;
    /** '12 Main St.', '12 Oak Ave' */
    abbreviatedSuffix: number;
    /** '12 MAIN ST.' (no lower-case letter) */
    allCaps: number;
    /** ends with ', ' followed by the row's postal_code: '12 Main St, 02134' */
    postalCodeInLine: number;
    /** does not start with a digit: 'Main Street', 'PO Box 123' */
    noHouseNumber: number;
    null: number;
  };
  /** customers.country: spelling as stored -> rows, grouped by the country it means (nulls are US addresses). */
  countries: Record<CountryCode, Record<string, number>>;
  /** customers.region of US addresses (country is a US spelling or null), null and '' regions excluded. */
  usRegions: {
    /** 'CA' */
    abbreviation: number;
    /** 'ca' */
    lowercaseAbbreviation: number;
    /** 'California' */
    fullName: number;
  };
  /** customers.postal_code of US addresses. */
  usPostalCodes: {
    /** '02134-5678' */
    zipPlus4: number;
    /** four digits: the leading zero of '02134' was lost ('2134') */
    lostLeadingZero: number;
  };
  /** customers.is_active: value as stored -> rows ('Y', 'N', 'yes', '1', '0'); nulls excluded. */
  isActive: Record<string, number>;
  /** NULL count for every column of every table. */
  nulls: { [Table in DemoTableName]: Record<(typeof DEMO_COLUMNS)[Table][number], number> };
  /** '' count for every column of every table. */
  emptyStrings: { [Table in DemoTableName]: Record<(typeof DEMO_COLUMNS)[Table][number], number> };
  /**
   * orders.order_date, one format per row; sums to the order count. Naive formats (no zone) hold UTC
   * wall-clock time; all valid values are whole minutes.
   */
  orderDates: {
    /** '2023-04-05T14:03:00Z' */
    isoUtc: number;
    /** '2023-04-05T16:03:00+02:00' */
    isoWithOffset: number;
    /** '2023-04-05 14:03:00' */
    sqlDateTime: number;
    /** '04/05/2023 2:03 PM' (month first) */
    usTwelveHour: number;
    /** '05.04.2023 14:03' (day first) */
    euDotted: number;
    /** '2023-04-05 06:03 PST'; fixed offsets: PST -8, PDT -7, MST -7, CST -6, EST -5, EDT -4, GMT 0, CET +1 */
    withZoneName: number;
    /** not a date: see invalidOrderDates */
    invalid: number;
    null: number;
  };
  /** orders.order_date values counted in orderDates.invalid. */
  invalidOrderDates: {
    /** well-formed but impossible: '2023-02-30 14:03:00', '2023-04-31T09:00:00Z' */
    impossibleCalendarDate: number;
    /** 'N/A', 'unknown', 'TBD', '?' */
    placeholder: number;
    /** '' */
    empty: number;
    /** '0000-00-00 00:00:00' */
    zeroDate: number;
  };
  /** orders.status: canonical status -> spelling as stored -> rows ('cancelled' -> {'canceled': 12, ...}); nulls excluded. */
  orderStatuses: Record<string, Record<string, number>>;
  /** orders.currency: value as stored -> rows ('USD', 'usd', ...); nulls excluded. */
  currencies: Record<string, number>;
  /** orders whose customer_id is not null and names no customer (violates the declared foreign key) */
  ordersWithMissingCustomer: number;
  /** distinct customer ids those orders name */
  missingCustomerIds: number;
  /**
   * orders whose total_amount (not null) differs from the sum over their items of
   * quantity * unit_price * (1 - discount) by more than one cent per item (discounts above 1 are percentages)
   */
  orderTotalMismatches: number;
  /** orders.shipping_address values containing a line break */
  shippingAddressMultiline: number;
  /** order_items whose product_id is not null and names no product (a deleted product) */
  orphanedOrderItems: number;
  /** distinct product ids those items name */
  missingProductIds: number;
  /** Storage classes of prices. "Non-numeric" text has a character other than a digit or '.': '$12.50', '12,50'. */
  prices: {
    /** products.price stored as TEXT. NUMERIC affinity turns '12.50' into a number, so all of these are non-numeric. */
    productsPriceText: number;
    productsPriceNonNumericText: number;
    /** products.price stored as INTEGER: whole prices such as 20.00, converted by NUMERIC affinity */
    productsPriceInteger: number;
    /** order_items.unit_price (declared without a type) stored as TEXT, numeric-looking ('12.50') or not */
    orderItemsUnitPriceText: number;
    orderItemsUnitPriceNonNumericText: number;
  };
  /** products.category: canonical category -> spelling as stored -> rows; nulls and '' excluded. */
  productCategories: Record<string, Record<string, number>>;
  /** order_items.discount above 1: a percentage (10) stored where a fraction (0.10) is expected */
  discountStoredAsPercent: number;
  /** order_items.quantity = 0 */
  zeroQuantityItems: number;
};

function zeroCounts<Column extends string>(columns: readonly Column[]): Record<Column, number> {
  return Object.fromEntries(columns.map((column) => [column, 0])) as Record<Column, number>;
}

export function emptyDemoFlaws(): DemoFlaws {
  const perColumn = (): DemoFlaws['nulls'] => ({
    customers: zeroCounts(DEMO_COLUMNS.customers),
    products: zeroCounts(DEMO_COLUMNS.products),
    orders: zeroCounts(DEMO_COLUMNS.orders),
    order_items: zeroCounts(DEMO_COLUMNS.order_items),
  });
  return {
    fullNames: {
      firstLast: 0,
      withMiddleName: 0,
      withSuffix: 0,
      lastCommaFirst: 0,
      withParticle: 0,
      singleName: 0,
      extraWhitespace: 0,
    },
    emails: { duplicateGroups: 0, duplicateRows: 0, malformed: 0 },
    phones: {
      parenthesized: 0,
      dashed: 0,
      dotted: 0,
      plusOneSpaced: 0,
      digitsOnly: 0,
      international: 0,
      junk: 0,
      empty: 0,
      null: 0,
    },
    addresses: {
      spelledOutSuffix: 0,
      abbreviatedSuffix: 0,
      allCaps: 0,
      postalCodeInLine: 0,
      noHouseNumber: 0,
      null: 0,
    },
    countries: { US: {}, CA: {}, GB: {}, AU: {} },
    usRegions: { abbreviation: 0, lowercaseAbbreviation: 0, fullName: 0 },
    usPostalCodes: { zipPlus4: 0, lostLeadingZero: 0 },
    isActive: {},
    nulls: perColumn(),
    emptyStrings: perColumn(),
    orderDates: {
      isoUtc: 0,
      isoWithOffset: 0,
      sqlDateTime: 0,
      usTwelveHour: 0,
      euDotted: 0,
      withZoneName: 0,
      invalid: 0,
      null: 0,
    },
    invalidOrderDates: { impossibleCalendarDate: 0, placeholder: 0, empty: 0, zeroDate: 0 },
    orderStatuses: {},
    currencies: {},
    ordersWithMissingCustomer: 0,
    missingCustomerIds: 0,
    orderTotalMismatches: 0,
    shippingAddressMultiline: 0,
    orphanedOrderItems: 0,
    missingProductIds: 0,
    prices: {
      productsPriceText: 0,
      productsPriceNonNumericText: 0,
      productsPriceInteger: 0,
      orderItemsUnitPriceText: 0,
      orderItemsUnitPriceNonNumericText: 0,
    },
    productCategories: {},
    discountStoredAsPercent: 0,
    zeroQuantityItems: 0,
  };
}

export function countInto(counts: Record<string, number>, key: string): void {
  counts[key] = (counts[key] ?? 0) + 1;
}

/** Adds the row's NULL and '' values to the per-column counts. `values` are in DEMO_COLUMNS order. */
export function countNullsAndEmpties(flaws: DemoFlaws, table: DemoTableName, values: readonly unknown[]): void {
  const columns: readonly string[] = DEMO_COLUMNS[table];
  const nulls: Record<string, number> = flaws.nulls[table];
  const empties: Record<string, number> = flaws.emptyStrings[table];
  for (let index = 0; index < values.length; index++) {
    const value = values[index];
    if (value === null) countInto(nulls, columns[index] ?? '?');
    else if (value === '') countInto(empties, columns[index] ?? '?');
  }
}
