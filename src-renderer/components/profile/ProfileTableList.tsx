import type { TableProfile } from '../../../src-shared/profile';
import { formatInteger } from '../../lib/format';
import { selectProfileTable } from '../../state/profile';

/** The profiled tables with their row counts and alert counts (errors in red). */
export function ProfileTableList({
  tables,
  pending,
  selected,
}: {
  tables: readonly TableProfile[];
  /** Tables the running job has still to report. */
  pending: readonly string[];
  selected: string | null;
}) {
  return (
    <nav className="table-list" aria-label="Profiled tables">
      <div className="table-list-scroll">
        <h3 className="table-list-heading">
          Tables <span className="muted">{tables.length}</span>
        </h3>
        <ul>
          {tables.map((table) => {
            const errors = table.alerts.filter((a) => a.severity === 'error').length;
            const count = table.alerts.length;
            return (
              <li key={table.table}>
                <button
                  type="button"
                  className={table.table === selected ? 'table-item selected' : 'table-item'}
                  aria-current={table.table === selected ? 'true' : undefined}
                  aria-label={`${table.table} — ${count} alerts`}
                  onClick={() => selectProfileTable(table.table)}
                >
                  <span className="table-icon" aria-hidden="true" />
                  <span className="table-item-name">{table.table}</span>
                  {table.sampled ? (
                    <span className="badge badge-sampled" title={`Profiled on a sample: ${table.sampled.method}`}>
                      sample
                    </span>
                  ) : null}
                  <span className="table-item-count" title="Rows">
                    {table.rowCountExact ? '' : '≈ '}
                    {formatInteger(table.rowCount)}
                  </span>
                  <span
                    className={`alert-count${errors > 0 ? ' alert-count-error' : count > 0 ? ' alert-count-warn' : ''}`}
                    title={`${count} alerts${errors > 0 ? `, ${errors} errors` : ''}`}
                  >
                    {count}
                  </span>
                </button>
              </li>
            );
          })}
          {pending.map((name) => (
            <li key={`pending-${name}`}>
              <span className="table-item table-item-pending">
                <span className="table-icon" aria-hidden="true" />
                <span className="table-item-name">{name}</span>
                <span className="muted">waiting</span>
              </span>
            </li>
          ))}
        </ul>
      </div>
    </nav>
  );
}
