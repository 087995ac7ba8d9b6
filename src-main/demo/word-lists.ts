/**
 * Word lists for the demo data. Names, cities, states and product words come from faker's en_US
 * locale data (read only: the demo draws from its own seeded generator, not faker's global one);
 * the lists that plant flaws are written out here so the flaws stay exactly countable.
 */
import { faker } from '@faker-js/faker/locale/en_US';
import type { CountryCode } from './demo-flaws';

/** Surname particles, always lower case: the only lower-case words a full name can contain. */
export const NAME_PARTICLES = ['van', 'der', 'den', 'de', 'la', 'von', 'da', 'del', 'di', 'dos', 'le', 'du', 'ter'];

export const PARTICLE_SURNAMES = [
  'van der Berg',
  'de la Cruz',
  'van Dijk',
  'von Trapp',
  'da Silva',
  'de Souza',
  'del Rio',
  'di Stefano',
  'van den Bosch',
  'de Vries',
  'dos Santos',
  'le Roux',
  'du Pont',
  'van Houten',
  'de la Fuente',
  'ter Horst',
  'von Neumann',
];

export const NAME_SUFFIXES = ['Jr.', 'Sr.', 'II', 'III', 'IV', 'PhD', 'MD'];

/** [spelled out, abbreviation]; the abbreviation is written with or without a trailing dot. */
export const STREET_SUFFIXES: ReadonlyArray<readonly [string, string]> = [
  ['Street', 'St'],
  ['Avenue', 'Ave'],
  ['Road', 'Rd'],
  ['Boulevard', 'Blvd'],
  ['Drive', 'Dr'],
  ['Lane', 'Ln'],
  ['Court', 'Ct'],
  ['Place', 'Pl'],
  ['Terrace', 'Ter'],
  ['Parkway', 'Pkwy'],
  ['Circle', 'Cir'],
];

const STREET_SUFFIX_WORDS = new Set(STREET_SUFFIXES.flat().map((word) => word.toLowerCase()));

