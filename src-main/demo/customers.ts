/**
 * Customers of the demo database. A customer row is rendered from an "identity" (the person, their
 * home and phone number) plus row-level choices (how this row happens to write them down).
 *
 * Everything about customer N is computed from (seed, N) alone, never from earlier rows, so the
 * orders can recompute a customer's home for the shipping address without keeping customers in
 * memory. The one link between rows is the duplicate email: a row may be the same person as the row
 * before it, registered again (see resolveIdentityId).
 */
import {
  countInto,
  countNullsAndEmpties,
  type AddressStyle,
  type CountryCode,
  type DemoFlaws,
  type FullNameStyle,
  type PhoneFormat,
} from './demo-flaws';
import { DemoStream, SeededRandom, WeightedChoice, mixSeed } from './seeded-random';
import {
  COUNTRY_SPELLINGS,
  CUSTOMER_NOTES,
  EMAIL_DOMAINS,
  FIRST_NAMES,
  FOREIGN_CITIES,
  JUNK_PHONES,
  LAST_NAMES,
  MIDDLE_NAMES,
  NAME_SUFFIXES,
  PARTICLE_SURNAMES,
  STREET_BASES,
  STREET_SUFFIXES,
  US_AREA_CODES,
  US_CITIES,
  US_STATES,
} from './word-lists';

export type Home = {
  country: CountryCode;
  houseNumber: number;
  streetBase: string;
  /** [spelled out, abbreviation] */
  suffix: readonly [string, string];
  /** 'Apt 4B', '#12', 'Suite 200', or null */
  unit: string | null;
  poBox: number;
  city: string;
  /** state or province code ('CA', 'ON', 'NSW'), or the nation for Great Britain ('Scotland') */
  regionCode: string;
  /** full state name for the US; the code elsewhere */
  regionName: string;
  /** the correct postal code: '02134', 'M5V 2T6', 'SW1A 1AA', '2000' */
  postalCode: string;
  /** the ZIP+4 extension, US only */
  zipExtension: string;
};

type Person = { fullName: string; style: FullNameStyle; email: string };

type Phone = { area: string; exchange: string; line: string; international: string };

type EmailKind = 'normal' | 'duplicate' | 'null' | 'malformed';

export type CustomerValues = [
  customerId: number,
  fullName: string,
  email: string | null,
  phone: string | null,
  address: string | null,
  city: string | null,
  region: string | null,
  postalCode: string | null,
  country: string | null,
  createdAt: string | null,
  isActive: string | null,
  notes: string | null,
];

const HOME_COUNTRIES = new WeightedChoice<CountryCode>([
  ['US', 88],
  ['CA', 5],
  ['GB', 4],
  ['AU', 3],
]);

const FULL_NAME_STYLES = new WeightedChoice<FullNameStyle>([
  ['firstLast', 62],
  ['withMiddleName', 12],
  ['withSuffix', 5],
  ['lastCommaFirst', 8],
  ['withParticle', 5],
  ['singleName', 3],
  ['extraWhitespace', 5],
]);

const EMAIL_KINDS = new WeightedChoice<EmailKind>([
  ['normal', 91],
  ['duplicate', 3.5],
  ['null', 4.5],
  ['malformed', 1],
]);

const EMAIL_DOMAIN_CHOICE = new WeightedChoice(EMAIL_DOMAINS);

/** North American numbers (US and Canada). */
const NANP_PHONE_FORMATS = new WeightedChoice<PhoneFormat>([
  ['parenthesized', 28],
  ['dashed', 25],
  ['dotted', 8],
  ['plusOneSpaced', 7],
  ['digitsOnly', 12],
  ['international', 2],
  ['junk', 2],
  ['empty', 1],
  ['null', 15],
]);

const FOREIGN_PHONE_FORMATS = new WeightedChoice<PhoneFormat>([
  ['international', 78],
  ['junk', 2],
  ['empty', 2],
  ['null', 18],
]);

const ADDRESS_STYLES = new WeightedChoice<AddressStyle>([
  ['spelledOutSuffix', 55],
  ['abbreviatedSuffix', 30],
  ['allCaps', 5],
  ['postalCodeInLine', 4],
  ['noHouseNumber', 3],
  ['null', 3],
]);

