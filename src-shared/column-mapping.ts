/**
 * One target column of one row: its sources through the transform chain, then the default for
 * null, then what the target column itself would refuse. The grid's preview and the engine both
 * run this, so a value the preview shows is the value the run writes, and a reason the preview
 * gives is the reason the quarantine records.
 */
import type { ColumnMapping } from './plan';
import { formatPortableType, type PortableType } from './portable-types';
import { compileChain, type ChainStepValue } from './transforms/catalogue';
import type { CellValue } from './transforms/transform';

export type ColumnOutcome =
  | {
      kind: 'value';
      sources: CellValue[];
      steps: ChainStepValue[];
      value: CellValue;
      /** Set when the default replaced a null, or (with on error = default) a failure. */
      defaulted: 'null' | 'error' | null;
      /** The reason of the failure the default replaced. */
      replacedReason: string | null;
    }
  | {
      kind: 'rejected';
      sources: CellValue[];
      steps: ChainStepValue[];
      reason: string;
      /** The step that failed (0-based), or null when the value failed the target column itself. */
      failedStep: number | null;
      failedStepName: string | null;
    };

/** Quoted and shortened, for reasons people read. */
export function showValue(value: CellValue): string {
  if (value === null) return 'null';
  if (value instanceof Uint8Array) return `${value.byteLength} bytes`;
  const text = value instanceof Date ? value.toISOString() : String(value);
  return `"${text.length > 40 ? `${text.slice(0, 37)}…` : text}"`;
}

const integerLimits: Record<8 | 16 | 32 | 64, bigint> = {
  8: 127n,
  16: 32767n,
  32: 2147483647n,
  64: 9223372036854775807n,
};

/** The same limits as numbers, capped where doubles stop being exact. */
const smallLimits: Record<8 | 16 | 32 | 64, number> = {
  8: 127,
  16: 32767,
  32: 2147483647,
  64: Number.MAX_SAFE_INTEGER,
};

function characters(text: string): number {
  return [...text].length;
}

/** Digits of a plain decimal number: sign, integer part, fraction; undefined when it is not one. */
function decimalParts(value: CellValue): { whole: string; fraction: string } | undefined {
  let text: string;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return undefined;
    text = String(value);
    // An exponent: from 1e21 on a double is a whole number (BigInt spells it); below, toFixed can.
    if (/e/i.test(text)) text = Math.abs(value) >= 1e21 ? BigInt(value).toString() : value.toFixed(20);
  } else if (typeof value === 'bigint') text = value.toString();
  else if (typeof value === 'string') text = value.trim();
  else return undefined;
  const match = /^[-+]?(\d*)(?:\.(\d*))?$/.exec(text);
  if (!match || (match[1] === '' && (match[2] ?? '') === '')) return undefined;
  // Leading zeros are no digits of the integer part: 0.5 fits numeric(2,2).
  return { whole: (match[1] ?? '').replace(/^0+/, ''), fraction: (match[2] ?? '').replace(/0+$/, '') };
}

/**
 * The common cases of targetRefusal decided without building text (a run checks every value of
 * millions of rows): true when the value surely fits, false when the full check must decide.
 */
function surelyFits(type: PortableType, value: string | number): boolean {
  if (typeof value === 'string')
    return (
      type.kind === 'text' &&
      // Code points never outnumber UTF-16 units, so a short enough string fits without counting.
      (type.length === undefined || value.length <= type.length) &&
      !value.includes('\u0000')
    );
  if (!Number.isFinite(value)) return false;
  switch (type.kind) {
    case 'integer':
      return Number.isSafeInteger(value) && value <= smallLimits[type.bits] && value >= -smallLimits[type.bits] - 1;
    case 'float':
      // decimalParts spells a number with toFixed, which turns to an exponent from 1e21 on.
      return Math.abs(value) < 1e21;
    case 'decimal': {
      if (type.precision === undefined) return Math.abs(value) < 1e21;
      const scale = type.scale ?? 0;
      if (scale <= 6 && type.precision <= 15) {
        // A whole n below 10^15 with n / 10^scale === value: no other decimal of that many places
        // rounds to the same double, so String() spells n / 10^scale, whose digits are counted
        // here without spelling it (String() of millions of values is costly).
        const unit = 10 ** scale;
        const scaled = Math.round(value * unit);
        if (scaled / unit === value) return Math.abs(scaled) < 10 ** type.precision;
      }
      // The digits as decimalParts counts them, for a number String() spells without an exponent.
      const text = String(value);
      if (text.includes('e')) return false;
      const sign = text.charCodeAt(0) === 45 ? 1 : 0;
      const dot = text.indexOf('.');
      const whole = (dot === -1 ? text.length : dot) - sign;
      const fraction = dot === -1 ? 0 : text.length - dot - 1;
      return whole <= type.precision - scale && fraction <= scale;
    }
    default:
      return true;
  }
}

