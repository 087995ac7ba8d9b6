import type {
  CellEditRequestEvent,
  CellFocusedEvent,
  ColDef,
  GetRowIdParams,
  ICellRendererParams,
  IRowNode,
  SelectionChangedEvent,
  SuppressKeyboardEventParams,
} from 'ag-grid-community';
import { AgGridReact, type CustomCellEditorProps } from 'ag-grid-react';
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { PortableType } from '../../../src-shared/portable-types';
import { reviewStatusSchema } from '../../../src-shared/plan';
import { matchText, passesFilter, reviewStatusLabels, type MappingRow, type RowFilter } from '../../lib/mapping-rows';
import { parseDefault } from '../../lib/plan-edits';
import {
  editDefault,
  editOnError,
  editReview,
  editSources,
  focusColumn,
  setSelectedColumns,
  showEditError,
} from '../../state/plan-editor';
import { gridTheme } from '../grid-setup';

const checkIcons = { fits: '✓', lossy: '⚠', incompatible: '✕', unmapped: '○', unknown: '?' } as const;

function TargetCell({ data }: ICellRendererParams<MappingRow>) {
  if (!data) return null;
  return (
    <span className="target-cell">
      <span className="strong">{data.target}</span>
      {data.key ? (
        <span className="badge badge-pk" title="Key column">
          key
        </span>
      ) : null}
      <span className="mono muted">
        {data.type}
        {data.nullable ? '' : ' NOT NULL'}
      </span>
    </span>
  );
}

function SourcesCell({ data }: ICellRendererParams<MappingRow>) {
  if (!data) return null;
  if (data.sources.length === 0) return <span className="muted">— not mapped</span>;
  return <span className="mono">{data.sources.join(' + ')}</span>;
}

function ChainCell({ data }: ICellRendererParams<MappingRow>) {
  if (!data) return null;
  if (data.chain.length === 0) return <span className="muted">as is</span>;
  return (
    <span className="chain-chips">
      {data.chain.map((step, index) => (
        <span key={index} className="chain-chip-wrap">
          {index > 0 ? <span className="chain-arrow">→</span> : null}
          <span className="chip">{step.name}</span>
        </span>
      ))}
    </span>
  );
}

function TypeCheckCell({ data }: ICellRendererParams<MappingRow>) {
  if (!data) return null;
  const { status, reason } = data.check;
  return (
    <span className={`type-check type-check-${status}`} title={reason}>
      <span className="type-check-icon" aria-hidden="true">
        {checkIcons[status]}
      </span>{' '}
      <span className="type-check-status">{status}</span>
      {status === 'fits' ? null : <span className="type-check-reason">: {reason}</span>}
    </span>
  );
}

function MatchCell({ data }: ICellRendererParams<MappingRow>) {
  if (!data?.match) return null;
  return (
    <span title={data.match.reason}>
      <span className={`match match-${data.match.method}`}>{matchText(data.match)}</span>{' '}
      <span className="muted">{data.match.reason}</span>
    </span>
  );
}

function StatusCell({ data }: ICellRendererParams<MappingRow>) {
  if (!data) return null;
  return <span className={`review review-${data.status}`}>{reviewStatusLabels[data.status]}</span>;
}

type SourcesEditorProps = CustomCellEditorProps<MappingRow, readonly string[]> & { options: readonly string[] };

