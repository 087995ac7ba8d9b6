/**
 * What the Map screen shows under the grid: sample rows of the source (the preview computes the
 * rest in the window), the row being followed, and the DDL for a table Tally creates.
 */
import { create } from 'zustand';
import type { MethodOutput } from '../../src-shared/contract';
import type { TallyErrorData } from '../../src-shared/errors';
import type { Plan, TableMapping } from '../../src-shared/plan';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';
import { findTable } from '../lib/plan-edits';

export type Sample =
  | { status: 'loading' }
  | { status: 'loaded'; sample: MethodOutput<'plan.sampleRows'> }
  | { status: 'failed'; error: TallyErrorData };

export type Ddl =
  | { status: 'loading' }
  | { status: 'loaded'; ddl: MethodOutput<'plan.ddl'> }
  | { status: 'failed'; error: TallyErrorData };

export type LowerTab = 'preview' | 'follow' | 'ddl';

export const sampleSizes = [20, 50, 100, 200] as const;

type MapPreviewState = {
  limit: number;
  /** By sampleKey: the rows depend on the table's source and filter, not on its mapping. */
  samples: Readonly<Record<string, Sample>>;
  /** By ddlKey: the DDL depends on the whole table mapping. */
  ddl: Readonly<Record<string, Ddl>>;
  /** The index of the sample row being followed. */
  followRow: number | null;
  tab: LowerTab;
};

export const useMapPreview = create<MapPreviewState>()(() => ({
  limit: 20,
  samples: {},
  ddl: {},
  followRow: null,
  tab: 'preview',
}));

export function sampleKey(plan: Plan, table: TableMapping, limit: number): string {
  return JSON.stringify([plan.source.url, table.id, table.source, table.filter ?? null, limit]);
}

export function ddlKey(plan: Plan, table: TableMapping): string {
  return JSON.stringify([plan.target.url, table]);
}

export function loadSample(plan: Plan, tableId: string, force = false): void {
  const { limit, samples } = useMapPreview.getState();
  const table = findTable(plan, tableId);
  if (!table) return;
  const key = sampleKey(plan, table, limit);
  const known = samples[key];
  if (known && !force && known.status !== 'failed') return;
  const put = (sample: Sample): void =>
    useMapPreview.setState((current) => ({ samples: { ...current.samples, [key]: sample } }));
  put({ status: 'loading' });
  api
    .call('plan.sampleRows', { plan, tableId, limit })
    .then((sample) => put({ status: 'loaded', sample }))
    .catch((error: unknown) => put({ status: 'failed', error: asErrorData(error) }));
}

export function loadDdl(plan: Plan, tableId: string): void {
  const table = findTable(plan, tableId);
  if (!table?.createIfMissing) return;
  const key = ddlKey(plan, table);
  const known = useMapPreview.getState().ddl[key];
  if (known && known.status !== 'failed') return;
  const put = (ddl: Ddl): void => useMapPreview.setState((current) => ({ ddl: { ...current.ddl, [key]: ddl } }));
  put({ status: 'loading' });
  api
    .call('plan.ddl', { plan, tableId })
    .then((ddl) => put({ status: 'loaded', ddl }))
    .catch((error: unknown) => put({ status: 'failed', error: asErrorData(error) }));
}

export function setSampleLimit(limit: number): void {
  useMapPreview.setState({ limit, followRow: null });
}

export function followRow(index: number | null): void {
  useMapPreview.setState(index === null ? { followRow: null } : { followRow: index, tab: 'follow' });
}

export function showTab(tab: LowerTab): void {
  useMapPreview.setState({ tab });
}

/** A new table or plan: nothing followed, back to the preview. */
export function resetPreviewView(): void {
  useMapPreview.setState({ followRow: null, tab: 'preview' });
}
