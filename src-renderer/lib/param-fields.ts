/**
 * The form fields of a transform's parameters, read from its zod schema (through JSON Schema),
 * and the conversion between what a field shows and what the step stores. Pure.
 */
import { z } from 'zod';

type FieldBase = {
  name: string;
  label: string;
  description: string | null;
  required: boolean;
};

export type ParamField =
  | (FieldBase & { kind: 'text'; placeholder: string | null })
  | (FieldBase & { kind: 'number'; integer: boolean; placeholder: string | null })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: readonly string[]; defaultOption: string | null })
  /** Objects, lists and unions: edited as JSON text. */
  | (FieldBase & { kind: 'json'; placeholder: string | null });

type JsonSchema = {
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  description?: string;
  default?: unknown;
  properties?: Record<string, JsonSchema>;
  required?: string[];
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
};

function isJsonSchema(value: unknown): value is JsonSchema {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `defaultRegion` → `Default region`, `part` → `Part`. */
export function labelOf(name: string): string {
  const words = name
    .replace(/_/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function placeholderOf(schema: JsonSchema): string | null {
  if (schema.default === undefined) return null;
  return typeof schema.default === 'string' ? schema.default : JSON.stringify(schema.default);
}

/** The alternatives of a union, without the `null` one (an optional value is just left empty). */
function alternatives(schema: JsonSchema): JsonSchema[] {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return [schema];
  return options.filter((option) => option.type !== 'null');
}

function fieldOf(name: string, raw: JsonSchema, required: boolean): ParamField {
  const options = alternatives(raw);
  const schema: JsonSchema = options.length === 1 && options[0] ? { ...options[0], ...pick(raw) } : raw;
  const base: FieldBase = { name, label: labelOf(name), description: schema.description ?? null, required };
  const enumValues =
    schema.enum ??
    (options.every((o) => o.const !== undefined) && options.length > 1 ? options.map((o) => o.const) : null);
  if (enumValues && enumValues.every((value): value is string => typeof value === 'string'))
    return {
      ...base,
      kind: 'enum',
      options: enumValues,
      defaultOption: typeof schema.default === 'string' ? schema.default : null,
    };
  const type = Array.isArray(schema.type) ? schema.type.filter((t) => t !== 'null') : [schema.type];
  if (type.length === 1) {
    switch (type[0]) {
      case 'string':
        return { ...base, kind: 'text', placeholder: placeholderOf(schema) };
      case 'integer':
        return { ...base, kind: 'number', integer: true, placeholder: placeholderOf(schema) };
      case 'number':
        return { ...base, kind: 'number', integer: false, placeholder: placeholderOf(schema) };
      case 'boolean':
        return { ...base, kind: 'boolean' };
      default:
        break;
    }
  }
  return { ...base, kind: 'json', placeholder: placeholderOf(schema) };
}

/** The description and default of a wrapper (e.g. an optional union) carry over to its content. */
function pick(schema: JsonSchema): JsonSchema {
  const kept: JsonSchema = {};
  if (schema.description !== undefined) kept.description = schema.description;
  if (schema.default !== undefined) kept.default = schema.default;
  return kept;
}

/** The fields of a parameter schema; an empty list when it has none or cannot be read. */
export function paramFields(schema: z.ZodType): ParamField[] {
  let json: unknown;
  try {
    json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' });
  } catch {
    return [];
  }
  if (!isJsonSchema(json) || !json.properties) return [];
  const required = new Set(json.required ?? []);
  return Object.entries(json.properties).map(([name, property]) =>
    fieldOf(name, isJsonSchema(property) ? property : {}, required.has(name) && property.default === undefined),
  );
}

/** The parameters a new step starts with: the schema's defaults, or nothing. */
export function defaultParams(schema: z.ZodType): Record<string, unknown> {
  const parsed = schema.safeParse({});
  if (parsed.success && typeof parsed.data === 'object' && parsed.data !== null && !Array.isArray(parsed.data))
    return { ...(parsed.data as Record<string, unknown>) };
  return {};
}

/** What a field shows for a stored value. */
export function fieldText(field: ParamField, value: unknown): string {
  if (value === undefined || value === null) return '';
  if (field.kind === 'json') return JSON.stringify(value);
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export type FieldValue = { ok: true; value: unknown } | { ok: false; message: string };

/** What a field's text stores; `undefined` (the parameter is left out) for an empty field. */
export function fieldValue(field: ParamField, text: string): FieldValue {
  if (text.trim() === '' && field.kind !== 'text') return { ok: true, value: undefined };
  switch (field.kind) {
    case 'text':
      return { ok: true, value: text === '' ? undefined : text };
    case 'enum':
      return { ok: true, value: text };
    case 'boolean':
      return { ok: true, value: text === 'true' };
    case 'number': {
      const value = Number(text.trim());
      if (!Number.isFinite(value)) return { ok: false, message: `${field.label} must be a number.` };
      if (field.integer && !Number.isInteger(value))
        return { ok: false, message: `${field.label} must be a whole number.` };
      return { ok: true, value };
    }
    case 'json':
      try {
        return { ok: true, value: JSON.parse(text) as unknown };
      } catch {
        return { ok: false, message: `${field.label} must be JSON, e.g. {"Y": true, "N": false} or ["a", "b"].` };
      }
  }
}

/** The step's parameters with one of them changed (or removed when `value` is undefined). */
export function withParam(params: Record<string, unknown>, name: string, value: unknown): Record<string, unknown> {
  const next = { ...params };
  if (value === undefined) delete next[name];
  else next[name] = value;
  return next;
}

/** The parameters in the order the schema declares them, so a plan file and a document read naturally. */
export function inFieldOrder(params: Record<string, unknown>, fields: readonly ParamField[]): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const field of fields) if (field.name in params) ordered[field.name] = params[field.name];
  for (const [name, value] of Object.entries(params)) if (!(name in ordered)) ordered[name] = value;
  return ordered;
}
