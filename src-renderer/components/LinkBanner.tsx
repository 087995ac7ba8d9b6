import { useApp } from '../state/app';

/** Says loudly when the window can no longer reach Tally: nothing on screen works after that. */
export function LinkBanner() {
  const link = useApp((state) => state.link);
  const loadError = useApp((state) => state.loadError);
  if (link.state === 'lost') {
    return (
      <div className="banner banner-error" role="alert">
        <strong>Lost the connection to Tally…</strong>
        <span>{link.reason}</span>
        <button type="button" onClick={() => window.location.reload()}>
          Reload
        </button>
      </div>
    );
  }
  if (loadError) {
    return (
      <div className="banner banner-error" role="alert">
        <strong>Tally could not start this window.</strong>
        <span>{loadError.message}</span>
      </div>
    );
  }
  return null;
}
