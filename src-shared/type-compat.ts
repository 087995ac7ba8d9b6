/**
 * Whether a value of one portable type fits a column of another: fits, lossy (and why), or
 * incompatible (and why). The grid's type status and the planner both ask this; lossy
 * conversions are flagged, never done silently.
 */
import { formatPortableType, type PortableType } from './portable-types';

export type TypeFit = { status: 'fits' | 'lossy' | 'incompatible'; reason: string };

const integerRange: Record<8 | 16 | 32 | 64, number> = { 8: 3, 16: 5, 32: 10, 64: 19 };

function fits(reason = 'Same kind of value; nothing is lost.'): TypeFit {
  return { status: 'fits', reason };
}

function lossy(reason: string): TypeFit {
  return { status: 'lossy', reason };
}

function incompatible(reason: string): TypeFit {
  return { status: 'incompatible', reason };
}

/** Digits left of the decimal point a decimal(p,s) can hold. */
function integerDigits(type: { precision?: number | undefined; scale?: number | undefined }): number | undefined {
  return type.precision === undefined ? undefined : type.precision - (type.scale ?? 0);
}

export function compareTypes(source: PortableType, target: PortableType): TypeFit {
  const from = formatPortableType(source);
  const to = formatPortableType(target);
  if (from === to) return fits();
  switch (target.kind) {
    case 'text': {
      if (source.kind === 'text') {
        if (target.length === undefined) return fits();
        if (source.length === undefined || source.length > target.length)
          return lossy(
            `Values longer than ${target.length} characters do not fit ${to}; they are rejected unless truncated.`,
          );
        return fits();
      }
      if (source.kind === 'binary') return lossy('Binary values become text only through an explicit encoding.');
      if (
        target.length !== undefined &&
        target.length < 36 &&
        ['uuid', 'timestamp', 'timestamptz'].includes(source.kind)
      )
        return lossy(`${from} values written as text need more than ${target.length} characters.`);
      return fits(`${from} values are written as their text form.`);
    }
    case 'integer': {
      if (source.kind === 'integer')
        return source.bits <= target.bits ? fits() : lossy(`${from} values beyond the ${to} range are rejected.`);
      if (source.kind === 'boolean') return fits('true and false become 1 and 0.');
      if (source.kind === 'decimal' && source.scale === 0) {
        const digits = integerDigits(source);
        return digits !== undefined && digits < integerRange[target.bits]
          ? fits()
          : lossy(`Large ${from} values may not fit ${to}.`);
      }
      if (source.kind === 'decimal' || source.kind === 'float')
        return lossy(`Fractions of ${from} values are lost in ${to}; values that are not whole numbers are rejected.`);
      if (source.kind === 'text') return lossy('Text is parsed as a whole number; anything else is rejected.');
      return incompatible(`${from} values cannot become ${to}.`);
    }
    case 'decimal': {
      if (source.kind === 'integer') {
        const digits = integerDigits(target);
        return digits === undefined || digits >= integerRange[source.bits]
          ? fits()
          : lossy(`Large ${from} values may not fit ${to}.`);
      }
      if (source.kind === 'decimal') {
        const targetDigits = integerDigits(target);
        const sourceDigits = integerDigits(source);
        if (targetDigits !== undefined && (sourceDigits === undefined || sourceDigits > targetDigits))
          return lossy(`${from} values with more than ${targetDigits} integer digits do not fit ${to}.`);
        if (target.scale !== undefined && (source.scale === undefined || source.scale > target.scale))
          return lossy(`Digits beyond ${target.scale} decimal places are rounded away.`);
        return fits();
      }
      if (source.kind === 'float')
        return lossy(`${from} values are rounded to ${to}; binary fractions have no exact decimal form.`);
      if (source.kind === 'text') return lossy('Text is parsed as a number; anything else is rejected.');
      if (source.kind === 'boolean') return fits('true and false become 1 and 0.');
      return incompatible(`${from} values cannot become ${to}.`);
    }
    case 'float': {
      if (source.kind === 'integer')
        return source.bits < 64 ? fits() : lossy('64-bit integers beyond 2^53 lose digits as floats.');
      if (source.kind === 'decimal')
        return lossy(`${from} values become binary floating point: exact decimals are lost past 15 digits.`);
      if (source.kind === 'text') return lossy('Text is parsed as a number; anything else is rejected.');
      return incompatible(`${from} values cannot become ${to}.`);
    }
    case 'boolean':
      if (source.kind === 'integer' || source.kind === 'text')
        return lossy(`Only values that read as yes/no convert to a boolean; others are rejected.`);
      return incompatible(`${from} values cannot become a boolean.`);
    case 'date':
      if (source.kind === 'timestamp' || source.kind === 'timestamptz') return lossy('The time of day is dropped.');
      if (source.kind === 'text') return lossy('Text is parsed as a date; anything else is rejected.');
      return incompatible(`${from} values cannot become a date.`);
    case 'time':
      if (source.kind === 'text') return lossy('Text is parsed as a time; anything else is rejected.');
      return incompatible(`${from} values cannot become a time.`);
    case 'timestamp':
      if (source.kind === 'timestamptz')
        return lossy('The time zone offset is dropped: instants become local wall-clock times.');
      if (source.kind === 'date') return fits('Dates become midnight.');
      if (source.kind === 'text') return lossy('Text is parsed as a timestamp; anything else is rejected.');
      return incompatible(`${from} values cannot become a timestamp.`);
    case 'timestamptz':
      if (source.kind === 'timestamp')
        return lossy('Timestamps without a zone need an assumed time zone (parse_timestamp) to become instants.');
      if (source.kind === 'date') return lossy('Dates need an assumed time zone to become instants.');
      if (source.kind === 'text') return lossy('Text is parsed as a timestamp; anything else is rejected.');
      return incompatible(`${from} values cannot become a timestamp with time zone.`);
    case 'uuid':
      if (source.kind === 'text') return lossy('Text that is not a UUID is rejected.');
      return incompatible(`${from} values cannot become a UUID.`);
    case 'json':
      if (source.kind === 'text') return lossy('Text that is not valid JSON is rejected.');
      return fits(`${from} values are written as JSON scalars.`);
    case 'binary':
      if (source.kind === 'binary') {
        if (target.length === undefined || (source.length !== undefined && source.length <= target.length))
          return fits();
        return lossy(`Values longer than ${target.length} bytes do not fit ${to}.`);
      }
      if (source.kind === 'text') return fits('Text is written as its UTF-8 bytes.');
      return incompatible(`${from} values cannot become binary.`);
  }
}
