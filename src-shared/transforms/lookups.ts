/**
 * value_map: a lookup table from source values to target values ("M" → "male"). A value the
 * table does not know is rejected, given a default, or passed through unchanged, as the plan
 * chooses; rejecting is the default because an unmapped code is usually news.
 */
import { z } from 'zod';
import { defineOne, listOf, quote, textOf } from './helpers';
import { ok, reject } from './transform';

const mappedValueSchema = z.union([z.string(), z.number(), z.boolean(), z.null()]);

function lookupKey(key: string, params: { caseInsensitive: boolean; trim: boolean }): string {
  const trimmed = params.trim ? key.trim() : key;
  return params.caseInsensitive ? trimmed.toLowerCase() : trimmed;
}

const maxKeysNamed = 5;

type ValueMapParams = {
  map: Record<string, string | number | boolean | null>;
  caseInsensitive: boolean;
  trim: boolean;
};

// One index per parsed parameter object: the engine applies the same params to every row.
const indexes = new WeakMap<ValueMapParams, Map<string, string>>();

function indexOf(params: ValueMapParams): Map<string, string> {
  let index = indexes.get(params);
  if (!index) {
    index = new Map(Object.keys(params.map).map((key) => [lookupKey(key, params), key]));
    indexes.set(params, index);
  }
  return index;
}

export const valueMap = defineOne({
  name: 'value_map',
  label: 'Map values',
  description: 'Replaces each source value by the target value a lookup table gives for it.',
  params: z
    .strictObject({
      map: z
        .record(z.string(), mappedValueSchema)
        .refine((map) => Object.keys(map).length > 0, 'needs at least one entry')
        .describe('Source value (as text) → target value.'),
      caseInsensitive: z.boolean().default(false).describe('Match "m" as well as "M".'),
      trim: z.boolean().default(true).describe('Ignore white space around the source value.'),
      unmapped: z
        .enum(['reject', 'default', 'pass'])
        .default('reject')
        .describe('A value the table does not list: reject the row, use defaultValue, or keep the value.'),
      defaultValue: mappedValueSchema.optional().describe('The value for unmapped values when unmapped is "default".'),
    })
    .refine((params) => params.unmapped !== 'default' || params.defaultValue !== undefined, {
      message: 'is required when unmapped is "default"',
      path: ['defaultValue'],
    })
    .superRefine((params, context) => {
      const seen = new Map<string, string>();
      for (const key of Object.keys(params.map)) {
        const probe = lookupKey(key, params);
        const earlier = seen.get(probe);
        if (earlier !== undefined) {
          context.addIssue({
            code: 'custom',
            path: ['map'],
            message: `lists ${JSON.stringify(earlier)} and ${JSON.stringify(key)}, which match the same values`,
          });
          return;
        }
        seen.set(probe, key);
      }
    }),
  apply(value, params) {
    const text = textOf(value);
    if (text.ok) {
      const key = indexOf(params).get(lookupKey(text.text, params));
      if (key !== undefined) return ok(params.map[key] ?? null);
    }
    switch (params.unmapped) {
      case 'pass':
        return ok(value);
      case 'default':
        return ok(params.defaultValue ?? null);
      case 'reject': {
        const keys = Object.keys(params.map);
        const named = keys.slice(0, maxKeysNamed).map((key) => JSON.stringify(key));
        const listed =
          keys.length > maxKeysNamed ? `${named.join(', ')} and ${keys.length - maxKeysNamed} more` : listOf(named);
        return reject(`${quote(value)} is not in the value map (it lists ${listed}).`);
      }
    }
  },
});
