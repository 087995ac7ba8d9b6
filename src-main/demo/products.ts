/**
 * The product catalogue of the demo database. The catalogue has more ids than the products table:
 * the difference are "deleted products", which order items still point at (order_items.product_id
 * has no declared foreign key, so nothing stopped the deletion).
 */
import { countInto, countNullsAndEmpties, type DemoFlaws } from './demo-flaws';
import { DemoStream, SeededRandom, WeightedChoice, elementAt, mixSeed } from './seeded-random';
import { PRODUCT_ADJECTIVES, PRODUCT_CATEGORIES, PRODUCT_MATERIALS, PRODUCT_NOUNS } from './word-lists';

export type ProductValues = [
  productId: number,
  sku: string,
  name: string,
  category: string | null,
  price: number | string | null,
  discontinued: number,
  weightKg: number | null,
];

export type ProductCatalog = {
  /** catalogue ids are 1..size; the products table holds the ones not deleted */
  size: number;
  productCount: number;
  /** 1 at the index of each deleted id */
  deleted: Uint8Array;
  /** the list price of every catalogue id, deleted ones included, in cents */
  priceCents: Int32Array;
  /** catalogue ids from most to least popular, so popularity is not tied to id order */
  byPopularity: Int32Array;
};

type PriceText = 'dollarSign' | 'commaDecimal' | 'currencySuffix' | 'currencyPrefix' | 'thousandsSeparator';
const PRICE_STORAGE = new WeightedChoice<'real' | 'null' | PriceText>([
  ['real', 92],
  ['null', 2],
  ['dollarSign', 2.1],
  ['commaDecimal', 1.5],
  ['currencySuffix', 0.9],
  ['currencyPrefix', 0.6],
  ['thousandsSeparator', 0.9],
]);

const PRICE_ENDINGS = new WeightedChoice<number>([
  [99, 55],
  [49, 15],
  [0, 20],
  [50, 10],
]);

const CATEGORY_SPELLINGS = PRODUCT_CATEGORIES.map((category) => new WeightedChoice(category.spellings));

/** About one product per 80 orders, at least 60; about 4% more ids were deleted, at least 2. */
export function productCounts(orderCount: number): { productCount: number; deletedCount: number } {
  const productCount = Math.max(60, Math.floor(orderCount / 80));
  return { productCount, deletedCount: Math.max(2, Math.round(productCount * 0.04)) };
}

function priceText(cents: number, form: PriceText): string {
  const amount = (cents / 100).toFixed(2);
  switch (form) {
    case 'dollarSign':
      return `$${amount}`;
    case 'commaDecimal':
      return amount.replace('.', ',');
    case 'currencySuffix':
      return `${amount} USD`;
    case 'currencyPrefix':
      return `USD ${amount}`;
    case 'thousandsSeparator':
      // Only prices of 1,000 and more have a separator to show; the rest keep the dollar sign.
      return cents >= 100_000 ? amount.replace(/\B(?=(\d{3})+\.)/g, ',') : `$${amount}`;
  }
}

/** Draws the whole catalogue and hands each surviving product row to `insert`. */
export function generateProducts(
  seed: number,
  orderCount: number,
  flaws: DemoFlaws,
  insert: (values: ProductValues) => void,
): ProductCatalog {
  const random = new SeededRandom(mixSeed(seed, DemoStream.products));
  const { productCount, deletedCount } = productCounts(orderCount);
  const size = productCount + deletedCount;

  // Floyd's algorithm: deletedCount distinct ids in 1..size without shuffling the whole range.
  const deleted = new Uint8Array(size + 1);
  for (let upper = size - deletedCount + 1; upper <= size; upper++) {
    const candidate = random.int(1, upper);
    deleted[deleted[candidate] === 1 ? upper : candidate] = 1;
  }

  const byPopularity = new Int32Array(size);
  for (let index = 0; index < size; index++) byPopularity[index] = index + 1;
  for (let index = size - 1; index > 0; index--) {
    const swapWith = random.int(0, index);
    const held = byPopularity[index] ?? 0;
    byPopularity[index] = byPopularity[swapWith] ?? 0;
    byPopularity[swapWith] = held;
  }

  const priceCents = new Int32Array(size + 1);
  for (let productId = 1; productId <= size; productId++) {
    const dollars = Math.floor(Math.exp(Math.log(2) + random.next() * (Math.log(1500) - Math.log(2))));
    const cents = dollars * 100 + PRICE_ENDINGS.pick(random);
    priceCents[productId] = cents;

    const categoryIndex = random.int(0, PRODUCT_CATEGORIES.length - 1);
    const category = elementAt(PRODUCT_CATEGORIES, categoryIndex);
    const categoryDraw = random.next();
    let categoryText: string | null;
    if (categoryDraw < 0.01) categoryText = null;
    else if (categoryDraw < 0.02) categoryText = '';
    else categoryText = elementAt(CATEGORY_SPELLINGS, categoryIndex).pick(random);

    const skuNumber = String(productId).padStart(5, '0');
    const skuDraw = random.next();
    const sku =
      skuDraw < 0.06
        ? `${category.skuPrefix.toLowerCase()}-${skuNumber}`
        : skuDraw < 0.1
          ? `${category.skuPrefix}${skuNumber}`
          : `${category.skuPrefix}-${skuNumber}`;

    const discontinued = random.chance(0.1) ? 1 : 0;
    const baseName = `${random.pick(PRODUCT_ADJECTIVES)} ${random.pick(PRODUCT_MATERIALS)} ${random.pick(PRODUCT_NOUNS)}`;
    const name = discontinued === 1 && random.chance(0.2) ? `${baseName} - DISCONTINUED` : baseName;
    const weightKg = random.chance(0.15)
      ? null
      : Math.round(Math.exp(Math.log(0.05) + random.next() * 6.7) * 100) / 100;

    const storage = PRICE_STORAGE.pick(random);
    if (deleted[productId] === 1) continue;

    let price: number | string | null;
    if (storage === 'null') price = null;
    else if (storage === 'real') {
      price = cents / 100;
      // NUMERIC affinity stores whole amounts as INTEGER.
      if (cents % 100 === 0) flaws.prices.productsPriceInteger++;
    } else {
      price = priceText(cents, storage);
      flaws.prices.productsPriceText++;
      if (/[^0-9.]/.test(price)) flaws.prices.productsPriceNonNumericText++;
    }
    if (categoryText !== null && categoryText !== '') {
      countInto((flaws.productCategories[category.name] ??= {}), categoryText);
    }

    const values: ProductValues = [productId, sku, name, categoryText, price, discontinued, weightKg];
    countNullsAndEmpties(flaws, 'products', values);
    insert(values);
  }

  return { size, productCount, deleted, priceCents, byPopularity };
}
