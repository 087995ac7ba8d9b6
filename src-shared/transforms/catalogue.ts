/**
 * The transform catalogue: every transform a plan can name, and the one way to run a chain of
 * them, shared by the mapping grid's live preview and the engine.
 *
 * Nulls and empty text, the same everywhere:
 * - A null input gives null, without a reason: what a null becomes is the column mapping's
 *   "default for null", applied by the engine after the chain. The exceptions take nulls on
 *   purpose: `constant` (ignores its input), `coalesce` (skips nulls), `concat` (skips nulls, or
 *   gives null as SQL does when `skipNulls` is false) and `default_if_empty` (replaces them).
 * - Empty or whitespace-only text gives null from the transforms that read a value (split_name,
 *   parse_date, parse_timestamp, parse_number, to_boolean, normalize_email, normalize_phone, and
 *   cast to any type but text): "" holds no date, number or name, and the profile already counts
 *   empty strings. Text transforms keep "" as "".
 * - `null_if` turns placeholders ("N/A", "-") into null, explicitly.
 */
import { type z } from 'zod';
import { formatPortableType, portableTypeSchema } from '../portable-types';
import { toBoolean } from './booleans';
import { cast } from './cast';
import { normalizeEmail, normalizePhone } from './contact';
import { parseDate, parseTimestamp } from './dates';
import { isCellArray, listOf, quote } from './helpers';
import { valueMap } from './lookups';
import { splitNameTransform } from './names';
import { parseNumber } from './numbers';
import { hash, mask } from './privacy';
import { regexExtract, regexReplace } from './regex';
import { changeCase, coalesce, concat, constant, defaultIfEmpty, nullIf, substring, trim } from './text';
import { type CellValue, type TransformDefinition, type TransformStep } from './transform';

export const transforms = {
  trim,
  case: changeCase,
  concat,
  substring,
  constant,
  coalesce,
  default_if_empty: defaultIfEmpty,
  null_if: nullIf,
  split_name: splitNameTransform,
  parse_date: parseDate,
  parse_timestamp: parseTimestamp,
  parse_number: parseNumber,
  to_boolean: toBoolean,
  value_map: valueMap,
  regex_extract: regexExtract,
  regex_replace: regexReplace,
  normalize_email: normalizeEmail,
  normalize_phone: normalizePhone,
  mask,
  hash,
  cast,
} as const;

export type TransformName = keyof typeof transforms;

export const transformNames = Object.keys(transforms) as TransformName[];

export function isTransformName(name: string): name is TransformName {
  return Object.hasOwn(transforms, name);
}

export function getTransform(name: string): TransformDefinition | undefined {
  return isTransformName(name) ? transforms[name] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Validating a step

export type StepValidation =
  { ok: true; transform: TransformDefinition; params: unknown } | { ok: false; reason: string };

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function unknownTransform(name: string): string {
  const closest = transformNames
    .map((candidate) => ({ candidate, distance: editDistance(name.toLowerCase(), candidate) }))
    .sort((a, b) => a.distance - b.distance)[0];
  const hint = closest && closest.distance <= 2 ? ` (did you mean ${closest.candidate}?)` : '';
  return `There is no transform named ${JSON.stringify(name)}${hint}.`;
}

function valueAt(params: unknown, path: readonly PropertyKey[]): unknown {
  let current = params;
  for (const key of path) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function shown(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean' || value === null) {
    return quote(value);
  }
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : typeof value;
}

const typeNames: Record<string, string> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list',
  object: 'an object',
  record: 'an object',
};

type Issue = z.ZodError['issues'][number];

