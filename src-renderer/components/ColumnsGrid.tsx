import type { ColDef, ICellRendererParams } from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import { useMemo } from 'react';
import type { TableInfo } from '../../src-shared/schema-info';
import { columnRows, type ColumnRow } from '../lib/schema-view';
import { gridTheme } from './grid-setup';

/** The badges as one line of text, for the tooltip when they do not fit the cell. */
function keysText(row: ColumnRow): string {
  return [
    row.primaryKey ? 'PK' : null,
    ...row.references.map((reference) => `FK → ${reference}`),
    row.autoIncrement ? 'auto' : null,
  ]
    .filter((part): part is string => part !== null)
    .join(', ');
}

function KeysCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  return (
    <span className="badges">
      {data.primaryKey ? (
        <span className="badge badge-pk" title="Primary key">
          PK
        </span>
      ) : null}
      {data.references.map((reference) => (
        <span key={reference} className="badge badge-fk" title={`Foreign key to ${reference}`}>
          FK → {reference}
        </span>
      ))}
      {data.autoIncrement ? (
        <span className="badge badge-auto" title="Filled by the database">
          auto
        </span>
      ) : null}
    </span>
  );
}

function PortableCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  return (
    <span className="mono" title={data.portableNote ?? undefined}>
      {data.portableType}
      {data.portableNote ? <span className="note-mark"> ⚠</span> : null}
    </span>
  );
}

function NullableCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  return data.nullable ? <span>yes</span> : <span className="strong">NOT NULL</span>;
}

function DefaultCell({ data }: ICellRendererParams<ColumnRow>) {
  if (!data) return null;
  return data.defaultValue === null ? (
    <span className="muted">—</span>
  ) : (
    <span className="mono">{data.defaultValue}</span>
  );
}

const columnDefs: ColDef<ColumnRow>[] = [
  { headerName: '#', field: 'ordinal', width: 52, type: 'numericColumn' },
  { headerName: 'Column', field: 'name', minWidth: 120, flex: 1.2, cellClass: 'strong' },
  {
    headerName: 'Keys',
    colId: 'keys',
    minWidth: 200,
    flex: 2,
    cellRenderer: KeysCell,
    sortable: false,
    tooltipValueGetter: ({ data }) => (data ? keysText(data) : undefined),
  },
  { headerName: 'Native type', field: 'nativeType', minWidth: 110, flex: 1, cellClass: 'mono' },
  { headerName: 'Portable type', field: 'portableType', minWidth: 110, flex: 1, cellRenderer: PortableCell },
  { headerName: 'Nullable', field: 'nullable', width: 96, cellRenderer: NullableCell },
  { headerName: 'Default', field: 'defaultValue', minWidth: 80, flex: 0.8, cellRenderer: DefaultCell },
];

const defaultColDef: ColDef<ColumnRow> = { resizable: true, sortable: true, suppressMovable: true };

/** The columns of one table: types, nullability, defaults and key badges. */
export function ColumnsGrid({ table }: { table: TableInfo }) {
  const rows = useMemo(() => columnRows(table), [table]);
  return (
    <div className="columns-grid">
      <AgGridReact<ColumnRow>
        theme={gridTheme}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={({ data }) => data.name}
        domLayout="autoHeight"
        rowHeight={30}
        headerHeight={32}
        suppressCellFocus
        enableCellTextSelection
        ensureDomOrder
      />
    </div>
  );
}
