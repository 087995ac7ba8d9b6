/** How review values and causes read on screen. */
import type { DifferenceCause, JsonCell } from '../../../src-shared/validation';

export const causeLabels: Record<DifferenceCause, string> = {
  time_zone: 'time zone',
  precision: 'precision',
  trailing_space: 'trailing space',
  case: 'letter case',
  encoding: 'encoding',
  null_vs_empty: 'null vs empty',
  real_change: 'real change',
};

/** A value as a cell shows it: null and '' told apart, spaces at the ends made visible. */
export function shownCell(value: JsonCell | undefined): { text: string; kind: 'null' | 'empty' | 'spaced' | 'plain' } {
  if (value === null || value === undefined) return { text: 'null', kind: 'null' };
  if (value === '') return { text: '(empty)', kind: 'empty' };
  const text = String(value);
  if (/^\s|\s$/.test(text)) return { text: `“${text.replace(/ /g, '·')}”`, kind: 'spaced' };
  return { text, kind: 'plain' };
}
