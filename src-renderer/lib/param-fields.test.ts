import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { defaultParams, fieldText, fieldValue, inFieldOrder, labelOf, paramFields, withParam } from './param-fields';

const schema = z.strictObject({
  part: z.enum(['first', 'middle', 'last', 'suffix']).default('first').describe('Which part of the name.'),
  defaultRegion: z.string().min(2).describe('Two-letter region for numbers without a country code.'),
  length: z.number().int().optional(),
  ratio: z.number().optional(),
  strict: z.boolean().default(false),
  map: z.record(z.string(), z.string()),
});

describe('paramFields', () => {
  it('reads kinds, labels, descriptions and whether a value is needed', () => {
    const fields = paramFields(schema);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['part', 'enum', false],
      ['defaultRegion', 'text', true],
      ['length', 'number', false],
      ['ratio', 'number', false],
      ['strict', 'boolean', false],
      ['map', 'json', true],
    ]);
    const part = fields[0];
    expect(part?.kind === 'enum' && part.options).toEqual(['first', 'middle', 'last', 'suffix']);
    expect(part?.description).toBe('Which part of the name.');
    expect(fields[1]?.label).toBe('Default region');
  });

  it('has no fields for a schema without properties', () => {
    expect(paramFields(z.strictObject({}))).toEqual([]);
  });
});

describe('field values', () => {
  const [part, region, length, , strict, map] = paramFields(schema);

  it('turn text into the stored value, and back', () => {
    expect(fieldValue(length!, '12')).toEqual({ ok: true, value: 12 });
    expect(fieldValue(length!, '1.5')).toMatchObject({ ok: false });
    expect(fieldValue(length!, '')).toEqual({ ok: true, value: undefined });
    expect(fieldValue(region!, 'US')).toEqual({ ok: true, value: 'US' });
    expect(fieldValue(strict!, 'true')).toEqual({ ok: true, value: true });
    expect(fieldValue(map!, '{"Y":"yes"}')).toEqual({ ok: true, value: { Y: 'yes' } });
    expect(fieldValue(map!, '{Y:yes}')).toMatchObject({ ok: false });
    expect(fieldText(map!, { Y: 'yes' })).toBe('{"Y":"yes"}');
    expect(fieldText(part!, 'last')).toBe('last');
    expect(fieldText(length!, undefined)).toBe('');
  });

  it('defaults come from the schema', () => {
    expect(defaultParams(z.strictObject({ part: z.enum(['first', 'last']).default('first') }))).toEqual({
      part: 'first',
    });
    expect(defaultParams(schema)).toEqual({});
  });

  it('withParam sets and removes one parameter', () => {
    expect(withParam({ a: 1 }, 'b', 2)).toEqual({ a: 1, b: 2 });
    expect(withParam({ a: 1, b: 2 }, 'b', undefined)).toEqual({ a: 1 });
    expect(labelOf('collapse_inner')).toBe('Collapse inner');
  });

  it('inFieldOrder lists parameters as the schema declares them, unknown ones last', () => {
    const ordered = inFieldOrder({ strict: true, extra: 1, part: 'last' }, paramFields(schema));
    expect(Object.keys(ordered)).toEqual(['part', 'strict', 'extra']);
  });
});
