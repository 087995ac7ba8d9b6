import { useState, type FormEvent } from 'react';
import { parsePortableType } from '../../../src-shared/mapping-document';
import { reviewStatusSchema, type TableMapping } from '../../../src-shared/plan';
import { formatTableRef } from '../../../src-shared/schema-info';
import { getTransform, transformNames } from '../../../src-shared/transforms/catalogue';
import { reviewStatusLabels, type RowFilter } from '../../lib/mapping-rows';
import { defaultParams } from '../../lib/param-fields';
import {
  addColumn,
  addTransform,
  autoMapTable,
  clearColumns,
  editReview,
  setFilter,
  setSearch,
  usePlanEditor,
} from '../../state/plan-editor';

const filters: readonly { value: RowFilter; label: string }[] = [
  { value: 'all', label: 'All columns' },
  { value: 'needs-decision', label: 'Needs a decision' },
  { value: 'draft', label: 'Draft' },
  { value: 'agreed', label: 'Agreed' },
  { value: 'problems', label: 'Type problems' },
];

function isRowFilter(value: string): value is RowFilter {
  return filters.some((filter) => filter.value === value);
}

/** The selected table's title line: where its rows come from and what Tally does with it. */
export function TableHeading({ table }: { table: TableMapping }) {
  const remapping = usePlanEditor((state) => state.remapping);
  const [adding, setAdding] = useState(false);
  const source = 'table' in table.source ? formatTableRef(table.source.table) : 'a query';
  return (
    <div className="map-table-heading">
      <h2>{formatTableRef(table.target)}</h2>
      <span className="muted">← {source}</span>
      {table.createIfMissing ? (
        <span className="badge badge-create" title="The table does not exist on the target: Tally creates it">
          created by Tally
        </span>
      ) : (
        <span className="badge badge-auto">exists on the target</span>
      )}
      <span className="muted">
        key {table.keyColumns.length > 0 ? table.keyColumns.join(', ') : '(none)'} · {table.writeMode} load
      </span>
      <span className="spacer" />
      {table.createIfMissing ? (
        <div className="menu">
          <button type="button" aria-expanded={adding} onClick={() => setAdding((open) => !open)}>
            Add target column
          </button>
          {adding ? <AddColumnForm onDone={() => setAdding(false)} /> : null}
        </div>
      ) : null}
      <button type="button" disabled={remapping} onClick={() => void autoMapTable()}>
        {remapping ? 'Auto-mapping…' : 'Auto-map this table'}
      </button>
    </div>
  );
}

function AddColumnForm({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState('');
  const [type, setType] = useState('text(100)');
  const [nullable, setNullable] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const onSubmit = (event: FormEvent<HTMLFormElement>): void => {
    event.preventDefault();
    const portable = parsePortableType(type);
    if (!portable) {
      setError('Write a portable type: text(100), integer(32), decimal(10,2), date, timestamptz, boolean…');
      return;
    }
    if (addColumn({ name, type: portable, nullable })) onDone();
  };
  return (
    <form className="menu-popup add-column" aria-label="Add target column" onSubmit={onSubmit}>
      <label htmlFor="new-column-name">Column name</label>
      <input id="new-column-name" value={name} autoFocus onChange={(event) => setName(event.target.value)} />
      <label htmlFor="new-column-type">Portable type</label>
      <input
        id="new-column-type"
        className="mono"
        value={type}
        aria-invalid={error ? true : undefined}
        onChange={(event) => {
          setType(event.target.value);
          setError(null);
        }}
      />
      <label className="checkbox-field">
        <input type="checkbox" checked={nullable} onChange={(event) => setNullable(event.target.checked)} />
        Allows null
      </label>
      {error ? <div className="field-error">{error}</div> : null}
      <div className="button-row">
        <span className="spacer" />
        <button type="button" className="button-ghost" onClick={onDone}>
          Cancel
        </button>
        <button type="submit" className="button-primary">
          Add column
        </button>
      </div>
    </form>
  );
}

/** Search and filter the grid's rows; bulk edits of the ticked rows. */
export function MappingToolbar() {
  const search = usePlanEditor((state) => state.search);
  const filter = usePlanEditor((state) => state.filter);
  const selected = usePlanEditor((state) => state.selectedColumns);
  const focused = usePlanEditor((state) => state.focusedColumn);
  const [owner, setOwner] = useState('');
  const targets = selected.length > 0 ? selected : focused ? [focused] : [];
  const none = selected.length === 0;

  return (
    <div className="map-toolbar" role="toolbar" aria-label="Mapping tools">
      <label htmlFor="column-search" className="visually-hidden">
        Search columns
      </label>
      <input
        id="column-search"
        type="search"
        className="toolbar-search"
        placeholder="Search columns, sources, transforms…"
        value={search}
        onChange={(event) => setSearch(event.target.value)}
      />
      <label htmlFor="column-filter" className="visually-hidden">
        Show
      </label>
      <select
        id="column-filter"
        className="toolbar-select"
        value={filter}
        onChange={(event) => {
          if (isRowFilter(event.target.value)) setFilter(event.target.value);
        }}
      >
        {filters.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <span className="toolbar-divider" />
      <span className="muted toolbar-count" aria-live="polite">
        {selected.length} selected
      </span>
      <label htmlFor="bulk-status" className="visually-hidden">
        Set review status of the selected rows
      </label>
      <select
        id="bulk-status"
        className="toolbar-select"
        value=""
        disabled={none}
        onChange={(event) => {
          const status = reviewStatusSchema.safeParse(event.target.value);
          if (status.success) editReview(selected, { status: status.data });
        }}
      >
        <option value="">Set status…</option>
        {reviewStatusSchema.options.map((status) => (
          <option key={status} value={status}>
            {reviewStatusLabels[status]}
          </option>
        ))}
      </select>
      <form
        className="input-with-button"
        onSubmit={(event) => {
          event.preventDefault();
          editReview(selected, { owner });
          setOwner('');
        }}
      >
        <label htmlFor="bulk-owner" className="visually-hidden">
          Owner of the selected rows
        </label>
        <input
          id="bulk-owner"
          className="toolbar-owner"
          placeholder="Owner"
          value={owner}
          disabled={none}
          onChange={(event) => setOwner(event.target.value)}
        />
        <button type="submit" disabled={none || owner.trim() === ''}>
          Set owner
        </button>
      </form>
      <label htmlFor="bulk-transform" className="visually-hidden">
        Add a transform to the selected rows
      </label>
      <select
        id="bulk-transform"
        className="toolbar-select"
        value=""
        disabled={none}
        onChange={(event) => {
          const definition = getTransform(event.target.value);
          if (definition) addTransform(selected, { name: definition.name, params: defaultParams(definition.params) });
        }}
      >
        <option value="">Add transform…</option>
        {transformNames.map((name) => (
          <option key={name} value={name}>
            {getTransform(name)?.label ?? name}
          </option>
        ))}
      </select>
      <button
        type="button"
        className="button-ghost button-ghost-danger"
        disabled={targets.length === 0}
        title="Clear the mapping: remove the sources, transforms and default of the selected rows (or of the row in focus)"
        onClick={() => clearColumns(targets)}
      >
        Clear
      </button>
    </div>
  );
}
