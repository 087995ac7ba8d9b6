import { useEffect, useMemo } from 'react';
import { sourceColumnsOf } from '../../../src-shared/mapping-document';
import type { Plan, TableMapping } from '../../../src-shared/plan';
import type { PortableType } from '../../../src-shared/portable-types';
import { previewRows, summarize, type RowPreview, type SampleRow } from '../../lib/mapping-preview';
import { mappingRows } from '../../lib/mapping-rows';
import {
  loadSample,
  sampleKey,
  sampleSizes,
  setSampleLimit,
  showTab,
  useMapPreview,
  type LowerTab,
} from '../../state/map-preview';
import { showEditError, usePlanEditor } from '../../state/plan-editor';
import { ErrorNotice } from '../ErrorNotice';
import { ColumnEditor } from './ColumnEditor';
import { DdlReview } from './DdlReview';
import { FollowRow } from './FollowRow';
import { MappingGrid } from './MappingGrid';
import { MappingToolbar, TableHeading } from './MappingToolbar';
import { PreviewTable } from './PreviewTable';

const noRows: readonly SampleRow[] = [];

/** One target table: its grid, the live preview and the column editor. */
export function TableMappingView({ plan, table }: { plan: Plan; table: TableMapping }) {
  const search = usePlanEditor((state) => state.search);
  const filter = usePlanEditor((state) => state.filter);
  const focused = usePlanEditor((state) => state.focusedColumn);
  const editError = usePlanEditor((state) => state.editError);
  const limit = useMapPreview((state) => state.limit);
  const following = useMapPreview((state) => state.followRow);
  const key = sampleKey(plan, table, limit);
  const sample = useMapPreview((state) => state.samples[key]);

  useEffect(() => {
    loadSample(plan, table.id);
    // The sample depends on the table's source only (its key), not on each mapping edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps -- plan and table change with every edit; key does not
  }, [key]);

  const recorded = useMemo(() => sourceColumnsOf(plan, table), [plan, table]);
  const sourceNames = useMemo(() => {
    if (recorded.length > 0) return recorded.map((column) => column.name);
    return sample?.status === 'loaded' ? sample.sample.columns : [];
  }, [recorded, sample]);
  const rows = useMemo(() => mappingRows(plan, table, recorded), [plan, table, recorded]);
  const targetTypes = useMemo(
    () => new Map<string, PortableType>(table.columns.map((column) => [column.target, column.targetType])),
    [table],
  );
  const sampleRows = sample?.status === 'loaded' ? sample.sample.rows : noRows;
  const previews = useMemo(() => previewRows(table, sampleRows), [table, sampleRows]);
  const column = table.columns.find((candidate) => candidate.target === focused);
  const traced: RowPreview | undefined = (following === null ? undefined : previews[following]) ?? previews[0];
  const traceOutcome = column && traced ? traced.columns[column.target] : undefined;
  const trace = traced && traceOutcome ? { label: traced.label, outcome: traceOutcome } : null;

  return (
    <div className="map-table">
      <TableHeading table={table} />
      <MappingToolbar />
      {editError ? (
        <div className="notice notice-error notice-compact map-edit-error" role="alert">
          <span className="notice-message">{editError}</span>
          <button type="button" className="button-ghost" aria-label="Dismiss" onClick={() => showEditError(null)}>
            ✕
          </button>
        </div>
      ) : null}
      <MappingGrid
        rows={rows}
        sourceColumns={sourceNames}
        targetTypes={targetTypes}
        search={search}
        filter={filter}
        focusedColumn={focused}
      />
      <div className="map-lower">
        <LowerPanel plan={plan} table={table} previews={previews} />
        {column ? (
          <ColumnEditor table={table} column={column} sourceColumns={sourceNames} trace={trace} />
        ) : (
          <aside className="column-editor column-editor-empty">
            <p className="muted">Choose a row of the grid to edit its sources, transform chain, default and review.</p>
          </aside>
        )}
      </div>
    </div>
  );
}

const tabs: readonly { id: LowerTab; label: string }[] = [
  { id: 'preview', label: 'Preview' },
  { id: 'follow', label: 'Follow a row' },
  { id: 'ddl', label: 'Create target table' },
];

function LowerPanel({ plan, table, previews }: { plan: Plan; table: TableMapping; previews: readonly RowPreview[] }) {
  const tab = useMapPreview((state) => state.tab);
  const limit = useMapPreview((state) => state.limit);
  const following = useMapPreview((state) => state.followRow);
  const focused = usePlanEditor((state) => state.focusedColumn);
  const sample = useMapPreview((state) => state.samples[sampleKey(plan, table, limit)]);
  const summary = summarize(previews);

  return (
    <section className="map-lower-main" aria-label="Preview and checks">
      <div className="tabs" role="tablist" aria-label="Preview and checks">
        {tabs.map((candidate) => (
          <button
            key={candidate.id}
            type="button"
            role="tab"
            id={`tab-${candidate.id}`}
            aria-selected={tab === candidate.id}
            aria-controls={`panel-${candidate.id}`}
            className={tab === candidate.id ? 'tab tab-current' : 'tab'}
            onClick={() => showTab(candidate.id)}
          >
            {candidate.id === 'ddl' && !table.createIfMissing ? 'Target table' : candidate.label}
            {candidate.id === 'preview' && sample?.status === 'loaded' ? (
              <span className={summary.rejected > 0 ? 'tab-count tab-count-bad' : 'tab-count'}>
                {summary.rejected} rejected
              </span>
            ) : null}
          </button>
        ))}
        <span className="spacer" />
        {tab === 'ddl' ? null : (
          <>
            <label htmlFor="sample-size" className="visually-hidden">
              Sample
            </label>
            <select
              id="sample-size"
              className="sample-size"
              value={limit}
              onChange={(event) => setSampleLimit(Number(event.target.value))}
            >
              {sampleSizes.map((size) => (
                <option key={size} value={size}>
                  {sample?.status === 'loaded' && sample.sample.sampled ? `${size} random rows` : `first ${size} rows`}
                </option>
              ))}
            </select>
            <button
              type="button"
              className="button-ghost"
              title="Read the sample rows again"
              aria-label="Read the sample rows again"
              onClick={() => loadSample(plan, table.id, true)}
            >
              ↻
            </button>
          </>
        )}
      </div>
      <div className="tab-panel" role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {tab === 'ddl' ? (
          <DdlReview plan={plan} table={table} />
        ) : !sample || sample.status === 'loading' ? (
          <div className="notice notice-progress preview-loading" role="status">
            <span className="spinner" aria-hidden="true" /> Reading sample rows from the source…
          </div>
        ) : sample.status === 'failed' ? (
          <ErrorNotice error={sample.error} />
        ) : tab === 'preview' ? (
          previews.length === 0 ? (
            <p className="muted preview-empty">The source table has no rows to preview.</p>
          ) : (
            <PreviewTable table={table} rows={previews} focusedColumn={focused} />
          )
        ) : (
          <FollowRow table={table} rows={previews} index={following} />
        )}
      </div>
    </section>
  );
}