/** A zod issue as the end of a sentence that starts with the parameter's name. */
function predicate(issue: Issue, value: unknown): string {
  const got = ` (got ${shown(value)})`;
  if (value === undefined && issue.code !== 'custom' && issue.code !== 'unrecognized_keys') return 'is required';
  switch (issue.code) {
    case 'invalid_type':
      return `must be ${typeNames[issue.expected] ?? issue.expected}${got}`;
    case 'invalid_value':
      return `must be ${issue.values.length === 1 ? '' : 'one of '}${listOf(issue.values.map((option) => JSON.stringify(option)))}${got}`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'must not be empty' : `must be at least ${issue.minimum} characters long`;
      if (issue.origin === 'array') return `must list at least ${issue.minimum}`;
      return `must be at least ${issue.minimum}${got}`;
    case 'too_big':
      if (issue.origin === 'string') return `must be at most ${issue.maximum} characters long`;
      if (issue.origin === 'array') return `must list at most ${issue.maximum}`;
      return `must be at most ${issue.maximum}${got}`;
    case 'invalid_union': {
      // A union of literals (integer bits) or a discriminated union (a portable type's kind).
      const options =
        'options' in issue && Array.isArray(issue.options)
          ? (issue.options as unknown[])
          : issue.errors.every((branch) => branch.length === 1 && branch[0]?.code === 'invalid_value')
            ? issue.errors.flatMap((branch) => (branch[0]?.code === 'invalid_value' ? branch[0].values : []))
            : [];
      if (options.length > 0) return `must be one of ${listOf(options.map((option) => JSON.stringify(option)))}${got}`;
      return `has a value of the wrong kind${got}`;
    }
    case 'unrecognized_keys':
    case 'invalid_format':
    case 'not_multiple_of':
    case 'invalid_key':
    case 'invalid_element':
    case 'custom':
      return issue.message;
  }
}

function describeIssue(transformName: string, issue: Issue, params: unknown): string {
  if (issue.code === 'unrecognized_keys') {
    const names = issue.keys.map((key) => JSON.stringify(key));
    const prefix = issue.path.length === 0 ? '' : ` in "${issue.path.join('.')}"`;
    return `${transformName} has no parameter ${listOf(names, 'or')}${prefix}.`;
  }
  const [name, ...rest] = issue.path;
  if (name === undefined) return `Parameters of ${transformName} ${predicate(issue, params)}.`;
  // ["formats", 2] reads "item 3 of formats"; ["to", "bits"] reads "to.bits".
  const index = rest.findIndex((key) => typeof key === 'number');
  const label =
    index >= 0
      ? `"${[name, ...rest.slice(0, index)].map(String).join('.')}" (item ${Number(rest[index]) + 1})`
      : `"${[name, ...rest].map(String).join('.')}"`;
  return `Parameter ${label} of ${transformName} ${predicate(issue, valueAt(params, issue.path))}.`;
}

/** Checks that the step names a transform and that its parameters fit, with defaults filled in. */
export function validateStep(step: TransformStep): StepValidation {
  const transform = getTransform(step.name);
  if (!transform) return { ok: false, reason: unknownTransform(step.name) };
  const parsed = transform.params.safeParse(step.params);
  if (!parsed.success) {
    const [issue] = parsed.error.issues;
    return {
      ok: false,
      reason: issue ? describeIssue(step.name, issue, step.params) : `The parameters of ${step.name} are not valid.`,
    };
  }
  return { ok: true, transform, params: parsed.data };
}

// ---------------------------------------------------------------------------------------------
// Running a chain

export type ChainStepValue = { name: string; value: CellValue };

/**
 * The value after the whole chain, and after each step (for "follow a row"). `failedStep` is the
 * index of the step that gave a reason, or -1 when the sources themselves do not fit the chain
 * (several sources and no first step that takes many).
 */
export type ChainResult =
  | { ok: true; value: CellValue; steps: ChainStepValue[] }
  | { ok: false; reason: string; failedStep: number; steps: ChainStepValue[] };

export type CompiledChain =
  { ok: true; run(sources: readonly CellValue[]): ChainResult } | { ok: false; reason: string; failedStep: number };

