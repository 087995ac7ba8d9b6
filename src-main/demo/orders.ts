/**
 * Orders and order items of the demo database, generated one order at a time from a single
 * sequential stream. Only a handful of counters and the sets of missing ids (bounded by the number of
 * deleted products and missing customers) outlive an order.
 */
import { homeOf, resolveIdentityId, streetLine, type Home, type StreetSuffixForm } from './customers';
import {
  countInto,
  countNullsAndEmpties,
  type DemoFlaws,
  type InvalidOrderDateKind,
  type OrderDateFormat,
} from './demo-flaws';
import type { ProductCatalog } from './products';
import { DemoStream, SeededRandom, WeightedChoice, mixSeed } from './seeded-random';
import { COUNTRY_SPELLINGS, ORDER_STATUS_SPELLINGS, ORDER_STATUS_WEIGHTS } from './word-lists';

export type OrderValues = [
  orderId: number,
  customerId: number | null,
  orderDate: string | null,
  status: string | null,
  totalAmount: number | null,
  currency: string | null,
  shippingAddress: string | null,
];

export type OrderItemValues = [
  orderItemId: number,
  orderId: number,
  productId: number | null,
  quantity: number,
  unitPrice: number | string,
  discount: number | null,
];

const ORDERS_FROM = Date.UTC(2019, 0, 1);
const ORDERS_TO = Date.UTC(2024, 11, 31, 23, 59);
const MINUTE_MS = 60_000;

const ORDER_DATE_FORMATS = new WeightedChoice<OrderDateFormat>([
  ['isoUtc', 30],
  ['isoWithOffset', 10],
  ['sqlDateTime', 30],
  ['usTwelveHour', 12],
  ['euDotted', 8],
  ['withZoneName', 4],
  ['invalid', 1.5],
  ['null', 1],
]);

const INVALID_DATE_KINDS = new WeightedChoice<InvalidOrderDateKind>([
  ['impossibleCalendarDate', 40],
  ['placeholder', 25],
  ['empty', 20],
  ['zeroDate', 15],
]);

const DATE_PLACEHOLDERS = ['N/A', 'n/a', 'unknown', 'TBD', '?'];

/** Offsets in minutes east of UTC. */
const ISO_OFFSETS = [120, 60, -300, -240, -420, -480, 330, 540, 600, -180];
const ZONE_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['PST', -480],
  ['PDT', -420],
  ['MST', -420],
  ['CST', -360],
  ['EST', -300],
  ['EDT', -240],
  ['GMT', 0],
  ['CET', 60],
];

/** Months shorter than 31 days, for impossible dates such as 2023-04-31. */
const SHORT_MONTHS = [2, 4, 6, 9, 11];

const STATUS_CHOICE = new WeightedChoice(ORDER_STATUS_WEIGHTS);
const STATUS_SPELLINGS: Record<string, WeightedChoice<string>> = Object.fromEntries(
  Object.entries(ORDER_STATUS_SPELLINGS).map(([status, spellings]) => [status, new WeightedChoice(spellings)]),
);

const CURRENCIES = new WeightedChoice<string | null>([
  ['USD', 84],
  ['usd', 4],
  ['Usd', 1],
  ['US$', 1],
  ['EUR', 3],
  ['CAD', 2],
  ['GBP', 2],
  [null, 3],
]);

const ITEMS_PER_ORDER = new WeightedChoice<number>([
  [1, 35],
  [2, 28],
  [3, 20],
  [4, 11],
  [5, 6],
]);

/** 0 is a flaw; 'bulk' is 6 to 12. */
const QUANTITIES = new WeightedChoice<number | 'bulk'>([
  [0, 0.3],
  [1, 55],
  [2, 22],
  [3, 10],
  [4, 6],
  [5, 3],
  ['bulk', 3.7],
]);

type UnitPriceStorage = 'real' | 'numericText' | 'dollarSign' | 'commaDecimal' | 'currencySuffix';
const UNIT_PRICE_STORAGE = new WeightedChoice<UnitPriceStorage>([
  ['real', 95],
  ['numericText', 2.5],
  ['dollarSign', 1],
  ['commaDecimal', 0.75],
  ['currencySuffix', 0.75],
]);

