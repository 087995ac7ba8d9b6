/** What the whole window needs: the host's identity, the dialects, and whether Tally is reachable. */
import { create } from 'zustand';
import type { MethodOutput } from '../../src-shared/contract';
import type { DialectInfo } from '../../src-shared/connection';
import type { TallyErrorData } from '../../src-shared/errors';
import { api } from '../api/client';
import { getLinkStatus, onLinkStatus, type LinkStatus } from '../api/link-status';
import { asErrorData } from '../lib/errors';

export type AppInfo = MethodOutput<'app.info'>;

type AppState = {
  info: AppInfo | null;
  dialects: readonly DialectInfo[];
  link: LinkStatus;
  loadError: TallyErrorData | null;
};

export const useApp = create<AppState>()(() => ({
  info: null,
  dialects: [],
  link: getLinkStatus(),
  loadError: null,
}));

let started = false;

/** Loads what every screen needs once per window; later calls do nothing. */
export function startApp(): void {
  if (started) return;
  started = true;
  onLinkStatus((link) => useApp.setState({ link }));
  useApp.setState({ link: getLinkStatus() });
  Promise.all([api.call('app.info', {}), api.call('dialects.list', {})])
    .then(([info, dialects]) => useApp.setState({ info, dialects }))
    .catch((error: unknown) => useApp.setState({ loadError: asErrorData(error) }));
}