/** The Source cell's editor: tick one source column, or several (in order) for a transform that takes many. */
function SourcesEditor({ value, onValueChange, options }: SourcesEditorProps) {
  const chosen = value ?? [];
  const toggle = (name: string): void => {
    onValueChange(chosen.includes(name) ? chosen.filter((c) => c !== name) : [...chosen, name]);
  };
  return (
    <div className="sources-editor" role="group" aria-label="Source columns">
      <div className="sources-editor-hint muted">Tick several, in order, to combine them (concat).</div>
      {options.map((name, index) => {
        const position = chosen.indexOf(name);
        return (
          <label key={name} className="checkbox-field">
            <input type="checkbox" checked={position >= 0} autoFocus={index === 0} onChange={() => toggle(name)} />
            <span className="mono">{name}</span>
            {position >= 0 && chosen.length > 1 ? <span className="badge">{position + 1}</span> : null}
          </label>
        );
      })}
      {options.length === 0 ? <span className="muted">The source's columns are not known.</span> : null}
    </div>
  );
}

type Props = {
  rows: MappingRow[];
  sourceColumns: readonly string[];
  /** The type of each target column, to read a typed default. */
  targetTypes: ReadonlyMap<string, PortableType>;
  search: string;
  filter: RowFilter;
  focusedColumn: string | null;
};

// No type inference: the grid's cells are display values, edits go through the store.
const defaultColDef: ColDef<MappingRow> = {
  resizable: true,
  sortable: false,
  suppressMovable: true,
  cellDataType: false,
};

/** Enter on the Transforms cell goes to the chain editor beside the grid. */
function toChainEditor({ event }: SuppressKeyboardEventParams<MappingRow>): boolean {
  if (event.key !== 'Enter' || event.type !== 'keydown') return false;
  document.getElementById('chain-add-step')?.focus();
  return true;
}

/** One row per target column of a table: source, transforms, default, checks and review. */
export function MappingGrid({ rows, sourceColumns, targetTypes, search, filter, focusedColumn }: Props) {
  const grid = useRef<AgGridReact<MappingRow>>(null);
  const filterRef = useRef(filter);

  useEffect(() => {
    filterRef.current = filter;
    grid.current?.api?.onFilterChanged();
  }, [filter]);

  // A column added or chosen elsewhere (the follow view, a new column) is scrolled into view.
  useEffect(() => {
    const api = grid.current?.api;
    if (!api || !focusedColumn) return;
    const node = api.getRowNode(focusedColumn);
    if (node?.rowIndex === null || !node) return;
    const focused = api.getFocusedCell();
    if (focused?.rowIndex !== node.rowIndex) api.ensureNodeVisible(node, 'middle');
  }, [focusedColumn, rows]);

  const columnDefs = useMemo<ColDef<MappingRow>[]>(
    () => [
      {
        headerName: 'Target column',
        colId: 'target',
        field: 'target',
        pinned: 'left',
        width: 215,
        cellRenderer: TargetCell,
      },
      {
        headerName: 'Source',
        colId: 'sources',
        field: 'sources',
        width: 150,
        editable: true,
        cellRenderer: SourcesCell,
        cellEditor: SourcesEditor,
        cellEditorPopup: true,
        cellEditorParams: { options: sourceColumns },
        getQuickFilterText: ({ data }) => data?.sources.join(' ') ?? '',
        tooltipValueGetter: ({ data }) => (data && data.sources.length > 0 ? data.sources.join(' + ') : undefined),
        equals: (a: readonly string[] | undefined, b: readonly string[] | undefined) =>
          (a ?? []).join('\0') === (b ?? []).join('\0'),
      },
      {
        headerName: 'Transforms',
        colId: 'chain',
        valueGetter: ({ data }) => data?.chainText ?? '',
        width: 210,
        cellRenderer: ChainCell,
        tooltipValueGetter: ({ data }) => data?.chainText || undefined,
        suppressKeyboardEvent: toChainEditor,
      },
      {
        headerName: 'Default for null',
        colId: 'default',
        field: 'defaultText',
        width: 112,
        editable: true,
        cellClass: 'mono',
      },
      {
        headerName: 'On error',
        colId: 'onError',
        field: 'onError',
        width: 92,
        editable: true,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: ['reject', 'default'] },
      },
      {
        headerName: 'Type check',
        colId: 'check',
        valueGetter: ({ data }) => (data ? `${data.check.status} ${data.check.reason}` : ''),
        width: 170,
        cellRenderer: TypeCheckCell,
      },
      {
        headerName: 'Match',
        colId: 'match',
        valueGetter: ({ data }) => (data?.match ? `${data.match.method} ${data.match.reason}` : ''),
        width: 150,
        cellRenderer: MatchCell,
      },
      {
        headerName: 'Review',
        colId: 'status',
        field: 'status',
        width: 122,
        editable: true,
        cellRenderer: StatusCell,
        cellEditor: 'agSelectCellEditor',
        cellEditorParams: { values: reviewStatusSchema.options },
        valueFormatter: ({ value }) => {
          const status = reviewStatusSchema.safeParse(value);
          return status.success ? reviewStatusLabels[status.data] : '';
        },
      },
      { headerName: 'Owner', colId: 'owner', field: 'owner', width: 100, editable: true },
      { headerName: 'Comment', colId: 'comment', field: 'comment', minWidth: 180, flex: 1, editable: true },
    ],
    [sourceColumns],
  );

  const onCellEditRequest = useCallback(
    (event: CellEditRequestEvent<MappingRow>) => {
      const row = event.data;
      if (!row) return;
      const value: unknown = event.newValue;
      switch (event.column.getColId()) {
        case 'sources':
          if (Array.isArray(value))
            editSources(
              row.target,
              value.filter((v): v is string => typeof v === 'string'),
            );
          return;
        case 'default': {
          const type = targetTypes.get(row.target);
          if (!type) return;
          const parsed = parseDefault(typeof value === 'string' ? value : '', type);
          if (parsed.ok) editDefault(row.target, parsed.value);
          else showEditError(`${row.target}: ${parsed.message}`);
          return;
        }
        case 'onError':
          if (value === 'reject' || value === 'default') editOnError(row.target, value);
          return;
        case 'status': {
          const status = reviewStatusSchema.safeParse(value);
          if (status.success) editReview([row.target], { status: status.data });
          return;
        }
        case 'owner':
          editReview([row.target], { owner: typeof value === 'string' ? value : '' });
          return;
        case 'comment':
          editReview([row.target], { comment: typeof value === 'string' ? value : '' });
          return;
        default:
          return;
      }
    },
    [targetTypes],
  );

  const onCellFocused = useCallback((event: CellFocusedEvent<MappingRow>) => {
    if (event.rowIndex === null || event.rowPinned) return;
    const node = event.api.getDisplayedRowAtIndex(event.rowIndex);
    if (node?.data) focusColumn(node.data.target);
  }, []);

  const onSelectionChanged = useCallback((event: SelectionChangedEvent<MappingRow>) => {
    setSelectedColumns(event.api.getSelectedRows().map((row) => row.target));
  }, []);

  const isExternalFilterPresent = useCallback(() => filterRef.current !== 'all', []);
  const doesExternalFilterPass = useCallback(
    (node: IRowNode<MappingRow>) => (node.data ? passesFilter(node.data, filterRef.current) : true),
    [],
  );

  // The row the side panel edits is marked by its row-id, without redrawing the grid's rows.
  const focusStyle = focusedColumn
    ? `.mapping-grid .ag-row[row-id="${CSS.escape(focusedColumn)}"] { background-color: var(--accent-subtle); }`
    : '';

  return (
    <section className="mapping-grid" aria-label="Column mappings">
      {focusStyle ? <style>{focusStyle}</style> : null}
      <AgGridReact<MappingRow>
        ref={grid}
        theme={gridTheme}
        rowData={rows}
        columnDefs={columnDefs}
        defaultColDef={defaultColDef}
        getRowId={({ data }: GetRowIdParams<MappingRow>) => data.target}
        rowHeight={30}
        headerHeight={32}
        readOnlyEdit
        onCellEditRequest={onCellEditRequest}
        onCellFocused={onCellFocused}
        onSelectionChanged={onSelectionChanged}
        rowSelection={{
          mode: 'multiRow',
          checkboxes: true,
          headerCheckbox: true,
          enableClickSelection: false,
          selectAll: 'filtered',
        }}
        selectionColumnDef={{ pinned: 'left', width: 44 }}
        quickFilterText={search}
        isExternalFilterPresent={isExternalFilterPresent}
        doesExternalFilterPass={doesExternalFilterPass}
        tooltipShowDelay={400}
        stopEditingWhenCellsLoseFocus
        singleClickEdit={false}
        ensureDomOrder
        suppressColumnVirtualisation
        overlayNoRowsTemplate="No column matches the search or filter."
      />
    </section>
  );
}