type DiscountKind = 'null' | 'zero' | 'fraction' | 'percent';
const DISCOUNT_KINDS = new WeightedChoice<DiscountKind>([
  ['null', 68],
  ['zero', 12],
  ['fraction', 18],
  ['percent', 2],
]);
const DISCOUNT_PERCENTS = [5, 10, 15, 20, 25];

type ShippingSource = 'customer' | 'other' | 'null' | 'empty';
const SHIPPING_SOURCES = new WeightedChoice<ShippingSource>([
  ['customer', 82],
  ['other', 11],
  ['null', 5],
  ['empty', 2],
]);

const COUNTRY_NAMES = {
  US: 'USA',
  CA: COUNTRY_SPELLINGS.CA[0]?.[0] ?? 'Canada',
  GB: COUNTRY_SPELLINGS.GB[0]?.[0] ?? 'United Kingdom',
  AU: COUNTRY_SPELLINGS.AU[0]?.[0] ?? 'Australia',
};

/** Identity ids of addresses that belong to nobody in the customers table ("ship to a friend"). */
const OTHER_ADDRESS_IDS_FROM = 10_000_000_000;

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

/** The UTC calendar fields of an instant shifted by offsetMinutes. */
function wallClock(epochMs: number, offsetMinutes: number) {
  const date = new Date(epochMs + offsetMinutes * MINUTE_MS);
  return {
    year: String(date.getUTCFullYear()),
    month: pad2(date.getUTCMonth() + 1),
    day: pad2(date.getUTCDate()),
    hour: date.getUTCHours(),
    minute: pad2(date.getUTCMinutes()),
  };
}

function formatOffset(offsetMinutes: number): string {
  const sign = offsetMinutes < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetMinutes);
  return `${sign}${pad2(Math.floor(magnitude / 60))}:${pad2(magnitude % 60)}`;
}

function formatOrderDate(
  format: Exclude<OrderDateFormat, 'invalid' | 'null'>,
  epochMs: number,
  random: SeededRandom,
): string {
  switch (format) {
    case 'isoUtc': {
      const { year, month, day, hour, minute } = wallClock(epochMs, 0);
      return `${year}-${month}-${day}T${pad2(hour)}:${minute}:00Z`;
    }
    case 'isoWithOffset': {
      const offset = random.pick(ISO_OFFSETS);
      const { year, month, day, hour, minute } = wallClock(epochMs, offset);
      return `${year}-${month}-${day}T${pad2(hour)}:${minute}:00${formatOffset(offset)}`;
    }
    case 'sqlDateTime': {
      const { year, month, day, hour, minute } = wallClock(epochMs, 0);
      return `${year}-${month}-${day} ${pad2(hour)}:${minute}:00`;
    }
    case 'usTwelveHour': {
      const { year, month, day, hour, minute } = wallClock(epochMs, 0);
      return `${month}/${day}/${year} ${hour % 12 === 0 ? 12 : hour % 12}:${minute} ${hour < 12 ? 'AM' : 'PM'}`;
    }
    case 'euDotted': {
      const { year, month, day, hour, minute } = wallClock(epochMs, 0);
      return `${day}.${month}.${year} ${pad2(hour)}:${minute}`;
    }
    case 'withZoneName': {
      const [zone, offset] = random.pick(ZONE_NAMES);
      const { year, month, day, hour, minute } = wallClock(epochMs, offset);
      return `${year}-${month}-${day} ${pad2(hour)}:${minute} ${zone}`;
    }
  }
}

function invalidOrderDate(kind: InvalidOrderDateKind, epochMs: number, random: SeededRandom): string {
  switch (kind) {
    case 'impossibleCalendarDate': {
      const { year, hour, minute } = wallClock(epochMs, 0);
      const month = random.pick(SHORT_MONTHS);
      const day = month === 2 ? random.pick([30, 31]) : 31;
      const date = `${year}-${pad2(month)}-${pad2(day)}`;
      return random.pick([date, `${date} ${pad2(hour)}:${minute}:00`, `${date}T${pad2(hour)}:${minute}:00Z`]);
    }
    case 'placeholder':
      return random.pick(DATE_PLACEHOLDERS);
    case 'empty':
      return '';
    case 'zeroDate':
      return '0000-00-00 00:00:00';
  }
}

