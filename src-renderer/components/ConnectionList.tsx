import type { SavedConnection } from '../../src-shared/connection';
import { useApp } from '../state/app';
import { openEditConnection, openNewConnection } from '../state/connection-form';
import { askToDelete, deleteConnection, testSavedConnection, useConnections } from '../state/connections';
import { goTo } from '../state/navigation';
import { forgetConnection, showSchemaOf } from '../state/schema';
import { ErrorNotice } from './ErrorNotice';
import { TestResult } from './TestResult';

/** The saved connections of the workspace, one row each with its actions and last test result. */
export function ConnectionList() {
  const list = useConnections((state) => state.list);
  const loaded = useConnections((state) => state.loaded);
  const loadError = useConnections((state) => state.loadError);
  const demoDatabasePath = useApp((state) => state.info?.demoDatabasePath ?? null);

  if (loadError) return <ErrorNotice error={loadError} />;
  if (!loaded) return <div className="empty-state">Loading saved connections…</div>;
  if (list.length === 0) {
    return (
      <div className="empty-state">
        <p>
          <strong>No connections yet.</strong>
        </p>
        <p>Add the database you migrate from (the source) and the one you migrate to (the target).</p>
        {demoDatabasePath ? (
          <p>
            <button
              type="button"
              onClick={() =>
                openNewConnection({ name: 'Demo shop', role: 'source', dialect: 'sqlite', file: demoDatabasePath })
              }
            >
              Use the demo database
            </button>
          </p>
        ) : null}
      </div>
    );
  }
  return (
    <ul className="connection-list" aria-label="Saved connections">
      {list.map((connection) => (
        <ConnectionRow key={connection.id} connection={connection} />
      ))}
    </ul>
  );
}

function ConnectionRow({ connection }: { connection: SavedConnection }) {
  const test = useConnections((state) => state.tests[connection.id]);
  const confirming = useConnections((state) => state.confirmingDelete === connection.id);
  const deleteError = useConnections((state) => (state.confirmingDelete === connection.id ? state.deleteError : null));
  const dialectLabel = useApp(
    (state) =>
      state.dialects.find((dialect) => dialect.name === connection.spec.dialect)?.label ?? connection.spec.dialect,
  );

  const browse = (): void => {
    showSchemaOf(connection.id);
    goTo('inspect');
  };
  const remove = async (): Promise<void> => {
    await deleteConnection(connection.id);
    forgetConnection(connection.id);
  };

  return (
    <li className="connection-card" aria-label={connection.name}>
      <div className="connection-main">
        <div className="connection-facts">
          <div className="connection-title">
            <span className="connection-name">{connection.name}</span>
            <span className={`role role-${connection.role}`}>{connection.role}</span>
            <span className="connection-dialect">{dialectLabel}</span>
            {connection.hasStoredSecret ? (
              <span className="pill" title="A password for this connection is kept in the secret store">
                stored password
              </span>
            ) : null}
          </div>
          <div className="mono muted connection-url" title={connection.url}>
            {connection.url}
          </div>
        </div>
        {confirming ? (
          <div className="button-row connection-actions">
            <span className="confirm-text">Delete “{connection.name}”?</span>
            <button type="button" className="button-danger" onClick={() => void remove()}>
              Confirm delete
            </button>
            <button type="button" className="button-ghost" onClick={() => askToDelete(null)}>
              Keep
            </button>
          </div>
        ) : (
          <div className="button-row connection-actions">
            <button
              type="button"
              onClick={() => void testSavedConnection(connection.id)}
              disabled={test?.status === 'running'}
            >
              Test connection
            </button>
            <button type="button" onClick={browse}>
              Browse schema
            </button>
            <button type="button" className="button-ghost" onClick={() => openEditConnection(connection)}>
              Edit
            </button>
            <button
              type="button"
              className="button-ghost button-ghost-danger"
              onClick={() => askToDelete(connection.id)}
            >
              Delete
            </button>
          </div>
        )}
      </div>
      {deleteError ? <ErrorNotice error={deleteError} compact /> : null}
      {test ? <TestResult test={test} role={connection.role} /> : null}
    </li>
  );
}
