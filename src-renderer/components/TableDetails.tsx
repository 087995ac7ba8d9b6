import type { ReactNode } from 'react';
import { formatTableRef, type SchemaInfo, type TableInfo } from '../../src-shared/schema-info';
import { formatRowCount } from '../lib/format';
import { referencedTables, referencingTables, type Neighbour } from '../lib/schema-view';
import { selectTable, setTableFilter } from '../state/schema';
import { ColumnsGrid } from './ColumnsGrid';

/** One table: its columns grid, keys, indexes and foreign-key neighbours. */
export function TableDetails({ info, table }: { info: SchemaInfo; table: TableInfo }) {
  const name = formatTableRef(table);
  return (
    <article className="table-details" aria-label={`Table ${name}`}>
      <header className="table-details-header">
        <h2>
          <span className={`kind-label kind-${table.kind}`}>{table.kind}</span> {name}
        </h2>
        <div className="table-stats">
          <span>
            <span className="muted">Rows</span>{' '}
            <strong data-testid="row-count">{formatRowCount(table.rowCount)}</strong>
            {table.rowCount && !table.rowCount.exact ? <span className="muted"> (estimate)</span> : null}
          </span>
          <span>
            <span className="muted">Columns</span> <strong>{table.columns.length}</strong>
          </span>
        </div>
      </header>
      <ColumnsGrid table={table} />
      <div className="facts">
        <Fact title="Primary key">
          {table.primaryKey ? (
            <KeyLine name={table.primaryKey.name} columns={table.primaryKey.columns} />
          ) : (
            <span className="muted">none{table.kind === 'table' ? ' — rows cannot be told apart by a key' : ''}</span>
          )}
        </Fact>
        <Fact title="Unique constraints">
          {table.uniqueConstraints.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul>
              {table.uniqueConstraints.map((constraint, index) => (
                <li key={constraint.name ?? index}>
                  <KeyLine name={constraint.name} columns={constraint.columns} />
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact title="Indexes">
          {table.indexes.length === 0 ? (
            <span className="muted">none</span>
          ) : (
            <ul>
              {table.indexes.map((index) => (
                <li key={index.name}>
                  <KeyLine name={index.name} columns={index.columns} />
                  {index.unique ? <span className="badge badge-unique">unique</span> : null}
                </li>
              ))}
            </ul>
          )}
        </Fact>
        <Fact title="References">
          <NeighbourList neighbours={referencedTables(info, table)} arrow="→" empty="references no table" />
        </Fact>
        <Fact title="Referenced by">
          <NeighbourList neighbours={referencingTables(info, table)} arrow="←" empty="no table references it" />
        </Fact>
      </div>
    </article>
  );
}

function Fact({ title, children }: { title: string; children: ReactNode }) {
  return (
    <section className="fact" aria-label={title}>
      <h3>{title}</h3>
      {children}
    </section>
  );
}

function KeyLine({ name, columns }: { name: string | null; columns: readonly string[] }) {
  return (
    <span className="key-line">
      <span className="mono">({columns.join(', ')})</span>
      {name ? <span className="muted"> {name}</span> : null}
    </span>
  );
}

function NeighbourList({ neighbours, arrow, empty }: { neighbours: Neighbour[]; arrow: string; empty: string }) {
  if (neighbours.length === 0) return <span className="muted">{empty}</span>;
  return (
    <ul>
      {neighbours.map((neighbour, index) => (
        <li key={`${neighbour.key}-${index}`}>
          <span className="muted">{arrow} </span>
          {neighbour.present ? (
            <button
              type="button"
              className="link-button"
              onClick={() => {
                setTableFilter('');
                selectTable(neighbour.key);
              }}
            >
              {neighbour.label}
            </button>
          ) : (
            <span title="Not in the inspected schemas">{neighbour.label}</span>
          )}
          <span className="mono muted"> {neighbour.via}</span>
        </li>
      ))}
    </ul>
  );
}
