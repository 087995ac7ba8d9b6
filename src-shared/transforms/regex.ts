/**
 * regex_extract and regex_replace, with JavaScript regular expressions (the same in the grid
 * preview and in the engine). A pattern that does not compile, or a group or `$n` that the
 * pattern does not have, is a parameter error when the plan is loaded, not a reason per row.
 */
import { z } from 'zod';
import { defineOne, quote, textOf } from './helpers';
import { ok, reject } from './transform';

// The grid compiles patterns on every keystroke: keep the cache from growing without bound.
const maxCached = 200;
const compiled = new Map<string, RegExp>();

function compile(pattern: string, flags: string): RegExp {
  const key = `${flags}/${pattern}`;
  let regex = compiled.get(key);
  if (!regex) {
    if (compiled.size >= maxCached) compiled.clear();
    regex = new RegExp(pattern, flags);
    compiled.set(key, regex);
  }
  return regex;
}

/** Why a pattern does not compile, or null when it does. */
function patternProblem(pattern: string, flags: string): string | null {
  try {
    new RegExp(pattern, flags);
    return null;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    // V8 says "Invalid regular expression: /(/u: Unterminated group"; keep the last part.
    return `is not a valid regular expression (${message.split(': ').pop() ?? message})`;
  }
}

type GroupInfo = { count: number; names: readonly string[] };

function groupsOf(pattern: string, flags: string): GroupInfo {
  // An empty alternative always matches, and the match lists every group the pattern has.
  const match = new RegExp(`(?:${pattern})|`, flags.replace(/[gy]/gu, '')).exec('');
  return { count: (match?.length ?? 1) - 1, names: Object.keys(match?.groups ?? {}) };
}

function describePattern(pattern: string, flags: string): string {
  const chars = [...pattern];
  const shown = chars.length > 40 ? `${chars.slice(0, 39).join('')}…` : pattern;
  return `/${shown}/${flags}`;
}

function checkPattern(params: { pattern: string; flags: string }, context: z.RefinementCtx): GroupInfo | null {
  const problem = patternProblem(params.pattern, params.flags);
  if (problem) {
    context.addIssue({ code: 'custom', path: ['pattern'], message: problem });
    return null;
  }
  return groupsOf(params.pattern, params.flags);
}

export const regexExtract = defineOne({
  name: 'regex_extract',
  label: 'Extract with a pattern',
  description: 'Keeps the part of the text that a regular expression (or one of its groups) matches.',
  params: z
    .strictObject({
      pattern: z.string().min(1).describe('A JavaScript regular expression, e.g. "(\\d{5})".'),
      flags: z
        .string()
        .regex(/^(?!.*(.).*\1)[imsu]*$/u, 'may hold only i, m, s and u, each once')
        .default('')
        .describe('i: ignore case, m: ^ and $ per line, s: . matches newlines, u: unicode.'),
      group: z
        .union([z.number().int().min(0), z.string().min(1)])
        .optional()
        .describe(
          'The group to keep, by number or name; 0 is the whole match. Default: 1 if the pattern has a group, else 0.',
        ),
      onNoMatch: z
        .enum(['reject', 'null'])
        .default('reject')
        .describe('A value the pattern does not match: reject it, or give null.'),
    })
    .superRefine((params, context) => {
      const groups = checkPattern(params, context);
      if (!groups || params.group === undefined) return;
      if (typeof params.group === 'number' && params.group > groups.count) {
        context.addIssue({
          code: 'custom',
          path: ['group'],
          message: `is ${params.group}, but the pattern has ${groups.count === 0 ? 'no groups' : `only ${groups.count} group${groups.count === 1 ? '' : 's'}`}`,
        });
      }
      if (typeof params.group === 'string' && !groups.names.includes(params.group)) {
        context.addIssue({
          code: 'custom',
          path: ['group'],
          message: `names a group "${params.group}" that the pattern does not have`,
        });
      }
    }),
  apply(value, params) {
    const text = textOf(value);
    if (!text.ok) return reject(text.reason);
    const regex = compile(params.pattern, params.flags);
    const match = regex.exec(text.text);
    const group = params.group ?? (match && match.length > 1 ? 1 : 0);
    const extracted = match ? (typeof group === 'number' ? match[group] : match.groups?.[group]) : undefined;
    if (extracted !== undefined) return ok(extracted);
    if (params.onNoMatch === 'null') return ok(null);
    const what = match ? ` (group ${typeof group === 'number' ? group : `"${group}"`} took no part in the match)` : '';
    return reject(`${quote(value)} does not match ${describePattern(params.pattern, params.flags)}${what}.`);
  },
});

export const regexReplace = defineOne({
  name: 'regex_replace',
  label: 'Replace with a pattern',
  description: 'Replaces what a regular expression matches; $1 or $<name> in the replacement put a group back.',
  params: z
    .strictObject({
      pattern: z.string().min(1).describe('A JavaScript regular expression, e.g. "\\s+".'),
      flags: z
        .string()
        .regex(/^(?!.*(.).*\1)[gimsu]*$/u, 'may hold only g, i, m, s and u, each once')
        .default('g')
        .describe('g: every match (not only the first), i: ignore case, m, s, u.'),
      replacement: z
        .string()
        .default('')
        .describe('What a match becomes; $1, $<name>, $& (the match), $$ (a dollar sign).'),
    })
    .superRefine((params, context) => {
      const groups = checkPattern(params, context);
      if (!groups) return;
      for (const reference of params.replacement.matchAll(/\$\$|\$(\d{1,2})|\$<([^>]*)>/gu)) {
        const [, number, name] = reference;
        if (number !== undefined && Number(number) > groups.count && Number(number[0]) > groups.count) {
          context.addIssue({
            code: 'custom',
            path: ['replacement'],
            message: `uses $${number}, but the pattern has ${groups.count} group(s)`,
          });
          return;
        }
        if (name !== undefined && !groups.names.includes(name)) {
          context.addIssue({
            code: 'custom',
            path: ['replacement'],
            message: `uses $<${name}>, but the pattern has no group of that name`,
          });
          return;
        }
      }
    }),
  apply(value, params) {
    const text = textOf(value);
    if (!text.ok) return reject(text.reason);
    return ok(text.text.replace(compile(params.pattern, params.flags), params.replacement));
  },
});
