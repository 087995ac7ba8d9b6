/**
 * The Profile screen's state: which source is profiled, the job running in the worker (its
 * progress arrives as `profile.event`), the table profiles it returned, the alert thresholds the
 * user set, and what is selected. Profiles live here only: they are a view of the source.
 */
import { create } from 'zustand';
import type { TallyErrorData } from '../../src-shared/errors';
import {
  defaultProfileThresholds,
  type ProfileEvent,
  type ProfileStep,
  type ProfileThresholds,
  type TableProfile,
} from '../../src-shared/profile';
import { api } from '../api/client';
import { downloadText, fileNameOf } from '../lib/download';
import { asErrorData } from '../lib/errors';
import { useConnections } from './connections';

export type ProfileStatus = 'idle' | 'starting' | 'running' | 'done' | 'cancelled' | 'failed';

export type ProfileProgress = { table: string; tableIndex: number; step: ProfileStep };

type ProfileState = {
  connectionId: string | null;
  /** Profile every row, also of tables above the sampling threshold. */
  fullPass: boolean;
  jobId: string | null;
  status: ProfileStatus;
  /** The tables the running job profiles, in order (with `only`, just those). */
  jobTables: readonly string[];
  progress: ProfileProgress | null;
  /** Profiled tables, in the order the job reported them. */
  tables: readonly TableProfile[];
  profiledAt: string | null;
  error: TallyErrorData | null;
  thresholds: ProfileThresholds;
  selectedTable: string | null;
  selectedColumn: string | null;
  exportError: TallyErrorData | null;
};

const initial: ProfileState = {
  connectionId: null,
  fullPass: false,
  jobId: null,
  status: 'idle',
  jobTables: [],
  progress: null,
  tables: [],
  profiledAt: null,
  error: null,
  thresholds: defaultProfileThresholds,
  selectedTable: null,
  selectedColumn: null,
  exportError: null,
};

export const useProfile = create<ProfileState>()(() => initial);

/** Enough top values to see every spelling of a category (the value map suggestions need them). */
const topValues = 30;

// ---- Selectors ----------------------------------------------------------------------------

export function selectTableProfile(state: ProfileState): TableProfile | null {
  return state.tables.find((t) => t.table === state.selectedTable) ?? null;
}

export function selectRunning(state: ProfileState): boolean {
  return state.status === 'starting' || state.status === 'running';
}

// ---- Events -------------------------------------------------------------------------------

function replaceOrAppend(tables: readonly TableProfile[], profile: TableProfile): TableProfile[] {
  const at = tables.findIndex((t) => t.table === profile.table);
  if (at === -1) return [...tables, profile];
  const next = [...tables];
  next[at] = profile;
  return next;
}

function onProfileEvent(event: ProfileEvent): void {
  const state = useProfile.getState();
  if (event.jobId !== state.jobId) return;
  switch (event.type) {
    case 'started':
      useProfile.setState({ status: 'running', jobTables: event.tables });
      return;
    case 'progress':
      useProfile.setState({
        progress: { table: event.table, tableIndex: event.tableIndex, step: event.step },
      });
      return;
    case 'table':
      // The job was started with the thresholds of the moment; its alerts already follow them.
      useProfile.setState((current) => ({
        tables: replaceOrAppend(current.tables, event.profile),
        selectedTable: current.selectedTable ?? event.profile.table,
      }));
      return;
    case 'done':
      useProfile.setState({ status: 'done', progress: null, profiledAt: event.profiledAt, jobId: null });
      return;
    case 'cancelled':
      useProfile.setState({ status: 'cancelled', progress: null, jobId: null });
      return;
    case 'failed':
      useProfile.setState({ status: 'failed', progress: null, error: event.error, jobId: null });
      return;
  }
}

let subscribed = false;

function subscribe(): void {
  if (subscribed) return;
  subscribed = true;
  api.on('profile.event', onProfileEvent);
}

// ---- Actions ------------------------------------------------------------------------------

export function chooseProfileSource(connectionId: string | null): void {
  if (selectRunning(useProfile.getState())) return;
  useProfile.setState({ ...initial, connectionId, thresholds: useProfile.getState().thresholds });
}