function shippingText(home: Home, random: SeededRandom, flaws: DemoFlaws): string {
  const suffixForm = random.pick<StreetSuffixForm>(['spelledOut', 'spelledOut', 'abbreviated', 'abbreviatedWithDot']);
  const street = streetLine(home, suffixForm);
  const place =
    home.country === 'US'
      ? `${home.city}, ${home.regionCode} ${home.postalCode}`
      : `${home.city} ${home.country === 'GB' ? '' : `${home.regionCode} `}${home.postalCode}, ${COUNTRY_NAMES[home.country]}`;
  const multiline = random.chance(0.05);
  if (multiline) flaws.shippingAddressMultiline++;
  const text = `${street}${multiline ? '\n' : ', '}${place}`;
  return random.chance(0.04) ? text.toUpperCase() : text;
}

function unitPriceValue(cents: number, storage: UnitPriceStorage): number | string {
  const amount = (cents / 100).toFixed(2);
  switch (storage) {
    case 'real':
      return cents / 100;
    case 'numericText':
      return amount;
    case 'dollarSign':
      return `$${amount}`;
    case 'commaDecimal':
      return amount.replace('.', ',');
    case 'currencySuffix':
      return `${amount} USD`;
  }
}

export type GeneratedOrder = { order: OrderValues; items: OrderItemValues[] };

/** Generates orders 1..orderCount in sequence; call order() once per id, in order. */
export class OrderRows {
  private readonly random: SeededRandom;
  private nextOrderItemId = 1;
  private readonly missingCustomerIds = new Set<number>();
  private readonly missingProductIds = new Set<number>();
  /** Orders point at customer ids just past the last one: customers deleted after they ordered. */
  private readonly missingCustomerSpan: number;

  constructor(
    private readonly seed: number,
    private readonly orderCount: number,
    private readonly customerCount: number,
    private readonly catalog: ProductCatalog,
    private readonly flaws: DemoFlaws,
  ) {
    this.random = new SeededRandom(mixSeed(seed, DemoStream.orders));
    this.missingCustomerSpan = Math.max(3, Math.ceil(customerCount * 0.004));
  }

  get orderItemCount(): number {
    return this.nextOrderItemId - 1;
  }

