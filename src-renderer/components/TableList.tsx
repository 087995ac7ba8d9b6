import { useMemo } from 'react';
import { formatTableRef, type SchemaInfo } from '../../src-shared/schema-info';
import { formatRowCount } from '../lib/format';
import { matchesFilter } from '../lib/schema-view';
import { selectTable, setTableFilter, useSchema } from '../state/schema';

/** Tables and views of the inspected database with their row counts, and a filter box. */
export function TableList({ info }: { info: SchemaInfo }) {
  const filter = useSchema((state) => state.filter);
  const selected = useSchema((state) => state.selectedTable);
  const visible = useMemo(() => info.tables.filter((table) => matchesFilter(table, filter)), [info, filter]);
  const tables = visible.filter((table) => table.kind === 'table');
  const views = visible.filter((table) => table.kind === 'view');

  return (
    <nav className="table-list" aria-label="Tables and views">
      <div className="table-list-filter">
        <label htmlFor="table-filter" className="visually-hidden">
          Filter tables
        </label>
        <input
          id="table-filter"
          type="search"
          placeholder={`Filter ${info.tables.length} tables and views`}
          value={filter}
          onChange={(event) => setTableFilter(event.target.value)}
        />
      </div>
      <div className="table-list-scroll">
        {visible.length === 0 ? <p className="muted table-list-empty">No table matches “{filter}”.</p> : null}
        {[
          { title: 'Tables', items: tables },
          { title: 'Views', items: views },
        ].map(({ title, items }) =>
          items.length === 0 ? null : (
            <section key={title}>
              <h3 className="table-list-heading">
                {title} <span className="muted">{items.length}</span>
              </h3>
              <ul>
                {items.map((table) => {
                  const key = formatTableRef(table);
                  return (
                    <li key={key}>
                      <button
                        type="button"
                        className={key === selected ? 'table-item selected' : 'table-item'}
                        aria-current={key === selected ? 'true' : undefined}
                        aria-label={`${key} — ${formatRowCount(table.rowCount)} rows`}
                        onClick={() => selectTable(key)}
                      >
                        <span className={`table-icon table-icon-${table.kind}`} aria-hidden="true" />
                        <span className="table-item-name">{key}</span>
                        <span
                          className="table-item-count"
                          title={
                            table.rowCount && !table.rowCount.exact ? 'Estimated by the database catalogue' : 'Rows'
                          }
                        >
                          {formatRowCount(table.rowCount)}
                        </span>
                      </button>
                    </li>
                  );
                })}
              </ul>
            </section>
          ),
        )}
      </div>
    </nav>
  );
}
