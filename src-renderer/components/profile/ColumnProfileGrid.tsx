import type { ColDef, ICellRendererParams, RowClickedEvent } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { ColumnProfile, TableProfile } from '../../../src-shared/profile';
import { formatInteger } from '../../lib/format';
import { selectProfileColumn } from '../../state/profile';
import { gridTheme } from '../grid-setup';
import { ShareBar, Sparkbars, shownValue } from './Charts';

type ColumnRow = {
  name: string;
  type: string;
  nullShare: number;
  emptyShare: number | null;
  distinct: number | null;
  /** "≈" when the distinct count is of a sample. */
  approximate: boolean;
  min: string | null;
  max: string | null;
  length: string | null;
  storage: string | null;
  inferred: string | null;
  alerts: number;
  chart: readonly number[];
  chartLabel: string;
};

function storageText(column: ColumnProfile): string | null {
  const classes = column.storageClasses;
  if (!classes) return null;
  const parts = (['integer', 'real', 'text', 'blob'] as const)
    .filter((key) => classes[key] > 0)
    .map((key) => `${formatInteger(classes[key])} ${key}`);
  return parts.length === 0 ? 'all null' : parts.join(', ');
}

function toRow(profile: TableProfile, column: ColumnProfile): ColumnRow {
  const histogram = column.histogram;
  const chart = histogram ? histogram.buckets.map((b) => b.count) : column.top.slice(0, 12).map((v) => v.count);
  return {
    name: column.name,
    type: column.portableType,
    nullShare: column.nullShare,
    emptyShare: column.emptyShare,
    distinct: column.distinct,
    approximate: profile.sampled !== null,
    min: column.min,
    max: column.max,
    length: column.length
      ? `${formatInteger(column.length.min)}–${formatInteger(column.length.max)} (avg ${column.length.mean.toFixed(1)})`
      : null,
    storage: storageText(column),
    inferred: column.inferred
      ? `${column.inferred.type}${column.inferred.formats && column.inferred.formats > 1 ? ` · ${column.inferred.formats} formats` : ''}`
      : null,
    alerts: profile.alerts.filter((a) => a.column === column.name).length,
    chart,
    chartLabel: histogram ? `Histogram of ${histogram.of}` : 'Most common values',
  };
}

function NullCell({ data }: ICellRendererParams<ColumnRow>) {
  return data ? <ShareBar share={data.nullShare} tone={data.nullShare >= 0.5 ? 'warn' : 'plain'} /> : null;
}

function EmptyCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  return data.emptyShare === null ? <span className="muted">—</span> : <ShareBar share={data.emptyShare} />;
}

function DistinctCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  if (data.distinct === null) return <span className="muted">—</span>;
  return (
    <span title={data.approximate ? 'Counted on the sample: the whole table may hold more' : 'Exact'}>
      {data.approximate ? '≈ ' : ''}
      {formatInteger(data.distinct)}
    </span>
  );
}

function ValueCell({ value }: ICellRendererParams<ColumnRow, string | null>) {
  return value === null || value === undefined ? (
    <span className="muted">—</span>
  ) : (
    <span className="mono">{shownValue(value)}</span>
  );
}

function ChartCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data || data.chart.length === 0) return null;
  return <Sparkbars counts={data.chart} label={data.chartLabel} />;
}

function NameCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  return (
    <span className="profile-column-name">
      <span className="strong">{data.name}</span>
      {data.alerts > 0 ? (
        <span className="badge badge-warn" title={`${data.alerts} alerts`}>
          {data.alerts}
        </span>
      ) : null}
    </span>
  );
}

const columnDefs: ColDef<ColumnRow>[] = [
  { headerName: 'Column', field: 'name', minWidth: 120, flex: 1.2, cellRenderer: NameCell },
  { headerName: 'Type', field: 'type', minWidth: 70, flex: 0.7, cellClass: 'mono' },
  { headerName: 'Null', field: 'nullShare', width: 92, cellRenderer: NullCell },
  { headerName: 'Empty', field: 'emptyShare', width: 92, cellRenderer: EmptyCell },
  { headerName: 'Distinct', field: 'distinct', width: 80, cellRenderer: DistinctCell, type: 'numericColumn' },
  { headerName: 'Distribution', colId: 'chart', width: 96, cellRenderer: ChartCell, sortable: false },
  { headerName: 'Min', field: 'min', minWidth: 70, flex: 1, cellRenderer: ValueCell, tooltipField: 'min' },
  { headerName: 'Max', field: 'max', minWidth: 70, flex: 1, cellRenderer: ValueCell, tooltipField: 'max' },
  { headerName: 'Length', field: 'length', minWidth: 90, flex: 0.9, tooltipField: 'length' },
  { headerName: 'Looks like', field: 'inferred', minWidth: 70, flex: 0.8, tooltipField: 'inferred' },
  { headerName: 'Stored as', field: 'storage', minWidth: 90, flex: 1, tooltipField: 'storage' },
];

const defaultColDef: ColDef<ColumnRow> = { resizable: true, sortable: true, suppressMovable: true };

/** One row per column with its key figures and a sparkline; a click opens the column's detail. */
export function ColumnProfileGrid({ profile }: { profile: TableProfile }) {
  const rows = useMemo(() => profile.columns.map((column) => toRow(profile, column)), [profile]);
  const hasStorage = rows.some((row) => row.storage !== null);
  const defs = useMemo(
    () => (hasStorage ? columnDefs : columnDefs.filter((def) => def.field !== 'storage')),
    [hasStorage],
  );
  return (
    <div className="profile-grid" aria-label={`Columns of ${profile.table}`}>
      <AgGridReact<ColumnRow>
        theme={gridTheme}
        rowData={rows}
        columnDefs={defs}
        defaultColDef={defaultColDef}
        getRowId={({ data }) => data.name}
        domLayout="autoHeight"
        rowHeight={30}
        headerHeight={32}
        suppressCellFocus
        enableCellTextSelection
        ensureDomOrder
        rowClass="profile-grid-row"
        onRowClicked={(event: RowClickedEvent<ColumnRow>) => {
          if (event.data) selectProfileColumn(event.data.name);
        }}
      />
    </div>
  );
}
