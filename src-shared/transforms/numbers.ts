/**
 * parse_number: numbers written for people ("1,234.50", "1.234,50", "(12.50)", "€ 12") → a
 * number, or an exact decimal string. Grouping must be in threes when a thousands separator is
 * used, so "12,50" with "," for thousands is a reason (it is probably a European decimal), not
 * 1250. A currency symbol is a reason unless allowed: a column mixing currencies must not pass
 * unnoticed.
 */
import { z } from 'zod';
import { decimalFromNumber, exactNumber, formatDecimal, parseDecimal } from './decimal';
import { defineOne, quote } from './helpers';
import { ok, reject } from './transform';

const currencyPattern =
  '(?:US\\$|A\\$|C\\$|NZ\\$|HK\\$|R\\$|[$€£¥₹₩₽₺₪₫฿₴₦]|USD|EUR|GBP|JPY|CHF|CAD|AUD|NZD|SEK|NOK|DKK|PLN|CZK|HUF|INR|CNY|BRL|ZAR|MXN)';
const leadingCurrency = new RegExp(`^${currencyPattern}\\s*`, 'iu');
const trailingCurrency = new RegExp(`\\s*${currencyPattern}$`, 'iu');
const signPattern = /^[+\-\u2212]/u;

// What a thousands separator can look like in the text: a space also stands for the no-break
// spaces that French and Swiss formatting put there, an apostrophe for its typographic twin.
const separatorVariants: Record<string, string> = {
  ',': ',',
  '.': '\\.',
  ' ': '[ \\u00a0\\u202f]',
  "'": "['’]",
};

export const parseNumber = defineOne({
  name: 'parse_number',
  label: 'Read a number',
  description: 'Reads a number written with the given decimal and thousands separators, e.g. "1.234,50".',
  blank: 'null',
  params: z
    .strictObject({
      decimalSeparator: z.enum(['.', ',']).default('.').describe('The character before the decimals.'),
      thousandsSeparator: z
        .enum([',', '.', ' ', "'", ''])
        .optional()
        .describe('The character between groups of three digits ("" for none); by default "," or "." — the other one.'),
      allowCurrencySymbols: z
        .boolean()
        .default(false)
        .describe('Accept and drop a currency symbol or code ($, €, EUR…).'),
      parenthesesNegative: z.boolean().default(true).describe('Read "(12.50)" as -12.50, as accountants write it.'),
      output: z
        .enum(['number', 'string'])
        .default('number')
        .describe('number, or a decimal string that keeps every digit as written ("1234.50").'),
    })
    .refine((params) => params.thousandsSeparator !== params.decimalSeparator, {
      message: 'cannot be the same as decimalSeparator',
      path: ['thousandsSeparator'],
    }),
  apply(value, params) {
    const thousands = params.thousandsSeparator ?? (params.decimalSeparator === '.' ? ',' : '.');
    if (typeof value === 'number') {
      if (!Number.isFinite(value)) return reject(`${quote(value)} is not a finite number.`);
      const normalised = value === 0 ? 0 : value;
      return ok(params.output === 'number' ? normalised : formatDecimal(decimalFromNumber(normalised)));
    }
    if (typeof value === 'bigint') {
      if (params.output === 'string') return ok(String(value));
      const number = Number(value);
      if (BigInt(number) !== value) {
        return reject(`${quote(value)} has more digits than a number holds exactly; set output to "string".`);
      }
      return ok(number);
    }
    if (typeof value !== 'string') return reject(`${quote(value)} is not a number.`);

    let text = value.trim();
    let negative = false;
    const bracketed = /^\((.*)\)$/u.exec(text);
    if (bracketed && params.parenthesesNegative) {
      negative = true;
      text = (bracketed[1] ?? '').trim();
    }
    let sign = signPattern.exec(text)?.[0];
    if (sign) text = text.slice(1).trimStart();
    const currencyAtStart = leadingCurrency.exec(text);
    if (currencyAtStart) text = text.slice(currencyAtStart[0].length);
    if (!sign) {
      // "$-12.50" as well as "-$12.50".
      sign = signPattern.exec(text)?.[0];
      if (sign) text = text.slice(1);
    }
    const currencyAtEnd = currencyAtStart ? null : trailingCurrency.exec(text);
    if (currencyAtEnd) text = text.slice(0, currencyAtEnd.index);
    if ((currencyAtStart || currencyAtEnd) && !params.allowCurrencySymbols) {
      return reject(`${quote(value)} has a currency symbol; set allowCurrencySymbols to read it.`);
    }
    if (sign && negative) return reject(`${quote(value)} is not a number (it has a sign and parentheses).`);
    negative ||= sign !== undefined && sign !== '+';

    const decimal = params.decimalSeparator === '.' ? '\\.' : ',';
    const grouped = thousands === '' ? '\\d+' : `\\d{1,3}(?:${separatorVariants[thousands] ?? ''}\\d{3})*|\\d+`;
    const shape = new RegExp(`^(${grouped})?(?:${decimal}(\\d*))?$`, 'u').exec(text);
    const integer = shape?.[1]?.replace(/\D/gu, '') ?? '';
    const fraction = shape?.[2] ?? '';
    if (!shape || (integer === '' && fraction === '')) {
      const how =
        // Only digits and separators: the separators are what did not fit, so name them.
        !/^[\d.,'’ \u00a0\u202f]+$/u.test(text) || !/\d/u.test(text)
          ? ''
          : ` written with "${params.decimalSeparator}" for decimals${thousands === '' ? '' : ` and "${thousands}" between thousands`}`;
      return reject(`${quote(value)} is not a number${how}.`);
    }
    const parsed = parseDecimal(`${negative ? '-' : ''}${integer || '0'}.${fraction}`);
    if (!parsed) return reject(`${quote(value)} is not a number.`);
    if (params.output === 'string') {
      // Keep the decimals as written ("12.50" stays "12.50"): they may carry meaning (cents).
      return ok(`${parsed.negative ? '-' : ''}${parsed.integer || '0'}${fraction ? `.${fraction}` : ''}`);
    }
    const number = exactNumber(parsed);
    if (number === null) {
      return reject(`${quote(value)} has more digits than a number holds exactly; set output to "string".`);
    }
    return ok(number);
  },
});