/** What the target column refuses, in one sentence, or null when the value fits. */
export function targetRefusal(type: PortableType, nullable: boolean, value: CellValue): string | null {
  if (value === null) return nullable ? null : 'the column requires a value (NOT NULL) and the row has none.';
  if ((typeof value === 'string' || typeof value === 'number') && surelyFits(type, value)) return null;
  if (type.kind === 'text' && typeof value === 'string') {
    if (value.includes('\u0000'))
      return `${showValue(value.split('\u0000').join('\\0'))} contains a NUL character, which text columns cannot hold.`;
    if (type.length !== undefined && characters(value) > type.length)
      return `${showValue(value)} is ${characters(value)} characters long; the column holds at most ${type.length}.`;
  }
  if (type.kind === 'integer') {
    let whole: bigint | undefined;
    if (typeof value === 'bigint') whole = value;
    else if (typeof value === 'number' && Number.isInteger(value)) whole = BigInt(value);
    else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) whole = BigInt(value.trim());
    else if (typeof value === 'boolean') whole = value ? 1n : 0n;
    if (whole === undefined) return `${showValue(value)} is not a whole number (${formatPortableType(type)}).`;
    const limit = integerLimits[type.bits];
    if (whole > limit || whole < -limit - 1n) return `${showValue(value)} does not fit ${formatPortableType(type)}.`;
  }
  if (type.kind === 'decimal' || type.kind === 'float') {
    if (typeof value === 'boolean') return null;
    const parts = decimalParts(value);
    if (!parts) return `${showValue(value)} is not a number (${formatPortableType(type)}).`;
    if (type.kind === 'decimal' && type.precision !== undefined) {
      const scale = type.scale ?? 0;
      if (parts.whole.length > type.precision - scale)
        return `${showValue(value)} has more integer digits than ${formatPortableType(type)} holds.`;
      if (parts.fraction.length > scale)
        return `${showValue(value)} has more decimal places than ${formatPortableType(type)} keeps; round it with cast first.`;
    }
  }
  return null;
}

/** A column mapping made ready to run on many rows: its chain is checked once. */
export type PreparedColumn = { column: ColumnMapping; run(sources: readonly CellValue[]): ColumnOutcome };

export function prepareColumn(column: ColumnMapping): PreparedColumn {
  const compiled = compileChain(column.transforms);
  const passThrough = column.transforms.length === 0;
  return {
    column,
    run(sources) {
      const inputs = [...sources];
      let steps: ChainStepValue[] = [];
      let value: CellValue;
      let defaulted: 'null' | 'error' | null = null;
      let replacedReason: string | null = null;
      const fallback = column.defaultForNull;
      if (passThrough && inputs.length <= 1) value = inputs[0] ?? null;
      else if (!compiled.ok)
        return {
          kind: 'rejected',
          sources: inputs,
          steps,
          reason: compiled.reason,
          failedStep: compiled.failedStep,
          failedStepName: column.transforms[compiled.failedStep]?.name ?? null,
        };
      else {
        const result = compiled.run(inputs);
        steps = result.steps;
        if (result.ok) value = result.value;
        else if (column.onError === 'default' && fallback !== undefined) {
          value = fallback;
          defaulted = 'error';
          replacedReason = result.reason;
        } else {
          // -1: the sources themselves do not fit the chain (several values, no step that takes many).
          const failedStep = result.failedStep >= 0 ? result.failedStep : null;
          return {
            kind: 'rejected',
            sources: inputs,
            steps,
            reason: result.reason,
            failedStep,
            failedStepName: failedStep === null ? null : (column.transforms[failedStep]?.name ?? null),
          };
        }
      }
      if (value === null && defaulted === null && fallback !== undefined) {
        value = fallback;
        defaulted = 'null';
      }
      const refusal = targetRefusal(column.targetType, column.targetNullable, value);
      if (refusal !== null)
        return { kind: 'rejected', sources: inputs, steps, reason: refusal, failedStep: null, failedStepName: null };
      return { kind: 'value', sources: inputs, steps, value, defaulted, replacedReason };
    },
  };
}
