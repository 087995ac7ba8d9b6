import { describe, expect, it } from 'vitest';
import { normalizeEmail, normalizePhone } from './contact';
import type { CellValue } from './transform';

function email(value: CellValue, params: Record<string, unknown> = {}) {
  return normalizeEmail.apply(value, normalizeEmail.params.parse(params));
}

function phone(value: CellValue, params: Record<string, unknown> = { defaultRegion: 'US' }) {
  return normalizePhone.apply(value, normalizePhone.params.parse(params));
}

describe('normalize_email', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['John.Smith@Example.COM', {}, 'john.smith@example.com'],
    ['  jane@example.org ', {}, 'jane@example.org'],
    ['John.Smith@Example.COM', { lowercaseLocal: false }, 'John.Smith@example.com'],
    ["o'brien+tag@mail.example.co.uk", {}, "o'brien+tag@mail.example.co.uk"],
    ['mailto:info@example.com', {}, 'info@example.com'],
    ['Jane Doe <Jane@Example.com>', { allowDisplayName: true }, 'jane@example.com'],
    ['josé@exämple.de', {}, 'josé@exämple.de'],
    ['user@xn--bcher-kva.example', {}, 'user@xn--bcher-kva.example'],
    ['', {}, null],
  ])('%j %j → %j', (value, params, expected) => {
    expect(email(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, string]>([
    ['john.smith', '"john.smith" is not an email address (it has no @).'],
    ['john.smith@', '"john.smith@" is not an email address (nothing after the @).'],
    ['@example.com', '"@example.com" is not an email address (nothing before the @).'],
    ['a@b@example.com', '"a@b@example.com" is not an email address (it has more than one @).'],
    ['john smith@example.com', '"john smith@example.com" is not an email address (it contains a space).'],
    [
      'john..smith@example.com',
      '"john..smith@example.com" is not an email address (a dot in the wrong place before the @).',
    ],
    ['.john@example.com', '".john@example.com" is not an email address (a dot in the wrong place before the @).'],
    ['john@localhost', '"john@localhost" is not an email address (the domain "localhost" has no dot).'],
    ['john@example..com', '"john@example..com" is not an email address ("example..com" is not a domain name).'],
    ['john@-example.com', '"john@-example.com" is not an email address ("-example.com" is not a domain name).'],
    ['john@192.168.0.1', '"john@192.168.0.1" is not an email address ("192.168.0.1" is not a domain name).'],
    ['john(at)example.com', '"john(at)example.com" is not an email address (it has no @).'],
    ['jo"hn@example.com', '"jo\\"hn@example.com" is not an email address ("\\"" cannot appear before the @).'],
    [
      'Jane <jane@example.com>',
      '"Jane <jane@example.com>" has a name around the address; set allowDisplayName to keep only the address.',
    ],
    [42, '42 is not an email address.'],
  ])('refuses %j', (value, reason) => {
    expect(email(value)).toEqual({ ok: false, reason });
  });
});

describe('normalize_phone', () => {
  it.each<[CellValue, Record<string, unknown>, CellValue]>([
    ['(212) 555-0100', { defaultRegion: 'US' }, '+12125550100'],
    ['212.555.0100', { defaultRegion: 'US' }, '+12125550100'],
    ['1-212-555-0100', { defaultRegion: 'US' }, '+12125550100'],
    ['+1 212 555 0100', {}, '+12125550100'],
    [2125550100, { defaultRegion: 'US' }, '+12125550100'],
    ['+44 20 7946 0958', { defaultRegion: 'US' }, '+442079460958'],
    ['020 7946 0958', { defaultRegion: 'GB' }, '+442079460958'],
    ['030 1234567', { defaultRegion: 'DE' }, '+49301234567'],
    ['+49 (0)30 1234567', {}, '+49301234567'],
    ['0049 30 1234567', { defaultRegion: 'DE' }, '+49301234567'],
    ['(212) 555-0100', { defaultRegion: 'US', format: 'international' }, '+1 212 555 0100'],
    ['+12125550100', { defaultRegion: 'US', format: 'national' }, '(212) 555-0100'],
    ['212-555-0100 ext. 12', { defaultRegion: 'US', extension: 'drop' }, '+12125550100'],
    ['212-555-0100 x12', { defaultRegion: 'US', extension: 'keep' }, '+12125550100;ext=12'],
    [
      '212-555-0100 ext. 12',
      { defaultRegion: 'US', extension: 'keep', format: 'international' },
      '+1 212 555 0100 ext. 12',
    ],
    ['212-555-0100 ext. 12', { defaultRegion: 'US', extension: 'drop', format: 'national' }, '(212) 555-0100'],
    ['+1 (555) 010-0000', { strict: false }, '+15550100000'],
    ['', { defaultRegion: 'US' }, null],
  ])('%s %j → %j', (value, params, expected) => {
    expect(phone(value, params)).toEqual({ ok: true, value: expected });
  });

  it.each<[CellValue, Record<string, unknown>, string]>([
    ['call me', { defaultRegion: 'US' }, '"call me" is not a phone number.'],
    ['n/a', { defaultRegion: 'US' }, '"n/a" is not a phone number.'],
    ['555-1234', { defaultRegion: 'US' }, '"555-1234" is not a valid phone number for US.'],
    ['+1 (555) 010-0000', { defaultRegion: 'US' }, '"+1 (555) 010-0000" is not a valid phone number.'],
    ['030 1234567', { defaultRegion: 'US' }, '"030 1234567" is not a valid phone number for US.'],
    ['+1 212 555 01', {}, '"+1 212 555 01" is not a valid phone number.'],
    ['12', { defaultRegion: 'US', strict: false }, '"12" is not a possible phone number for US.'],
    [
      '(212) 555-0100',
      {},
      '"(212) 555-0100" has no country code; set defaultRegion (e.g. "US") to read national numbers.',
    ],
    [
      '212-555-0100 ext. 12',
      { defaultRegion: 'US' },
      '"212-555-0100 ext. 12" has an extension (12); set extension to "drop" or "keep".',
    ],
    [true, { defaultRegion: 'US' }, 'true is not a phone number.'],
  ])('refuses %s %j', (value, params, reason) => {
    expect(phone(value, params)).toEqual({ ok: false, reason });
  });
});
