import { useApp } from '../state/app';
import { useConnections } from '../state/connections';
import { useSchema } from '../state/schema';

function LinkState() {
  const link = useApp((state) => state.link);
  switch (link.state) {
    case 'connecting':
      return <span className="status-item">● Connecting to Tally…</span>;
    case 'open':
      return (
        <span className="status-item status-ok">
          ● {link.via === 'electron' ? 'Connected' : 'Connected to the web host'}
        </span>
      );
    case 'lost':
      return <span className="status-item status-bad">● Disconnected</span>;
  }
}

/** The footer: link state, where secrets go, and what is loaded. */
export function StatusBar() {
  const secretStore = useApp((state) => state.info?.secretStore);
  const connectionCount = useConnections((state) => state.list.length);
  const inspecting = useSchema((state) => state.inspection.status === 'loading');
  return (
    <footer className="status-bar">
      <LinkState />
      <span className="status-item">
        {connectionCount} saved connection{connectionCount === 1 ? '' : 's'}
      </span>
      {inspecting ? <span className="status-item">Inspecting…</span> : null}
      <span className="spacer" />
      {secretStore ? (
        <span className="status-item" title="Where passwords you save are kept">
          Passwords: {secretStore === 'keychain' ? 'OS keychain' : 'memory only (this session)'}
        </span>
      ) : null}
    </footer>
  );
}
