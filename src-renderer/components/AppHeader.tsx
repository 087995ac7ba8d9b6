import { useApp } from '../state/app';

const hostLabels = {
  electron: 'Desktop app',
  web: 'Web host (127.0.0.1)',
  cli: 'Command line',
  test: 'Test host',
} as const;

/** Product name, the open workspace and the host serving the API. */
export function AppHeader() {
  const info = useApp((state) => state.info);
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand-mark" aria-hidden="true">
          T
        </span>
        <span className="brand-name">Tally</span>
        {info ? <span className="brand-version">v{info.version}</span> : null}
      </div>
      <div className="header-facts">
        <span className="header-fact" title={info?.workspacePath}>
          <span className="muted">Workspace</span>{' '}
          <span className="mono" data-testid="workspace-path">
            {info?.workspacePath ?? '…'}
          </span>
        </span>
        <span className="header-fact">
          <span className="muted">Host</span> <span>{info ? hostLabels[info.host] : '…'}</span>
        </span>
      </div>
    </header>
  );
}
