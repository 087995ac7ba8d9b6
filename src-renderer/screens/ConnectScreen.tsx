import { ConnectionForm } from '../components/ConnectionForm';
import { ConnectionList } from '../components/ConnectionList';
import { ScreenHeader } from '../components/ScreenHeader';
import { openNewConnection, useConnectionForm } from '../state/connection-form';

/** Step 1: the saved source and target databases, with the add/edit form beside them. */
export function ConnectScreen() {
  const formOpen = useConnectionForm((state) => state.open);
  return (
    <div className={formOpen ? 'screen screen-with-drawer' : 'screen'}>
      <div className="screen-main">
        <ScreenHeader step="connect" title="Connections">
          <button type="button" className="button-primary" onClick={() => openNewConnection()}>
            Add connection
          </button>
        </ScreenHeader>
        <div className="screen-content">
          <ConnectionList />
        </div>
      </div>
      {formOpen ? (
        <aside className="drawer">
          <ConnectionForm />
        </aside>
      ) : null}
    </div>
  );
}
