/**
 * What every transform family shares: how a value is named in a reason, how a cell becomes text,
 * and the two ways a transform is declared (one input or many) with the catalogue's null rules
 * applied in one place rather than in each transform.
 */
import { type z } from 'zod';
import { ok, reject, type CellValue, type TransformDefinition, type TransformResult } from './transform';

const maxQuotedLength = 40;

/** A value as a reason names it: strings quoted and cut to ~40 characters, the rest described. */
export function quote(value: CellValue): string {
  if (value === null) return 'null';
  if (typeof value === 'string') {
    const chars = [...value];
    const shown = chars.length > maxQuotedLength ? `${chars.slice(0, maxQuotedLength - 1).join('')}…` : value;
    return JSON.stringify(shown);
  }
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? 'an invalid date' : `"${value.toISOString()}"`;
  return `a binary value (${value.length} byte${value.length === 1 ? '' : 's'})`;
}

export type TextOf = { ok: true; text: string } | { ok: false; reason: string };

/**
 * The text of a cell for the text transforms. Lossless conversions only: numbers and bigints as
 * JavaScript writes them, booleans as `true`/`false`, dates as ISO 8601 in UTC; binary is refused
 * because no text encoding of it is obviously the right one.
 */
export function textOf(value: Exclude<CellValue, null>): TextOf {
  if (typeof value === 'string') return { ok: true, text: value };
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return { ok: false, reason: `${quote(value)} is not a finite number.` };
    return { ok: true, text: String(value) };
  }
  if (typeof value === 'bigint' || typeof value === 'boolean') return { ok: true, text: String(value) };
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return { ok: false, reason: 'An invalid date cannot be turned into text.' };
    return { ok: true, text: value.toISOString() };
  }
  return { ok: false, reason: `${quote(value)} is not text.` };
}

/** Empty or whitespace-only text. */
export function isBlank(value: CellValue): boolean {
  return typeof value === 'string' && value.trim() === '';
}

type Described<S extends z.ZodType> = {
  name: string;
  label: string;
  description: string;
  params: S;
  /** `null`: empty or whitespace-only text gives null (the parsers); `keep` (default): apply sees it. */
  blank?: 'null' | 'keep';
};

/** A cell that is not null: what `apply` sees unless the transform handles nulls itself. */
export type PresentValue = Exclude<CellValue, null>;

/** Declares a transform that takes a single value; a null input gives null without calling `apply`. */
export function defineOne<S extends z.ZodType>(
  definition: Described<S> & { nulls?: 'pass'; apply(value: PresentValue, params: z.output<S>): TransformResult },
): TransformDefinition<z.output<S>>;
/** Declares a transform that takes a single value and decides itself what a null becomes. */
export function defineOne<S extends z.ZodType>(
  definition: Described<S> & { nulls: 'handle'; apply(value: CellValue, params: z.output<S>): TransformResult },
): TransformDefinition<z.output<S>>;
export function defineOne<S extends z.ZodType>(
  definition: Described<S> & { nulls?: 'pass' | 'handle'; apply(value: never, params: z.output<S>): TransformResult },
): TransformDefinition<z.output<S>> {
  const { nulls = 'pass', blank = 'keep' } = definition;
  return {
    name: definition.name,
    label: definition.label,
    description: definition.description,
    inputs: 'one',
    params: definition.params as z.ZodType<z.output<S>>,
    apply(input, params) {
      if (isCellArray(input)) {
        if (input.length !== 1) {
          return reject(`${definition.name} takes one value, not ${input.length}; combine them first with concat.`);
        }
        input = input[0] ?? null;
      }
      if (input === null && nulls === 'pass') return ok(null);
      if (blank === 'null' && isBlank(input)) return ok(null);
      // The overloads above tie `nulls` to what `apply` accepts; here a null only reaches `handle`.
      return definition.apply(input as never, params);
    },
  };
}

/** Declares a transform that takes all of a column mapping's source values (concat, coalesce). */
export function defineMany<S extends z.ZodType>(
  definition: Omit<Described<S>, 'blank'> & {
    apply(values: readonly CellValue[], params: z.output<S>): TransformResult;
  },
): TransformDefinition<z.output<S>> {
  return {
    name: definition.name,
    label: definition.label,
    description: definition.description,
    inputs: 'many',
    params: definition.params as z.ZodType<z.output<S>>,
    // Later in a chain a `many` transform receives the previous step's single value.
    apply: (input, params) => definition.apply(isCellArray(input) ? input : [input], params),
  };
}

export function isCellArray(input: CellValue | readonly CellValue[]): input is readonly CellValue[] {
  return Array.isArray(input);
}

/** `a, b, c or d` for the lists that reasons and parameter errors name. */
export function listOf(items: readonly string[], conjunction = 'or'): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} ${conjunction} ${items[items.length - 1] ?? ''}`;
}
