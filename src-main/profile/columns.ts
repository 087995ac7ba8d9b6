/** How each column is profiled, and the conversions of what drivers return into plain numbers and text. */
import type { ProfileKind } from '../../src-shared/profile';
import type { PortableType } from '../../src-shared/portable-types';
import type { ColumnInfo } from '../../src-shared/schema-info';

export type TemporalType = 'date' | 'time' | 'timestamp' | 'timestamptz';

/** A column as the statements see it: `expr` is the quoted column on the source alias. */
export type ProfiledColumn = {
  index: number;
  info: ColumnInfo;
  name: string;
  expr: string;
  kind: ProfileKind;
  temporalType: TemporalType | null;
};

export function profileKindOf(type: PortableType): ProfileKind {
  switch (type.kind) {
    case 'text':
      return 'text';
    case 'integer':
      return 'integer';
    case 'decimal':
      return 'decimal';
    case 'float':
      return 'float';
    case 'boolean':
      return 'boolean';
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return 'temporal';
    case 'uuid':
      return 'uuid';
    case 'json':
      return 'json';
    case 'binary':
      return 'binary';
  }
}

export function temporalTypeOf(type: PortableType): TemporalType | null {
  switch (type.kind) {
    case 'date':
    case 'time':
    case 'timestamp':
    case 'timestamptz':
      return type.kind;
    default:
      return null;
  }
}

export const isNumericKind = (kind: ProfileKind): boolean =>
  kind === 'integer' || kind === 'decimal' || kind === 'float';

/** Kinds whose min and max mean something in every database (booleans, JSON and binary have no useful order). */
export const hasOrder = (kind: ProfileKind): boolean => isNumericKind(kind) || kind === 'text' || kind === 'temporal';

/** Kinds whose values are compared as text (exactly) when counted and grouped. */
export const comparedAsText = (kind: ProfileKind): boolean => kind === 'text' || kind === 'json' || kind === 'uuid';

/** A count, sum or average as a number: drivers return big integers and decimals as strings. */
export function toNumber(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && value.trim() !== '') {
    const parsed = Number(value);
    return Number.isFinite(parsed) ? parsed : null;
  }
  return null;
}

export function toCount(value: unknown): number {
  return Math.max(0, Math.round(toNumber(value) ?? 0));
}

/** A value as text: what the database printed, or the driver's value in its plainest form. */
export function toText(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  return JSON.stringify(value);
}