type UsRegionStyle = 'abbreviation' | 'lowercaseAbbreviation' | 'fullName' | 'null' | 'empty';
const US_REGION_STYLES = new WeightedChoice<UsRegionStyle>([
  ['abbreviation', 87],
  ['fullName', 7],
  ['lowercaseAbbreviation', 2],
  ['null', 3],
  ['empty', 1],
]);

const COUNTRY_SPELLING_CHOICES: Record<CountryCode, WeightedChoice<string>> = {
  US: new WeightedChoice(COUNTRY_SPELLINGS.US),
  CA: new WeightedChoice(COUNTRY_SPELLINGS.CA),
  GB: new WeightedChoice(COUNTRY_SPELLINGS.GB),
  AU: new WeightedChoice(COUNTRY_SPELLINGS.AU),
};

const IS_ACTIVE_VALUES = new WeightedChoice<string | null>([
  ['Y', 78],
  ['N', 15],
  ['yes', 2.5],
  ['1', 2],
  ['0', 1.5],
  [null, 1],
]);

/** Letters used in British postcodes' inward part. */
const GB_POSTCODE_LETTERS = 'ABDEFGHJLNPQRSTUWXYZ';
const CA_POSTCODE_LETTERS = 'ABCEGHJKLMNPRSTVWXYZ';

const CREATED_FROM = Date.UTC(2015, 0, 1);
const CREATED_TO = Date.UTC(2024, 5, 30);
const DAY_MS = 86_400_000;

function streamRandom(seed: number, stream: number, id: number): SeededRandom {
  return new SeededRandom(mixSeed(seed, stream, id));
}

