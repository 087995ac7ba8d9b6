/**
 * The portable type vocabulary: every native column type maps to exactly one of these. Mapping,
 * target DDL, checksum normalisation and the grid's type check all speak it.
 */
import { z } from 'zod';

export const portableTypeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('integer'), bits: z.union([z.literal(8), z.literal(16), z.literal(32), z.literal(64)]) }),
  z.object({
    kind: z.literal('decimal'),
    precision: z.number().int().positive().optional(),
    scale: z.number().int().min(0).optional(),
  }),
  /** Always 8 bytes: a 4-byte float loses digits past the seventh. */
  z.object({ kind: z.literal('float') }),
  z.object({ kind: z.literal('boolean') }),
  z.object({ kind: z.literal('text'), length: z.number().int().positive().optional() }),
  z.object({ kind: z.literal('binary'), length: z.number().int().positive().optional() }),
  z.object({ kind: z.literal('date') }),
  z.object({ kind: z.literal('time') }),
  z.object({ kind: z.literal('timestamp') }),
  z.object({ kind: z.literal('timestamptz') }),
  z.object({ kind: z.literal('uuid') }),
  z.object({ kind: z.literal('json') }),
]);
export type PortableType = z.infer<typeof portableTypeSchema>;
export type PortableKind = PortableType['kind'];

/** A short label such as `integer(32)`, `decimal(10,2)`, `text(120)` or `timestamptz`. */
export function formatPortableType(type: PortableType): string {
  switch (type.kind) {
    case 'integer':
      return `integer(${type.bits})`;
    case 'decimal':
      if (type.precision === undefined) return 'decimal';
      return `decimal(${type.precision},${type.scale ?? 0})`;
    case 'text':
    case 'binary':
      return type.length === undefined ? type.kind : `${type.kind}(${type.length})`;
    case 'float':
    case 'boolean':
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
    case 'uuid':
    case 'json':
      return type.kind;
  }
}