export function setFullPass(fullPass: boolean): void {
  useProfile.setState({ fullPass });
}

/**
 * Starts a profile job: every table of the chosen source, or (`only`) the named ones, whose new
 * profiles replace the old ones — the "full pass" of a sampled table.
 */
export async function startProfile(only?: { tables: readonly string[]; full: boolean }): Promise<void> {
  const state = useProfile.getState();
  if (!state.connectionId || selectRunning(state)) return;
  subscribe();
  useProfile.setState({
    status: 'starting',
    error: null,
    progress: null,
    jobTables: only ? only.tables : [],
    ...(only ? {} : { tables: [], profiledAt: null, selectedTable: null, selectedColumn: null }),
  });
  try {
    const { jobId } = await api.call('profile.start', {
      target: { connectionId: state.connectionId },
      ...(only ? { tables: [...only.tables] } : {}),
      options: {
        topN: topValues,
        full: only ? only.full : state.fullPass,
        thresholds: state.thresholds,
      },
    });
    // The answer arrives before the forked worker's first event, on the same ordered channel.
    if (useProfile.getState().status === 'starting') useProfile.setState({ jobId, status: 'running' });
  } catch (error: unknown) {
    useProfile.setState({ status: 'failed', error: asErrorData(error) });
  }
}

export function cancelProfile(): void {
  const { jobId } = useProfile.getState();
  if (!jobId) return;
  api.call('profile.cancel', { jobId }).catch((error: unknown) => {
    useProfile.setState({ error: asErrorData(error) });
  });
}

export function selectProfileTable(table: string): void {
  useProfile.setState({ selectedTable: table, selectedColumn: null });
}

export function selectProfileColumn(column: string | null): void {
  useProfile.setState({ selectedColumn: column });
}

let recomputing = 0;

/** The alerts again, at the current thresholds (the server's alert rules; no database is read). */
async function recomputeAlerts(tables: readonly TableProfile[]): Promise<void> {
  const ticket = ++recomputing;
  const { thresholds } = useProfile.getState();
  try {
    const updated = await Promise.all(
      tables.map(async (profile) => ({
        table: profile.table,
        alerts: await api.call('profile.alerts', { profile, thresholds }),
      })),
    );
    if (ticket !== recomputing) return;
    useProfile.setState((current) => ({
      tables: current.tables.map((t) => {
        const found = updated.find((u) => u.table === t.table);
        return found ? { ...t, alerts: found.alerts } : t;
      }),
    }));
  } catch (error: unknown) {
    useProfile.setState({ error: asErrorData(error) });
  }
}

export function setThreshold(key: keyof ProfileThresholds, value: number): void {
  if (!Number.isFinite(value)) return;
  useProfile.setState((current) => ({ thresholds: { ...current.thresholds, [key]: value } }));
  void recomputeAlerts(useProfile.getState().tables);
}

export function resetThresholds(): void {
  useProfile.setState({ thresholds: defaultProfileThresholds });
  void recomputeAlerts(useProfile.getState().tables);
}

function sourceLabel(): { name: string; source: string } {
  const { connectionId } = useProfile.getState();
  const connection = useConnections.getState().list.find((c) => c.id === connectionId);
  return connection
    ? { name: connection.name, source: `${connection.name} (${connection.url})` }
    : { name: 'profile', source: 'source database' };
}

export async function exportProfileHtml(): Promise<void> {
  const { tables, profiledAt } = useProfile.getState();
  const { name, source } = sourceLabel();
  try {
    const { html } = await api.call('profile.report', {
      source,
      profiledAt: profiledAt ?? new Date().toISOString(),
      tables: [...tables],
    });
    downloadText(`${fileNameOf(name)}-profile.html`, html, 'text/html');
    useProfile.setState({ exportError: null });
  } catch (error: unknown) {
    useProfile.setState({ exportError: asErrorData(error) });
  }
}

export function exportProfileJson(): void {
  const { tables, profiledAt } = useProfile.getState();
  const { name } = sourceLabel();
  const document = { tables, profiledAt: profiledAt ?? new Date().toISOString() };
  downloadText(`${fileNameOf(name)}-profile.json`, `${JSON.stringify(document, null, 2)}\n`, 'application/json');
}