/**
 * Validates a chain once; `run` then applies it to any number of rows without parsing the
 * parameters again (the engine's path). The first step receives all sources when it takes many,
 * otherwise the single source (null when there is none); each later step the previous value.
 */
export function compileChain(chain: readonly TransformStep[]): CompiledChain {
  const steps: { name: string; transform: TransformDefinition; params: unknown }[] = [];
  for (const [index, step] of chain.entries()) {
    const validation = validateStep(step);
    if (!validation.ok) return { ok: false, reason: validation.reason, failedStep: index };
    steps.push({ name: step.name, transform: validation.transform, params: validation.params });
  }
  return {
    ok: true,
    run(sources) {
      const values: ChainStepValue[] = [];
      const [first] = steps;
      let current: CellValue | readonly CellValue[];
      if (first?.transform.inputs === 'many') {
        current = sources;
      } else if (sources.length > 1) {
        const what = first ? `${first.name} takes one value` : 'an empty chain passes one value through';
        return {
          ok: false,
          reason: `There are ${sources.length} source values but ${what}; start with concat or coalesce to combine them.`,
          failedStep: first ? 0 : -1,
          steps: values,
        };
      } else {
        current = sources[0] ?? null;
      }
      for (const [index, step] of steps.entries()) {
        let result: ReturnType<TransformDefinition['apply']>;
        try {
          result = step.transform.apply(current, step.params);
        } catch (error) {
          // A bug in a transform must reject the row with a reason, not stop a run.
          const input = isCellArray(current) ? `${current.length} values` : quote(current);
          const message = error instanceof Error ? error.message : String(error);
          result = { ok: false, reason: `${step.name} failed on ${input} (${message}).` };
        }
        if (!result.ok) return { ok: false, reason: result.reason, failedStep: index, steps: values };
        values.push({ name: step.name, value: result.value });
        current = result.value;
      }
      // Only an empty chain with no `many` step can still hold the sources here, and it has one.
      return { ok: true, value: isCellArray(current) ? (current[0] ?? null) : current, steps: values };
    },
  };
}

/** Applies a chain to one row's source values; see `compileChain`. */
export function applyChain(sources: readonly CellValue[], chain: readonly TransformStep[]): ChainResult {
  const compiled = compileChain(chain);
  if (!compiled.ok) return { ok: false, reason: compiled.reason, failedStep: compiled.failedStep, steps: [] };
  return compiled.run(sources);
}

// ---------------------------------------------------------------------------------------------
// Describing a step for the mapping document

const secretParams = new Set(['salt']);

function describeParam(key: string, value: unknown): string {
  if (secretParams.has(key) && typeof value === 'string' && value !== '') return '(set, not shown)';
  if (typeof value === 'string') {
    return value === '' || /^\s|\s$|[,()"]/u.test(value) || [...value].length > 40 ? JSON.stringify(value) : value;
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `[${value.map((item) => describeParam('', item)).join(', ')}]`;
  if (typeof value === 'object') {
    const type = portableTypeSchema.safeParse(value);
    if (type.success) return formatPortableType(type.data);
    const entries = Object.entries(value as Record<string, unknown>);
    const listed = entries.slice(0, 5).map(([from, to]) => `${describeParam('', from)} → ${describeParam('', to)}`);
    const more = entries.length > 5 ? `, … ${entries.length} in all` : '';
    return `{${listed.join(', ')}${more}}`;
  }
  return typeof value === 'bigint' ? String(value) : typeof value;
}

/** Short text for the mapping document, e.g. `split_name (part: first)`. */
export function describeStep(step: TransformStep): string {
  const params = Object.entries(step.params)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${describeParam(key, value)}`);
  return params.length === 0 ? step.name : `${step.name} (${params.join(', ')})`;
}

/** A whole chain, steps joined by arrows: `trim → split_name (part: first)`. */
export function describeChain(chain: readonly TransformStep[]): string {
  return chain.length === 0 ? 'as is' : chain.map(describeStep).join(' → ');
}