  order(orderId: number): GeneratedOrder {
    const { random, flaws, customerCount } = this;

    const customerDraw = random.next();
    let customerId: number | null;
    if (customerDraw < 0.005)
      customerId = null; // guest checkout
    else if (customerDraw < 0.008) {
      customerId = customerCount + random.int(1, this.missingCustomerSpan);
      flaws.ordersWithMissingCustomer++;
      this.missingCustomerIds.add(customerId);
      flaws.missingCustomerIds = this.missingCustomerIds.size;
    } else {
      // Low ids order more often: early customers have had longer to come back.
      customerId = Math.min(customerCount, 1 + Math.floor(customerCount * Math.pow(random.next(), 1.4)));
    }

    // Orders are in date order, each in its own slice of the period, to the minute.
    const epochMs =
      Math.floor(
        (ORDERS_FROM + ((orderId - 1 + random.next()) / this.orderCount) * (ORDERS_TO - ORDERS_FROM)) / MINUTE_MS,
      ) * MINUTE_MS;
    const dateFormat = ORDER_DATE_FORMATS.pick(random);
    flaws.orderDates[dateFormat]++;
    let orderDate: string | null;
    if (dateFormat === 'null') orderDate = null;
    else if (dateFormat === 'invalid') {
      const kind = INVALID_DATE_KINDS.pick(random);
      flaws.invalidOrderDates[kind]++;
      orderDate = invalidOrderDate(kind, epochMs, random);
    } else orderDate = formatOrderDate(dateFormat, epochMs, random);

    let status: string | null = null;
    if (!random.chance(0.01)) {
      const canonical = STATUS_CHOICE.pick(random);
      status = STATUS_SPELLINGS[canonical]?.pick(random) ?? canonical;
      countInto((flaws.orderStatuses[canonical] ??= {}), status);
    }

    const currency = CURRENCIES.pick(random);
    if (currency !== null) countInto(flaws.currencies, currency);

    const items: OrderItemValues[] = [];
    let totalCents = 0;
    const itemCount = ITEMS_PER_ORDER.pick(random);
    for (let position = 0; position < itemCount; position++) {
      const item = this.item(orderId);
      items.push(item.values);
      totalCents += item.lineCents;
    }

    let totalAmount: number | null = null;
    if (!random.chance(0.005)) {
      if (random.chance(0.02)) {
        // A shipping fee added to the header only, or a total never updated after an edit.
        const delta = random.int(499, 1999);
        totalCents += random.chance(0.7) || totalCents < delta ? delta : -delta;
        flaws.orderTotalMismatches++;
      }
      totalAmount = totalCents / 100;
    }

    const shippingSource = SHIPPING_SOURCES.pick(random);
    let shippingAddress: string | null;
    if (shippingSource === 'null') shippingAddress = null;
    else if (shippingSource === 'empty') shippingAddress = '';
    else {
      const identityId =
        shippingSource === 'customer' && customerId !== null
          ? resolveIdentityId(this.seed, customerCount, customerId)
          : OTHER_ADDRESS_IDS_FROM + random.int(0, 1_000_000_000);
      shippingAddress = shippingText(homeOf(this.seed, identityId), random, flaws);
    }

    const order: OrderValues = [orderId, customerId, orderDate, status, totalAmount, currency, shippingAddress];
    countNullsAndEmpties(flaws, 'orders', order);
    return { order, items };
  }

  private item(orderId: number): { values: OrderItemValues; lineCents: number } {
    const { random, flaws, catalog } = this;
    const orderItemId = this.nextOrderItemId++;

    const popularityRank = Math.floor(catalog.size * Math.pow(random.next(), 1.5));
    const catalogId = catalog.byPopularity[popularityRank] ?? 1;
    const productId = random.chance(0.002) ? null : catalogId;
    if (productId !== null && catalog.deleted[productId] === 1) {
      flaws.orphanedOrderItems++;
      this.missingProductIds.add(productId);
      flaws.missingProductIds = this.missingProductIds.size;
    }

    const quantityDraw = QUANTITIES.pick(random);
    const quantity = quantityDraw === 'bulk' ? random.int(6, 12) : quantityDraw;
    if (quantity === 0) flaws.zeroQuantityItems++;

    const listCents = catalog.priceCents[catalogId] ?? 0;
    // Some items were sold at an older price.
    const unitCents = random.chance(0.08) ? Math.round(listCents * (0.85 + random.next() * 0.3)) : listCents;
    const storage = UNIT_PRICE_STORAGE.pick(random);
    const unitPrice = unitPriceValue(unitCents, storage);
    if (typeof unitPrice === 'string') {
      flaws.prices.orderItemsUnitPriceText++;
      if (/[^0-9.]/.test(unitPrice)) flaws.prices.orderItemsUnitPriceNonNumericText++;
    }

    const discountKind = DISCOUNT_KINDS.pick(random);
    const percent = random.pick(DISCOUNT_PERCENTS);
    let discount: number | null;
    let discountFraction = 0;
    switch (discountKind) {
      case 'null':
        discount = null;
        break;
      case 'zero':
        discount = 0;
        break;
      case 'fraction':
        discount = percent / 100;
        discountFraction = percent / 100;
        break;
      case 'percent':
        discount = percent;
        discountFraction = percent / 100;
        flaws.discountStoredAsPercent++;
        break;
    }

    const values: OrderItemValues = [orderItemId, orderId, productId, quantity, unitPrice, discount];
    countNullsAndEmpties(flaws, 'order_items', values);
    return { values, lineCents: Math.round(quantity * unitCents * (1 - discountFraction)) };
  }
}
