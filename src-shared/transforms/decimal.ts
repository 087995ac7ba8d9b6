/**
 * Exact decimals as digit strings, for parse_number and casts to decimal(p,s): a JavaScript
 * number cannot hold 0.1 or a 20-digit amount exactly, and money must not drift on its way
 * through a migration.
 */

export type Decimal = {
  negative: boolean;
  /** Integer digits without leading zeros ('' for zero). */
  integer: string;
  /** Fraction digits without trailing zeros. */
  fraction: string;
};

const decimalPattern = /^([+-]?)(\d*)(?:\.(\d*))?(?:e([+-]?\d{1,4}))?$/iu;

/** Plain decimal text (`-12.50`, `.5`, `1e3`); null when it is not one. */
export function parseDecimal(text: string): Decimal | null {
  const match = decimalPattern.exec(text);
  if (!match) return null;
  const [, sign = '', whole = '', fraction = '', exponentText = '0'] = match;
  if (whole === '' && fraction === '') return null;
  const digits = whole + fraction;
  const point = whole.length + Number(exponentText);
  let integer: string;
  let rest: string;
  if (point <= 0) {
    integer = '';
    rest = '0'.repeat(-point) + digits;
  } else if (point >= digits.length) {
    integer = digits + '0'.repeat(point - digits.length);
    rest = '';
  } else {
    integer = digits.slice(0, point);
    rest = digits.slice(point);
  }
  return normalise({ negative: sign === '-', integer, fraction: rest });
}

function normalise(decimal: Decimal): Decimal {
  const integer = decimal.integer.replace(/^0+/u, '');
  const fraction = decimal.fraction.replace(/0+$/u, '');
  // No negative zero: "-0" and "-0.00" are zero.
  return { negative: decimal.negative && (integer !== '' || fraction !== ''), integer, fraction };
}

/** The decimal a JavaScript number stands for, as JavaScript prints it (shortest round trip). */
export function decimalFromNumber(value: number): Decimal {
  const parsed = parseDecimal(String(value));
  if (!parsed) throw new Error(`Not a finite number: ${value}`);
  return parsed;
}

export function formatDecimal(decimal: Decimal, minimumScale = 0): string {
  const fraction = decimal.fraction.padEnd(minimumScale, '0');
  return `${decimal.negative ? '-' : ''}${decimal.integer || '0'}${fraction ? `.${fraction}` : ''}`;
}

export function decimalsEqual(a: Decimal, b: Decimal): boolean {
  return a.negative === b.negative && a.integer === b.integer && a.fraction === b.fraction;
}

/** The number, when a double holds it exactly as written; otherwise null. */
export function exactNumber(decimal: Decimal): number | null {
  const value = Number(formatDecimal(decimal));
  if (!Number.isFinite(value)) return null;
  return decimalsEqual(decimalFromNumber(value), decimal) ? value : null;
}

export type Rounding = 'half-up' | 'half-even';

function incrementDigits(digits: string): string {
  const chars = digits.split('');
  for (let index = chars.length - 1; index >= 0; index -= 1) {
    if (chars[index] !== '9') {
      chars[index] = String(Number(chars[index]) + 1);
      return chars.join('');
    }
    chars[index] = '0';
  }
  return `1${chars.join('')}`;
}

/** Rounds to `scale` fraction digits: half-up (away from zero on a tie) or half-even (banker's). */
export function roundDecimal(decimal: Decimal, scale: number, rounding: Rounding): Decimal {
  if (decimal.fraction.length <= scale) return decimal;
  const kept = decimal.fraction.slice(0, scale);
  const dropped = decimal.fraction.slice(scale);
  const digits = decimal.integer + kept;
  const first = dropped[0] ?? '0';
  let up = first > '5' || (first === '5' && /[1-9]/u.test(dropped.slice(1)));
  if (first === '5' && !up) {
    up = rounding === 'half-up' || Number(digits[digits.length - 1] ?? '0') % 2 === 1;
  }
  const roundedDigits = up ? incrementDigits(digits.padStart(1, '0')) : digits;
  const integerLength = roundedDigits.length - kept.length;
  return normalise({
    negative: decimal.negative,
    integer: roundedDigits.slice(0, integerLength),
    fraction: roundedDigits.slice(integerLength),
  });
}
