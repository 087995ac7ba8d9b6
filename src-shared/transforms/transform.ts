/**
 * The transform catalogue's shape: pure functions with a parameter schema, used by the mapping
 * grid's live preview and by the engine alike. A value that cannot be converted yields a reason,
 * never a silent null.
 */
import type { z } from 'zod';

/** A cell as drivers hand it over (and as the preview shows it after a JSON round trip). */
export type CellValue = string | number | bigint | boolean | null | Date | Uint8Array;

export type TransformResult = { ok: true; value: CellValue } | { ok: false; reason: string };

export type TransformDefinition<P = unknown> = {
  /** Stable name used in plan files, e.g. `split_name`. */
  name: string;
  /** Short label for the grid, e.g. "Split a full name". */
  label: string;
  /** One sentence for tooltips and the mapping document. */
  description: string;
  /** `many`: takes all of a column mapping's source values (concat, coalesce); `one`: a single value. */
  inputs: 'one' | 'many';
  /** Parameters, validated when a plan is loaded and when the grid edits them. */
  params: z.ZodType<P>;
  apply(input: CellValue | readonly CellValue[], params: P): TransformResult;
};

/** One step of a column's transform chain as a plan stores it. */
export type TransformStep = { name: string; params: Record<string, unknown> };

export function ok(value: CellValue): TransformResult {
  return { ok: true, value };
}

export function reject(reason: string): TransformResult {
  return { ok: false, reason };
}