/** ASCII letters only, lower case: 'Anaïs' -> 'anais', "O'Hara" -> 'ohara', 'van der Berg' -> 'vanderberg'. */
function emailWord(word: string): string {
  return word
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

function initial(word: string): string {
  return word.slice(0, 1);
}

function personOf(seed: number, identityId: number): Person {
  const random = streamRandom(seed, DemoStream.customerPerson, identityId);
  const style = FULL_NAME_STYLES.pick(random);
  const first = random.pick(FIRST_NAMES);
  const middle = random.pick(MIDDLE_NAMES);
  const last = style === 'withParticle' ? random.pick(PARTICLE_SURNAMES) : random.pick(LAST_NAMES);
  let fullName: string;
  switch (style) {
    case 'firstLast':
    case 'withParticle':
      fullName = `${first} ${last}`;
      break;
    case 'withMiddleName':
      fullName = random.chance(0.6) ? `${first} ${middle} ${last}` : `${first} ${initial(middle)}. ${last}`;
      break;
    case 'withSuffix':
      fullName = `${random.chance(0.25) ? `${first} ${initial(middle)}. ${last}` : `${first} ${last}`} ${random.pick(NAME_SUFFIXES)}`;
      break;
    case 'lastCommaFirst':
      fullName = random.pick([`${last}, ${first}`, `${last},${first}`, `${last}, ${first} ${initial(middle)}.`]);
      break;
    case 'singleName':
      fullName = first;
      break;
    case 'extraWhitespace':
      fullName = random.pick([
        `  ${first} ${last}`,
        `${first}  ${last}`,
        `${first} ${last}   `,
        ` ${first}   ${last} `,
      ]);
      break;
  }
  // The identity id ends the local part, and the rest has no digits, so two identities can never
  // share an email: the only duplicate emails are the planted ones.
  const firstWord = emailWord(first) || 'customer';
  const lastWord = emailWord(last) || 'customer';
  const localPart =
    style === 'singleName'
      ? firstWord
      : random.pick([
          `${firstWord}.${lastWord}`,
          `${firstWord}${lastWord}`,
          `${initial(firstWord)}${lastWord}`,
          `${firstWord}_${lastWord}`,
          `${lastWord}.${firstWord}`,
          `${lastWord}${initial(firstWord)}`,
        ]);
  const email = `${localPart}${identityId}@${EMAIL_DOMAIN_CHOICE.pick(random)}`;
  return { fullName, style, email };
}

export function homeOf(seed: number, identityId: number): Home {
  const random = streamRandom(seed, DemoStream.customerHome, identityId);
  const country = HOME_COUNTRIES.pick(random);
  const houseNumber = random.chance(0.7) ? random.int(1, 999) : random.int(1000, 24999);
  const streetBase = random.pick(STREET_BASES);
  const suffix = random.pick(STREET_SUFFIXES);
  const unit = random.chance(0.15)
    ? random.pick([
        `Apt ${random.int(1, 40)}`,
        `Apt. ${random.int(1, 30)}${random.pick(['A', 'B', 'C', 'D'])}`,
        `#${random.int(1, 999)}`,
        `Suite ${random.int(100, 950)}`,
        `Unit ${random.int(1, 60)}`,
      ])
    : null;
  const poBox = random.int(10, 9999);
  const zipExtension = random.digits(4);
  if (country === 'US') {
    const [regionCode, regionName] = random.pick(US_STATES);
    return {
      country,
      houseNumber,
      streetBase,
      suffix,
      unit,
      poBox,
      city: random.pick(US_CITIES),
      regionCode,
      regionName,
      postalCode: String(random.int(501, 99950)).padStart(5, '0'),
      zipExtension,
    };
  }
  const place = random.pick(FOREIGN_CITIES[country]);
  const prefix = random.pick(place.postalPrefixes);
  const letter = (alphabet: string): string => alphabet.charAt(random.int(0, alphabet.length - 1));
  const postalCode =
    country === 'CA'
      ? `${prefix} ${random.int(0, 9)}${letter(CA_POSTCODE_LETTERS)}${random.int(0, 9)}`
      : country === 'GB'
        ? `${prefix} ${random.int(0, 9)}${letter(GB_POSTCODE_LETTERS)}${letter(GB_POSTCODE_LETTERS)}`
        : `${prefix}${random.digits(2)}`;
  return {
    country,
    houseNumber,
    streetBase,
    suffix,
    unit,
    poBox,
    city: place.city,
    regionCode: place.region,
    regionName: place.region,
    postalCode,
    zipExtension,
  };
}

function phoneOf(seed: number, identityId: number, country: CountryCode): Phone {
  const random = streamRandom(seed, DemoStream.customerPhone, identityId);
  const area = random.pick(US_AREA_CODES);
  const exchange = String(random.int(200, 999));
  const line = random.digits(4);
  // Drama and documentation ranges where the country has them.
  const international =
    country === 'GB'
      ? random.pick([`+44 20 7946 0${random.digits(3)}`, `+44 161 496 0${random.digits(3)}`])
      : country === 'AU'
        ? random.pick([`+61 2 5550 ${random.digits(4)}`, `+61 3 7010 ${random.digits(4)}`])
        : random.pick([
            `+44 20 7946 0${random.digits(3)}`,
            `+49 30 ${random.digits(4)} ${random.digits(4)}`,
            `+33 1 ${random.digits(2)} ${random.digits(2)} ${random.digits(2)} ${random.digits(2)}`,
            `+52 55 ${random.digits(4)} ${random.digits(4)}`,
            `+81 3 ${random.digits(4)} ${random.digits(4)}`,
          ]);
  return { area, exchange, line, international };
}

function rolledEmailKind(seed: number, customerId: number): EmailKind {
  // The email kind is the first draw of the row stream, so it can be recomputed cheaply.
  return EMAIL_KINDS.pick(streamRandom(seed, DemoStream.customerRow, customerId));
}

/**
 * The customer whose person, home and phone this customer row shows. A row that rolled "duplicate"
 * is the previous row's person registered again, provided the previous row has a usable email
 * (normal or itself a duplicate); chains make groups of three or more. Ids beyond the customer
 * count (the missing customers that orders point at) are their own identity.
 */
export function resolveIdentityId(seed: number, customerCount: number, customerId: number): number {
  if (customerId > customerCount) return customerId;
  let identityId = customerId;
  let kind = rolledEmailKind(seed, identityId);
  while (identityId > 1 && kind === 'duplicate') {
    const previousKind = rolledEmailKind(seed, identityId - 1);
    if (previousKind !== 'normal' && previousKind !== 'duplicate') break;
    identityId--;
    kind = previousKind;
  }
  return identityId;
}

export type StreetSuffixForm = 'spelledOut' | 'abbreviated' | 'abbreviatedWithDot';

/** '12 Main Street Apt 4B'; without a house number: 'Main Street'. */
export function streetLine(home: Home, suffixForm: StreetSuffixForm, withHouseNumber = true): string {
  const [spelledOut, abbreviation] = home.suffix;
  const suffix =
    suffixForm === 'spelledOut' ? spelledOut : suffixForm === 'abbreviated' ? abbreviation : `${abbreviation}.`;
  const street = `${home.streetBase} ${suffix}`;
  const line = withHouseNumber ? `${home.houseNumber} ${street}` : street;
  return home.unit === null ? line : `${line}${home.unit.startsWith('#') ? ' ' : ', '}${home.unit}`;
}

function capitalizeEmailParts(email: string): string {
  return email.replace(
    /(^|[._@])([a-z])/g,
    (_match, separator: string, letter: string) => separator + letter.toUpperCase(),
  );
}

/** The same address up to case and surrounding spaces, as a second registration would type it. */
function duplicateEmailVariant(canonical: string, previousEmail: string | null, random: SeededRandom): string {
  const casing = random.pick(['lower', 'capitalized', 'capitalized', 'upper'] as const);
  let variant =
    casing === 'lower' ? canonical : casing === 'upper' ? canonical.toUpperCase() : capitalizeEmailParts(canonical);
  const spacing = random.pick(['none', 'trailing', 'leading', 'both'] as const);
  if (spacing === 'trailing' || spacing === 'both') variant = `${variant} `;
  if (spacing === 'leading' || spacing === 'both') variant = ` ${variant}`;
  return variant === previousEmail ? `${variant} ` : variant;
}

function malformedEmail(canonical: string, random: SeededRandom): string {
  const [localPart = canonical, domain = ''] = canonical.split('@');
  return random.pick([
    `${localPart}.${domain}`,
    `${localPart}${domain}`,
    `${localPart} at ${domain}`,
    `${localPart}(at)${domain}`,
  ]);
}

function renderPhone(format: PhoneFormat, phone: Phone, random: SeededRandom): string | null {
  const { area, exchange, line } = phone;
  switch (format) {
    case 'parenthesized':
      return `(${area}) ${exchange}-${line}`;
    case 'dashed':
      return `${area}-${exchange}-${line}`;
    case 'dotted':
      return `${area}.${exchange}.${line}`;
    case 'plusOneSpaced':
      return `+1 ${area} ${exchange} ${line}`;
    case 'digitsOnly':
      return `${area}${exchange}${line}`;
    case 'international':
      return phone.international;
    case 'junk':
      return random.pick(JUNK_PHONES);
    case 'empty':
      return '';
    case 'null':
      return null;
  }
}

function renderPostalCode(home: Home, random: SeededRandom): string | null {
  if (random.chance(0.03)) return null;
  if (home.country === 'US') {
    if (random.chance(0.08)) return `${home.postalCode}-${home.zipExtension}`;
    // The spreadsheet round-trip: ZIP codes read as numbers lose their leading zero.
    if (home.postalCode.startsWith('0') && random.chance(0.45)) return home.postalCode.slice(1);
    return home.postalCode;
  }
  if (home.country === 'CA' && random.chance(0.2)) return home.postalCode.replace(' ', '');
  return home.postalCode;
}

function renderAddress(style: AddressStyle, home: Home, postalCode: string, random: SeededRandom): string | null {
  const abbreviatedForm = (): StreetSuffixForm => (random.chance(0.5) ? 'abbreviated' : 'abbreviatedWithDot');
  switch (style) {
    case 'spelledOutSuffix':
      return streetLine(home, 'spelledOut');
    case 'abbreviatedSuffix':
      return streetLine(home, abbreviatedForm());
    case 'allCaps':
      return streetLine(home, random.chance(0.3) ? 'spelledOut' : abbreviatedForm()).toUpperCase();
    case 'postalCodeInLine':
      return `${streetLine(home, random.chance(0.5) ? 'spelledOut' : abbreviatedForm())}, ${postalCode}`;
    case 'noHouseNumber':
      // A numbered street ('5th Street') would look like a house number: those get a PO box.
      return random.chance(0.5) || /^\d/.test(home.streetBase)
        ? `${random.pick(['PO Box', 'P.O. Box', 'Po Box'])} ${home.poBox}`
        : streetLine(home, random.chance(0.5) ? 'spelledOut' : abbreviatedForm(), false);
    case 'null':
      return null;
  }
}

function renderRegion(home: Home, flaws: DemoFlaws, random: SeededRandom): string | null {
  switch (home.country) {
    case 'US': {
      const style = US_REGION_STYLES.pick(random);
      if (style === 'null') return null;
      if (style === 'empty') return '';
      flaws.usRegions[style]++;
      return style === 'fullName'
        ? home.regionName
        : style === 'lowercaseAbbreviation'
          ? home.regionCode.toLowerCase()
          : home.regionCode;
    }
    case 'GB':
      return random.chance(0.4) ? null : home.regionName;
    case 'CA':
      return random.chance(0.03) ? null : home.regionCode;
    case 'AU':
      return random.chance(0.05) ? null : home.regionCode;
  }
}

function formatDateTime(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 19).replace('T', ' ');
}

