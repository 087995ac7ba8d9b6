/**
 * The Run screen's state: the plan chosen to run and the options, the runs this window follows
 * live through `run.event`, the workspace's run history, and the rejects being browsed.
 */
import { create } from 'zustand';
import type { MethodInput } from '../../src-shared/contract';
import type { TallyErrorData } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import type { RejectInfo, RunEvent, RunSummaryInfo } from '../../src-shared/run';
import { formatTableRef } from '../../src-shared/schema-info';
import { api } from '../api/client';
import { applyRunEvent, isActive, type LiveRun, type RunStatus } from '../components/run/run-model';
import { asErrorData } from '../lib/errors';

export type RunMode = 'plan' | 'full' | 'upsert';

export type PlanLoad =
  | { status: 'idle' }
  | { status: 'loading'; planId: string }
  | { status: 'loaded'; planId: string; version: number; plan: Plan }
  | { status: 'failed'; planId: string; error: TallyErrorData };

export type RunHistory =
  | { status: 'loading' }
  | { status: 'loaded'; runs: readonly RunSummaryInfo[] }
  | { status: 'failed'; error: TallyErrorData };

export type RejectsView =
  | { status: 'closed' }
  | { status: 'loading'; runId: string; tableId: string; offset: number }
  | { status: 'loaded'; runId: string; tableId: string; rows: RejectInfo[]; offset: number }
  | { status: 'failed'; runId: string; tableId: string; error: TallyErrorData };

type StartKind = 'run' | 'dry-run';

type RunState = {
  planId: string | null;
  planLoad: PlanLoad;
  mode: RunMode;
  /** Rows per batch; null lets the engine size batches by row width. */
  batchRows: number | null;
  /** Start anew even when an unfinished run of the plan could be resumed. */
  fresh: boolean;
  starting: StartKind | null;
  startError: TallyErrorData | null;
  /** Runs this window saw events of, by id. */
  live: Readonly<Record<string, LiveRun>>;
  /** The plans of the runs this window started, to name their tables before the history knows them. */
  runPlans: Readonly<Record<string, Plan>>;
  /** Runs this window started as dry runs (the history does not say which runs were rehearsals). */
  dryRunIds: readonly string[];
  /** A pause, resume or cancel waiting for its answer. */
  steering: { runId: string; action: 'pause' | 'resume' | 'cancel' } | null;
  steerError: TallyErrorData | null;
  history: RunHistory;
  selectedRunId: string | null;
  rejects: RejectsView;
  selectedRejectId: number | null;
};

export const useRun = create<RunState>()(() => ({
  planId: null,
  planLoad: { status: 'idle' },
  mode: 'plan',
  batchRows: null,
  fresh: false,
  starting: null,
  startError: null,
  live: {},
  runPlans: {},
  dryRunIds: [],
  steering: null,
  steerError: null,
  history: { status: 'loading' },
  selectedRunId: null,
  rejects: { status: 'closed' },
  selectedRejectId: null,
}));

// ---- Events --------------------------------------------------------------------------------

/** A run sends an event per batch (and one per rejected row): they are applied in bursts, not one render each. */
const flushDelayMs = 80;
let queued: RunEvent[] = [];
let flushTimer: ReturnType<typeof setTimeout> | null = null;
let subscribed = false;

function flushEvents(): void {
  flushTimer = null;
  const events = queued;
  queued = [];
  let finished = false;
  useRun.setState((state) => {
    const live: Record<string, LiveRun> = { ...state.live };
    for (const event of events) {
      if (event.runId === null) continue;
      const next = applyRunEvent(live[event.runId], event);
      if (next) live[event.runId] = next;
      if (event.type === 'done' || event.type === 'failed' || event.type === 'started') finished = true;
    }
    return { live };
  });
  // A run started or ended: the history's statuses and totals changed.
  if (finished) loadRunHistory();
}

function onRunEvent(event: RunEvent): void {
  queued.push(event);
  flushTimer ??= setTimeout(flushEvents, flushDelayMs);
}

/** Subscribes to the runs' events (once per window) and loads what the screen needs. */
export function openRunScreen(): void {
  if (!subscribed) {
    subscribed = true;
    api.on('run.event', onRunEvent);
  }
  loadRunHistory();
}

// ---- The plan to run -------------------------------------------------------------------------

export function choosePlan(planId: string): void {
  useRun.setState({ planId, planLoad: { status: 'loading', planId }, startError: null });
  api
    .call('plan.get', { planId })
    .then(({ plan, version }) => {
      if (useRun.getState().planId === planId)
        useRun.setState({ planLoad: { status: 'loaded', planId, version, plan } });
    })
    .catch((error: unknown) => {
      if (useRun.getState().planId === planId)
        useRun.setState({ planLoad: { status: 'failed', planId, error: asErrorData(error) } });
    });
}

export function setRunMode(mode: RunMode): void {
  useRun.setState({ mode });
}

export function setBatchRows(batchRows: number | null): void {
  useRun.setState({ batchRows });
}

export function setFresh(fresh: boolean): void {
  useRun.setState({ fresh });
}

/** Starts the chosen plan (or rehearses it); the run is followed live and selected. */
export async function startRun(kind: StartKind): Promise<void> {
  const state = useRun.getState();
  if (state.planLoad.status !== 'loaded' || state.starting) return;
  const { plan } = state.planLoad;
  const input: MethodInput<'run.start'> = {
    plan,
    ...(kind === 'dry-run' ? { dryRun: true } : {}),
    ...(state.mode === 'plan' ? {} : { mode: state.mode }),
    ...(state.fresh ? { fresh: true } : {}),
    ...(state.batchRows === null ? {} : { batchRows: state.batchRows }),
  };
  useRun.setState({ starting: kind, startError: null, steerError: null });
  try {
    const { runId } = await api.call('run.start', input);
    useRun.setState((current) => ({
      starting: null,
      selectedRunId: runId,
      rejects: { status: 'closed' },
      runPlans: { ...current.runPlans, [runId]: plan },
      dryRunIds: kind === 'dry-run' ? [...current.dryRunIds, runId] : current.dryRunIds,
    }));
    loadRunHistory();
  } catch (error: unknown) {
    useRun.setState({ starting: null, startError: asErrorData(error) });
  }
}

