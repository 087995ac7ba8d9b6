/** The plans saved in the workspace, newest first. */
import { create } from 'zustand';
import type { MethodOutput } from '../../src-shared/contract';
import type { TallyErrorData } from '../../src-shared/errors';
import { api } from '../api/client';
import { asErrorData } from '../lib/errors';

export type PlanSummary = MethodOutput<'plan.list'>[number];

type PlansState = {
  list: readonly PlanSummary[];
  loaded: boolean;
  loadError: TallyErrorData | null;
};

export const usePlans = create<PlansState>()(() => ({ list: [], loaded: false, loadError: null }));

export function loadPlans(): void {
  api
    .call('plan.list', {})
    .then((list) => {
      const newestFirst = [...list].sort((a, b) => b.savedAt.localeCompare(a.savedAt));
      usePlans.setState({ list: newestFirst, loaded: true, loadError: null });
    })
    .catch((error: unknown) => usePlans.setState({ loaded: true, loadError: asErrorData(error) }));
}

// ---- History: every saved version of a plan, and the diff between two of them ----------------

export type PlanVersion = MethodOutput<'plan.history'>[number];
export type PlanChange = MethodOutput<'plan.diff'>['changes'][number];

export type VersionList =
  | { status: 'loading' }
  | { status: 'loaded'; versions: readonly PlanVersion[] }
  | { status: 'failed'; error: TallyErrorData };

export type VersionDiff =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'done'; changes: readonly PlanChange[] }
  | { status: 'failed'; error: TallyErrorData };

type PlanHistoryState = {
  /** The plan whose history is shown; null while the panel is closed. */
  planId: string | null;
  list: VersionList;
  /** The newer version of the comparison (the one selected in the list). */
  to: number | null;
  /** The older version; by default the one saved just before `to`. */
  from: number | null;
  diff: VersionDiff;
};

const historyClosed: PlanHistoryState = {
  planId: null,
  list: { status: 'loading' },
  to: null,
  from: null,
  diff: { status: 'idle' },
};

export const usePlanHistory = create<PlanHistoryState>()(() => historyClosed);

/** The version saved just before `version`, if any (versions are listed newest first). */
export function previousVersion(versions: readonly PlanVersion[], version: number): number | null {
  const older = versions.filter((candidate) => candidate.version < version).map((candidate) => candidate.version);
  return older.length === 0 ? null : Math.max(...older);
}

let diffRequest = 0;

function loadDiff(): void {
  const { planId, from, to } = usePlanHistory.getState();
  const request = ++diffRequest;
  if (!planId || from === null || to === null || from === to) {
    usePlanHistory.setState({ diff: { status: 'idle' } });
    return;
  }
  usePlanHistory.setState({ diff: { status: 'loading' } });
  api
    .call('plan.diff', { planId, from, to })
    .then(({ changes }) => {
      if (request === diffRequest) usePlanHistory.setState({ diff: { status: 'done', changes } });
    })
    .catch((error: unknown) => {
      if (request === diffRequest) usePlanHistory.setState({ diff: { status: 'failed', error: asErrorData(error) } });
    });
}

/** Opens the history of a saved plan: its versions, the newest selected and compared with the one before. */
export function openPlanHistory(planId: string): void {
  usePlanHistory.setState({ ...historyClosed, planId });
  api
    .call('plan.history', { planId })
    .then((versions) => {
      if (usePlanHistory.getState().planId !== planId) return;
      const newest = versions[0]?.version ?? null;
      usePlanHistory.setState({
        list: { status: 'loaded', versions },
        to: newest,
        from: newest === null ? null : previousVersion(versions, newest),
      });
      loadDiff();
    })
    .catch((error: unknown) => {
      if (usePlanHistory.getState().planId === planId)
        usePlanHistory.setState({ list: { status: 'failed', error: asErrorData(error) } });
    });
}

export function closePlanHistory(): void {
  diffRequest++;
  usePlanHistory.setState(historyClosed);
}

/** Selects a version: it is compared with the version saved before it. */
export function selectHistoryVersion(version: number): void {
  const { list } = usePlanHistory.getState();
  const versions = list.status === 'loaded' ? list.versions : [];
  usePlanHistory.setState({ to: version, from: previousVersion(versions, version) });
  loadDiff();
}

/** Compares the selected version with another one (older or newer) instead. */
export function compareHistoryWith(version: number | null): void {
  usePlanHistory.setState({ from: version });
  loadDiff();
}