/** A name part is one word starting with an upper-case letter (so it can never be a particle). */
function isPlainNamePart(word: string): boolean {
  return /^\p{Lu}[\p{L}'-]*$/u.test(word) && !NAME_SUFFIXES.includes(word);
}

function uniqueSorted(words: Iterable<string>): string[] {
  return [...new Set(words)].sort();
}

const personDefinitions = faker.definitions.person;

export const FIRST_NAMES = uniqueSorted(
  [
    ...(personDefinitions.first_name.generic ?? []),
    ...(personDefinitions.first_name.female ?? []),
    ...(personDefinitions.first_name.male ?? []),
  ].filter(isPlainNamePart),
);

export const MIDDLE_NAMES = uniqueSorted(
  [
    ...(personDefinitions.middle_name.generic ?? []),
    ...(personDefinitions.middle_name.female ?? []),
    ...(personDefinitions.middle_name.male ?? []),
  ].filter(isPlainNamePart),
);

export const LAST_NAMES = uniqueSorted(
  [...(personDefinitions.last_name.generic ?? []), ...(personDefinitions.last_name.female ?? [])].filter(
    isPlainNamePart,
  ),
);

/** Street names: common ones, numbered ones and surnames; none is a street-suffix word. */
export const STREET_BASES = uniqueSorted([
  'Main',
  'Oak',
  'Maple',
  'Cedar',
  'Pine',
  'Elm',
  'Washington',
  'Lake',
  'Hill',
  'Church',
  'Mill',
  'Sunset',
  'Highland',
  'Lincoln',
  'Jefferson',
  'Franklin',
  'Madison',
  'Spring',
  'Ridge',
  'River',
  'Walnut',
  'Chestnut',
  'Willow',
  'Meadow',
  'Forest',
  'Center',
  'Union',
  'Market',
  'Broad',
  'High',
  'Park',
  '1st',
  '2nd',
  '3rd',
  '4th',
  '5th',
  '6th',
  '7th',
  '8th',
  '9th',
  '10th',
  '12th',
  '21st',
  ...LAST_NAMES.filter((name) => /^[A-Z][a-z]+$/.test(name) && !STREET_SUFFIX_WORDS.has(name.toLowerCase())),
]);

export const US_CITIES = uniqueSorted(
  faker.definitions.location.city_name.filter((city) => /^[A-Za-z .'-]+$/.test(city)),
);

/** [abbreviation, full name] of the 50 states. */
export const US_STATES: ReadonlyArray<readonly [string, string]> = faker.definitions.location.state_abbr.map(
  (abbreviation, index) => [abbreviation, faker.definitions.location.state[index] ?? abbreviation] as const,
);

export const US_AREA_CODES = [
  '201', '202', '206', '212', '213', '214', '215', '216', '303', '305', '312', '313', '314', '404', '408', '412',
  '415', '469', '503', '504', '512', '602', '612', '615', '617', '702', '704', '713', '718', '801', '808', '816',
  '857', '904', '916', '919', '925', '949', '971', '978',
]; // prettier-ignore

export type ForeignCity = { city: string; region: string; postalPrefixes: readonly string[] };

export const FOREIGN_CITIES: Record<Exclude<CountryCode, 'US'>, readonly ForeignCity[]> = {
  CA: [
    { city: 'Toronto', region: 'ON', postalPrefixes: ['M5V', 'M4W', 'M6G'] },
    { city: 'Vancouver', region: 'BC', postalPrefixes: ['V6B', 'V5K'] },
    { city: 'Montreal', region: 'QC', postalPrefixes: ['H2X', 'H3B'] },
    { city: 'Calgary', region: 'AB', postalPrefixes: ['T2P', 'T3A'] },
    { city: 'Ottawa', region: 'ON', postalPrefixes: ['K1P', 'K2B'] },
    { city: 'Halifax', region: 'NS', postalPrefixes: ['B3H', 'B3K'] },
  ],
  GB: [
    { city: 'London', region: 'England', postalPrefixes: ['SW1A', 'EC1A', 'N1', 'E2', 'W1D'] },
    { city: 'Manchester', region: 'England', postalPrefixes: ['M1', 'M4'] },
    { city: 'Leeds', region: 'England', postalPrefixes: ['LS1', 'LS6'] },
    { city: 'Bristol', region: 'England', postalPrefixes: ['BS1', 'BS8'] },
    { city: 'Glasgow', region: 'Scotland', postalPrefixes: ['G1', 'G12'] },
    { city: 'Edinburgh', region: 'Scotland', postalPrefixes: ['EH1', 'EH3'] },
    { city: 'Cardiff', region: 'Wales', postalPrefixes: ['CF10', 'CF24'] },
  ],
  AU: [
    { city: 'Sydney', region: 'NSW', postalPrefixes: ['20'] },
    { city: 'Melbourne', region: 'VIC', postalPrefixes: ['30'] },
    { city: 'Brisbane', region: 'QLD', postalPrefixes: ['40'] },
    { city: 'Perth', region: 'WA', postalPrefixes: ['60'] },
    { city: 'Adelaide', region: 'SA', postalPrefixes: ['50'] },
  ],
};

/** How each country is spelled in customers.country, with weights. */
export const COUNTRY_SPELLINGS: Record<CountryCode, ReadonlyArray<readonly [string, number]>> = {
  US: [
    ['US', 38],
    ['USA', 26],
    ['United States', 18],
    ['United States of America', 6],
    ['U.S.A.', 4],
    ['u.s.a.', 3],
    ['us', 2],
    ['USA ', 2],
    ['U.S.', 1],
  ],
  CA: [
    ['Canada', 75],
    ['CA', 15],
    ['CAN', 10],
  ],
  GB: [
    ['United Kingdom', 45],
    ['UK', 30],
    ['GB', 10],
    ['England', 10],
    ['U.K.', 5],
  ],
  AU: [
    ['Australia', 85],
    ['AU', 15],
  ],
};

export const EMAIL_DOMAINS: ReadonlyArray<readonly [string, number]> = [
  ['gmail.com', 30],
  ['yahoo.com', 15],
  ['hotmail.com', 10],
  ['outlook.com', 8],
  ['aol.com', 5],
  ['icloud.com', 5],
  ['comcast.net', 4],
  ['example.com', 6],
  ['example.org', 3],
  ['acme-corp.com', 3],
  ['initech.com', 3],
  ['globex.com', 3],
  ['mail.example.net', 2],
];

export const JUNK_PHONES = ['n/a', 'N/A', 'call me', 'none', '-', 'unknown', 'ask for Bob', 'TBD', 'no phone', 'x'];

export const CUSTOMER_NOTES = [
  'VIP customer',
  'Do not call before 10am',
  'Prefers email contact',
  'Bad debt - see file #2291',
  'Moved; new address pending',
  'Requested catalog',
  'Tax exempt (cert. on file)',
  'Duplicate? check with accounts',
  'Says "ring twice"',
  'Gate code 4411\nLeave parcels with neighbour',
  'Imported from old CRM — café account',
  "Customer's spouse handles billing",
];

/** Canonical order status -> spellings as stored, with weights. */
export const ORDER_STATUS_SPELLINGS: Record<string, ReadonlyArray<readonly [string, number]>> = {
  delivered: [
    ['delivered', 70],
    ['Delivered', 20],
    ['DELIVERED', 8],
    ['delivered ', 2],
  ],
  shipped: [
    ['shipped', 55],
    ['SHIPPED', 20],
    ['Shipped', 15],
    ['Shipped ', 7],
    ['shipped.', 3],
  ],
  cancelled: [
    ['cancelled', 45],
    ['canceled', 25],
    ['CANCELLED', 12],
    ['Cancelled', 10],
    ['CANCELED', 5],
    ['cancelled ', 3],
  ],
  pending: [
    ['pending', 70],
    ['Pending', 20],
    ['PENDING', 10],
  ],
  processing: [
    ['processing', 60],
    ['Processing', 25],
    ['in progress', 15],
  ],
  returned: [
    ['returned', 70],
    ['Returned', 20],
    ['RETURNED', 10],
  ],
  refunded: [
    ['refunded', 80],
    ['Refunded', 20],
  ],
  on_hold: [
    ['on hold', 50],
    ['ON_HOLD', 30],
    ['On Hold', 20],
  ],
};

export const ORDER_STATUS_WEIGHTS: ReadonlyArray<readonly [string, number]> = [
  ['delivered', 48],
  ['shipped', 18],
  ['cancelled', 9],
  ['pending', 7],
  ['processing', 6],
  ['returned', 5],
  ['refunded', 3],
  ['on_hold', 3],
];

/** Canonical product category -> spellings as stored, with weights, and a SKU prefix. */
export const PRODUCT_CATEGORIES: ReadonlyArray<{
  name: string;
  skuPrefix: string;
  spellings: ReadonlyArray<readonly [string, number]>;
}> = [
  { name: 'Electronics', skuPrefix: 'EL', spellings: [['Electronics', 85], ['electronics', 10], ['ELECTRONICS', 5]] },
  { name: 'Home & Garden', skuPrefix: 'HG', spellings: [['Home & Garden', 70], ['Home and Garden', 20], ['Home/Garden', 10]] },
  { name: 'Clothing', skuPrefix: 'CL', spellings: [['Clothing', 80], ['Apparel', 15], ['clothing', 5]] },
  { name: 'Sports', skuPrefix: 'SP', spellings: [['Sports', 75], ['Sports & Outdoors', 20], ['sports', 5]] },
  { name: 'Toys', skuPrefix: 'TY', spellings: [['Toys', 85], ['Toys & Games', 15]] },
  { name: 'Books', skuPrefix: 'BK', spellings: [['Books', 90], ['books', 10]] },
  { name: 'Grocery', skuPrefix: 'GR', spellings: [['Grocery', 80], ['Food', 20]] },
  { name: 'Beauty', skuPrefix: 'BT', spellings: [['Beauty', 85], ['Health & Beauty', 15]] },
  { name: 'Tools', skuPrefix: 'TL', spellings: [['Tools', 90], ['Tools ', 10]] },
  { name: 'Automotive', skuPrefix: 'AU', spellings: [['Automotive', 95], ['Auto', 5]] },
]; // prettier-ignore

export const PRODUCT_ADJECTIVES = [...faker.definitions.commerce.product_name.adjective];
export const PRODUCT_MATERIALS = [...faker.definitions.commerce.product_name.material];
export const PRODUCT_NOUNS = [...faker.definitions.commerce.product_name.product];