/** Writes customer rows in id order; keeps only the previous row's email between rows. */
export class CustomerRows {
  private previousEmail: string | null = null;
  private previousWasDuplicate = false;

  constructor(
    private readonly seed: number,
    private readonly customerCount: number,
    private readonly flaws: DemoFlaws,
  ) {}

  row(customerId: number): CustomerValues {
    const { seed, flaws } = this;
    const random = streamRandom(seed, DemoStream.customerRow, customerId);
    const rolledKind = EMAIL_KINDS.pick(random);
    const identityId = resolveIdentityId(seed, this.customerCount, customerId);
    const isDuplicate = identityId !== customerId;
    const person = personOf(seed, identityId);
    const home = homeOf(seed, identityId);
    const phone = phoneOf(seed, identityId, home.country);

    flaws.fullNames[person.style]++;

    let email: string | null;
    if (isDuplicate) {
      email = duplicateEmailVariant(person.email, this.previousEmail, random);
      if (this.previousWasDuplicate) flaws.emails.duplicateRows += 1;
      else {
        flaws.emails.duplicateGroups += 1;
        flaws.emails.duplicateRows += 2;
      }
    } else if (rolledKind === 'null') {
      email = null;
    } else if (rolledKind === 'malformed') {
      email = malformedEmail(person.email, random);
      flaws.emails.malformed++;
    } else {
      // "normal", or a duplicate roll whose previous row had no usable email.
      email = random.chance(0.1) ? capitalizeEmailParts(person.email) : person.email;
    }
    this.previousEmail = email;
    this.previousWasDuplicate = isDuplicate;

    const isNorthAmerican = home.country === 'US' || home.country === 'CA';
    const phoneFormat = (isNorthAmerican ? NANP_PHONE_FORMATS : FOREIGN_PHONE_FORMATS).pick(random);
    flaws.phones[phoneFormat]++;
    const phoneText = renderPhone(phoneFormat, phone, random);

    let postalCode = renderPostalCode(home, random);
    const addressStyle = ADDRESS_STYLES.pick(random);
    // The postal code in the line is the one in the column, so the column cannot be null here.
    if (addressStyle === 'postalCodeInLine' && postalCode === null) postalCode = home.postalCode;
    flaws.addresses[addressStyle]++;
    const address = renderAddress(addressStyle, home, postalCode ?? '', random);
    if (home.country === 'US' && postalCode !== null) {
      if (/^\d{5}-\d{4}$/.test(postalCode)) flaws.usPostalCodes.zipPlus4++;
      else if (/^\d{4}$/.test(postalCode)) flaws.usPostalCodes.lostLeadingZero++;
    }

    const city = random.chance(0.02) ? null : home.city;
    const region = renderRegion(home, flaws, random);

    // Missing countries only on US addresses: the legacy form defaulted to "home".
    let country: string | null = null;
    if (home.country !== 'US' || !random.chance(0.025)) {
      country = COUNTRY_SPELLING_CHOICES[home.country].pick(random);
      countInto(flaws.countries[home.country], country);
    }

    // Roughly in id order, as sign-ups are, with some jitter.
    const createdAt = random.chance(0.01)
      ? null
      : formatDateTime(
          Math.min(
            CREATED_TO,
            Math.max(
              CREATED_FROM,
              CREATED_FROM +
                (customerId / this.customerCount) * (CREATED_TO - CREATED_FROM) +
                random.int(-20, 20) * DAY_MS +
                random.int(0, DAY_MS / 1000 - 1) * 1000,
            ),
          ),
        );

    const isActive = IS_ACTIVE_VALUES.pick(random);
    if (isActive !== null) countInto(flaws.isActive, isActive);

    const notesDraw = random.next();
    const notes = notesDraw < 0.9 ? null : notesDraw < 0.92 ? '' : random.pick(CUSTOMER_NOTES);

    const values: CustomerValues = [
      customerId,
      person.fullName,
      email,
      phoneText,
      address,
      city,
      region,
      postalCode,
      country,
      createdAt,
      isActive,
      notes,
    ];
    countNullsAndEmpties(flaws, 'customers', values);
    return values;
  }
}