// ---- Pause, resume, cancel -----------------------------------------------------------------

function setLiveStatus(runId: string, status: RunStatus): void {
  useRun.setState((state) => {
    const run = state.live[runId];
    // An answer that arrives after the run ended must not bring it back to life.
    if (!run || !isActive(run.status)) return {};
    return { live: { ...state.live, [runId]: { ...run, status } } };
  });
}

const notHere: TallyErrorData = {
  code: 'not-found',
  message: 'This run is not running in this Tally host any more, so it cannot be steered from here.',
};

async function steer(runId: string, action: 'pause' | 'resume' | 'cancel'): Promise<boolean> {
  useRun.setState({ steering: { runId, action }, steerError: null });
  try {
    const method = action === 'pause' ? 'run.pause' : action === 'resume' ? 'run.resume' : 'run.cancel';
    const { ok } = await api.call(method, { runId });
    useRun.setState({ steering: null, steerError: ok ? null : notHere });
    return ok;
  } catch (error: unknown) {
    useRun.setState({ steering: null, steerError: asErrorData(error) });
    return false;
  }
}

/** The worker stops at its next batch boundary. */
export async function pauseRun(runId: string): Promise<void> {
  if (await steer(runId, 'pause')) setLiveStatus(runId, 'paused');
}

export async function resumeRun(runId: string): Promise<void> {
  if (await steer(runId, 'resume')) setLiveStatus(runId, 'running');
}

/** What was committed stays; the run reports `done` with the status `cancelled`. */
export async function cancelRun(runId: string): Promise<void> {
  await steer(runId, 'cancel');
}

// ---- History and rejects -------------------------------------------------------------------

let historyRequest = 0;

export function loadRunHistory(): void {
  const request = ++historyRequest;
  api
    .call('run.list', {})
    .then((runs) => {
      if (request !== historyRequest) return;
      const { selectedRunId } = useRun.getState();
      useRun.setState({
        history: { status: 'loaded', runs },
        // With nothing chosen yet, the newest run is shown.
        selectedRunId: selectedRunId ?? runs[0]?.runId ?? null,
      });
    })
    .catch((error: unknown) => {
      if (request === historyRequest) useRun.setState({ history: { status: 'failed', error: asErrorData(error) } });
    });
}

export function selectRun(runId: string): void {
  if (useRun.getState().selectedRunId === runId) return;
  useRun.setState({ selectedRunId: runId, rejects: { status: 'closed' }, selectedRejectId: null, steerError: null });
}

/** How many rejected rows the drill-down fetches at most. */
export const rejectsLimit = 1000;

let rejectsRequest = 0;

/** Shows a page of a table's quarantine: `rejectsLimit` rows from `offset`. */
export function showRejects(runId: string, tableId: string, offset = 0): void {
  const request = ++rejectsRequest;
  useRun.setState({ rejects: { status: 'loading', runId, tableId, offset }, selectedRejectId: null });
  api
    .call('run.rejects', { runId, tableId, limit: rejectsLimit, offset })
    .then((rows) => {
      if (request === rejectsRequest) useRun.setState({ rejects: { status: 'loaded', runId, tableId, rows, offset } });
    })
    .catch((error: unknown) => {
      if (request === rejectsRequest)
        useRun.setState({ rejects: { status: 'failed', runId, tableId, error: asErrorData(error) } });
    });
}

/** A table's whole quarantine as CSV text, for a download. */
export async function rejectsCsv(runId: string, tableId: string): Promise<string> {
  return (await api.call('run.rejectsCsv', { runId, tableId })).csv;
}

export type ReplayOutcome = { replayed: number; loaded: number; stillRejected: number; reasons: string[] };

/**
 * Runs a table's quarantine through the chosen plan's saved version again (its mapping fixed
 * since the run): rows that now load leave the quarantine and count as written.
 */
export async function replayRejects(runId: string, tableId: string): Promise<ReplayOutcome> {
  const { planLoad } = useRun.getState();
  if (planLoad.status !== 'loaded') throw new Error('Choose the plan to replay with first.');
  const outcome = await api.call('run.replayRejects', { runId, tableId, plan: planLoad.plan });
  showRejects(runId, tableId);
  loadRunHistory();
  return outcome;
}

export function closeRejects(): void {
  rejectsRequest++;
  useRun.setState({ rejects: { status: 'closed' }, selectedRejectId: null });
}

export function selectReject(id: number | null): void {
  useRun.setState({ selectedRejectId: id });
}

// ---- Selectors -----------------------------------------------------------------------------

/** A table's source and target names from a plan this window knows, else its id. */
export function tableNamesFrom(plan: Plan | undefined): (tableId: string) => { source: string; target: string } {
  return (tableId) => {
    const table = plan?.tables.find((candidate) => candidate.id === tableId);
    if (!table) return { source: tableId, target: tableId };
    const source = 'table' in table.source ? formatTableRef(table.source.table) : '(query)';
    return { source, target: formatTableRef(table.target) };
  };
}

export function selectSelectedSummary(state: RunState): RunSummaryInfo | undefined {
  if (state.history.status !== 'loaded' || state.selectedRunId === null) return undefined;
  return state.history.runs.find((run) => run.runId === state.selectedRunId);
}
