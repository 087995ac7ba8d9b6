import { useEffect, useMemo } from 'react';
import { formatTableRef } from '../../src-shared/schema-info';
import { ErrorNotice } from '../components/ErrorNotice';
import { ScreenHeader } from '../components/ScreenHeader';
import { TableDetails } from '../components/TableDetails';
import { TableList } from '../components/TableList';
import { formatInteger } from '../lib/format';
import { useConnections } from '../state/connections';
import { goTo } from '../state/navigation';
import { cancelInspection, inspectConnection, showSchemaOf, useSchema } from '../state/schema';

/** Step 2: the schema browser of one saved connection. */
export function InspectScreen() {
  const connections = useConnections((state) => state.list);
  const connectionId = useSchema((state) => state.connectionId);
  const status = useSchema((state) => state.inspection.status);

  // With one connection only, there is nothing to choose: inspect it straight away.
  const only = connections.length === 1 ? connections[0] : undefined;
  useEffect(() => {
    if (connectionId === null && only) showSchemaOf(only.id);
  }, [connectionId, only]);

  return (
    <div className="screen">
      <div className="screen-main">
        <ScreenHeader step="inspect" title="Inspect">
          <label htmlFor="inspect-connection" className="inline-label">
            Connection
          </label>
          <select
            id="inspect-connection"
            value={connectionId ?? ''}
            onChange={(event) => {
              if (event.target.value) inspectConnection(event.target.value);
            }}
          >
            <option value="" disabled>
              {connections.length === 0 ? 'No saved connections' : 'Choose a connection…'}
            </option>
            {connections.map((connection) => (
              <option key={connection.id} value={connection.id}>
                {connection.name} ({connection.role})
              </option>
            ))}
          </select>
          {status === 'loading' ? (
            <button type="button" onClick={cancelInspection}>
              Cancel
            </button>
          ) : (
            <button
              type="button"
              disabled={connectionId === null}
              onClick={() => {
                if (connectionId) inspectConnection(connectionId);
              }}
            >
              {status === 'loaded' ? 'Refresh' : 'Inspect'}
            </button>
          )}
        </ScreenHeader>
        <InspectBody hasConnections={connections.length > 0} />
      </div>
    </div>
  );
}

function InspectBody({ hasConnections }: { hasConnections: boolean }) {
  const inspection = useSchema((state) => state.inspection);
  const selected = useSchema((state) => state.selectedTable);
  const info = inspection.status === 'loaded' ? inspection.info : null;
  const table = useMemo(
    () => (info && selected ? info.tables.find((candidate) => formatTableRef(candidate) === selected) : undefined),
    [info, selected],
  );

  switch (inspection.status) {
    case 'idle':
      return (
        <div className="screen-content">
          <div className="empty-state">
            {hasConnections ? (
              <p>Choose a connection above to see its tables, columns, keys and row counts.</p>
            ) : (
              <>
                <p>There is no saved connection to inspect yet.</p>
                <button type="button" onClick={() => goTo('connect')}>
                  Go to Connect
                </button>
              </>
            )}
          </div>
        </div>
      );
    case 'loading':
      return (
        <div className="screen-content">
          <div className="notice notice-progress" role="status">
            <span className="spinner" aria-hidden="true" /> Inspecting the database: tables, columns, keys and row
            counts…
          </div>
        </div>
      );
    case 'failed':
      return (
        <div className="screen-content">
          <ErrorNotice error={inspection.error} />
        </div>
      );
    case 'loaded': {
      const { info: loaded } = inspection;
      const tableCount = loaded.tables.filter((candidate) => candidate.kind === 'table').length;
      const viewCount = loaded.tables.length - tableCount;
      return (
        <>
          <div className="schema-meta" role="group" aria-label="Database">
            <span>
              <span className="muted">Database</span> <strong>{loaded.database}</strong>
            </span>
            <span>
              <span className="muted">Server</span> <strong>{loaded.serverVersion}</strong>
            </span>
            <span>
              <span className="muted">Schemas</span> {loaded.schemas.join(', ')}
            </span>
            <span>
              {formatInteger(tableCount)} tables, {formatInteger(viewCount)} views
            </span>
            <span className="muted">inspected {new Date(loaded.inspectedAt).toLocaleTimeString()}</span>
          </div>
          <div className="schema-browser">
            <TableList info={loaded} />
            <div className="schema-detail">
              {table ? (
                <TableDetails info={loaded} table={table} />
              ) : (
                <div className="empty-state">
                  {loaded.tables.length === 0 ? 'This database has no tables or views.' : 'Choose a table on the left.'}
                </div>
              )}
            </div>
          </div>
        </>
      );
    }
  }
}
