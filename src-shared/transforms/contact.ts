/**
 * normalize_email and normalize_phone. Email addresses are checked for shape only (a mailbox
 * cannot be verified offline); phone numbers with libphonenumber-js's full metadata, so a number
 * that cannot exist in its country is a reason, not a plausible-looking E.164 string.
 */
import { isSupportedCountry, parsePhoneNumberFromString } from 'libphonenumber-js/max';
import { z } from 'zod';
import { defineOne, quote, textOf } from './helpers';
import { ok, reject } from './transform';

const localCharacter = /^[\p{L}\p{N}!#$%&'*+/=?^_`{|}~.-]$/u;
const domainLabel = /^[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?$/u;

/** Why `address` is not an email address, or null when its shape is fine. */
function emailProblem(local: string, domain: string): string | null {
  if (local === '') return 'nothing before the @';
  if (domain === '') return 'nothing after the @';
  if ([...local].length > 64) return 'the part before the @ is longer than 64 characters';
  if (local.startsWith('.') || local.endsWith('.') || local.includes('..'))
    return 'a dot in the wrong place before the @';
  const odd = [...local].find((char) => !localCharacter.test(char));
  if (odd !== undefined) return `${JSON.stringify(odd)} cannot appear before the @`;
  if (domain.length > 253) return 'the domain is longer than 253 characters';
  const labels = domain.split('.');
  if (labels.length < 2) return `the domain ${JSON.stringify(domain)} has no dot`;
  if (labels.some((label) => !domainLabel.test(label))) return `${JSON.stringify(domain)} is not a domain name`;
  if (/^\d+$/u.test(labels[labels.length - 1] ?? '')) return `${JSON.stringify(domain)} is not a domain name`;
  return null;
}

export const normalizeEmail = defineOne({
  name: 'normalize_email',
  label: 'Clean an email address',
  description: 'Trims an email address, lower-cases it, and checks that it has the shape of one.',
  blank: 'null',
  params: z.strictObject({
    lowercaseLocal: z
      .boolean()
      .default(true)
      .describe(
        'Lower-case the part before the @ too (the domain always is); almost every mail server ignores its case.',
      ),
    allowDisplayName: z
      .boolean()
      .default(false)
      .describe('Accept "Jane Doe <jane@example.com>" and keep only the address.'),
  }),
  apply(value, params) {
    const text = textOf(value);
    if (!text.ok || typeof value !== 'string') return reject(`${quote(value)} is not an email address.`);
    let address = text.text.trim().replace(/^mailto:/iu, '');
    const named = /^(.*)<([^<>]*)>$/su.exec(address);
    if (named) {
      if (!params.allowDisplayName) {
        return reject(`${quote(value)} has a name around the address; set allowDisplayName to keep only the address.`);
      }
      address = (named[2] ?? '').trim();
    }
    const problem = ((): string | null => {
      if (/\s/u.test(address)) return 'it contains a space';
      const at = address.split('@');
      if (at.length === 1) return 'it has no @';
      if (at.length > 2) return 'it has more than one @';
      return emailProblem(at[0] ?? '', at[1] ?? '');
    })();
    if (problem) return reject(`${quote(value)} is not an email address (${problem}).`);
    const [local = '', domain = ''] = address.split('@');
    return ok(`${params.lowercaseLocal ? local.toLowerCase() : local}@${domain.toLowerCase()}`);
  },
});

const phoneFormats = { e164: 'E.164', international: 'INTERNATIONAL', national: 'NATIONAL' } as const;

export const normalizePhone = defineOne({
  name: 'normalize_phone',
  label: 'Clean a phone number',
  description: 'Reads a phone number, checks it can exist, and writes it in E.164 (+12125550100).',
  blank: 'null',
  params: z.strictObject({
    defaultRegion: z
      .string()
      .refine((region) => isSupportedCountry(region), 'is not a region code such as "US", "GB" or "DE"')
      .optional()
      .describe('Country of numbers written without a country code, e.g. "US".'),
    strict: z
      .boolean()
      .default(true)
      .describe('Refuse numbers that cannot exist in their country; when false, only their length is checked.'),
    extension: z
      .enum(['reject', 'drop', 'keep'])
      .default('reject')
      .describe(
        'An extension ("ext. 12"), which E.164 cannot hold: reject the value, drop it, or keep it as ";ext=12".',
      ),
    format: z
      .enum(['e164', 'international', 'national'])
      .default('e164')
      .describe('e164: +12125550100; international: +1 212 555 0100; national: (212) 555-0100.'),
  }),
  apply(value, params) {
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'bigint') {
      return reject(`${quote(value)} is not a phone number.`);
    }
    const text = String(value).trim();
    const region = params.defaultRegion;
    const phone = parsePhoneNumberFromString(text, { defaultCountry: region, extract: false });
    if (!phone) {
      if (region === undefined && /^[\d\s().-]+$/u.test(text)) {
        return reject(`${quote(value)} has no country code; set defaultRegion (e.g. "US") to read national numbers.`);
      }
      return reject(`${quote(value)} is not a phone number.`);
    }
    // A number written with its country code (+1 555…) is judged as written, not for the default region.
    const country = phone.country ?? (text.startsWith('+') ? undefined : region);
    const where = country ? ` for ${country}` : '';
    if (params.strict ? !phone.isValid() : !phone.isPossible()) {
      return reject(`${quote(value)} is not a ${params.strict ? 'valid' : 'possible'} phone number${where}.`);
    }
    let formatted = phone.format(phoneFormats[params.format]);
    if (phone.ext) {
      if (params.extension === 'reject') {
        return reject(`${quote(value)} has an extension (${phone.ext}); set extension to "drop" or "keep".`);
      }
      // format() already appends the extension in the human formats; E.164 has no place for one.
      if (params.extension === 'keep' && params.format === 'e164') formatted = `${formatted};ext=${phone.ext}`;
      if (params.extension === 'drop')
        formatted = phone.format(phoneFormats[params.format], { formatExtension: (number) => number });
    }
    return ok(formatted);
  },
});
