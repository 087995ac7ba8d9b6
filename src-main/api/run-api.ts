/** The run methods of the API: runs go to a worker process; their events come back as `run.event`. */
import { TallyError } from '../../src-shared/errors';
import type { EventName, EventPayload } from '../../src-shared/contract';
import type { Plan } from '../../src-shared/plan';
import type { RunEvent } from '../../src-shared/run';
import { planPasswords, type ConnectionContext } from '../connections/connections';
import { runInWorker, type WorkerHandle } from '../worker/run-in-worker';
import { rejectsCsv } from '../engine/rejects-csv';
import { replayRejects } from '../engine/replay';
import type { Handlers } from './dispatcher';

type RunMethod =
  | 'run.start'
  | 'run.pause'
  | 'run.resume'
  | 'run.cancel'
  | 'run.list'
  | 'run.rejects'
  | 'run.rejectsCsv'
  | 'run.replayRejects';

type Emit = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

/** Events cross JSON transports: keys holding big integers travel as text. */
function jsonSafe(event: RunEvent): RunEvent {
  if (event.type !== 'checkpoint') return event;
  return { ...event, lastKey: event.lastKey.map((v) => (typeof v === 'bigint' ? v.toString() : v)) };
}

export function runHandlers(context: ConnectionContext, emit: Emit): Pick<Handlers, RunMethod> {
  const { workspace } = context;
  const active = new Map<string, WorkerHandle>();

  /** The host resolves passwords (its secret store may hold them) and hands them to the worker over IPC. */
  const passwordsFor = (plan: Plan): { source?: string; target?: string } => planPasswords(plan, context);

  const steer = (runId: string, action: (worker: WorkerHandle) => void): { ok: boolean } => {
    const worker = active.get(runId);
    if (!worker) return { ok: false };
    action(worker);
    return { ok: true };
  };

  return {
    async 'run.start'(input) {
      return new Promise((resolve, reject) => {
        let answered = false;
        const worker = runInWorker(
          {
            kind: 'run',
            planJson: JSON.stringify(input.plan),
            workspacePath: workspace.path,
            passwords: passwordsFor(input.plan),
            ...(input.fresh ? { fresh: true } : {}),
            ...(input.dryRun ? { dryRun: true } : {}),
            ...(input.mode ? { mode: input.mode } : {}),
            ...(input.allowDrift ? { allowDrift: true } : {}),
            ...(input.batchRows ? { batchRows: input.batchRows } : {}),
          },
          (event) => {
            if (event.type === 'started' && !answered) {
              answered = true;
              active.set(event.runId, worker);
              resolve({ runId: event.runId, resumed: event.resumed });
            }
            if (event.type === 'failed' && !answered) {
              answered = true;
              reject(TallyError.fromData(event.error));
            }
            if (event.type === 'done' || event.type === 'failed') active.delete(event.runId ?? '');
            emit('run.event', jsonSafe(event));
          },
        );
        void worker.finished.then((summary) => {
          active.delete(summary.runId);
          if (!answered)
            reject(new TallyError('internal', summary.error?.message ?? 'The worker stopped before the run started.'));
        });
      });
    },

    async 'run.pause'(input) {
      const result = steer(input.runId, (w) => w.pause());
      if (result.ok) workspace.runs.setRunStatus(input.runId, 'paused');
      return result;
    },

    async 'run.resume'(input) {
      const result = steer(input.runId, (w) => w.resume());
      if (result.ok) workspace.runs.setRunStatus(input.runId, 'running');
      return result;
    },

    async 'run.cancel'(input) {
      return steer(input.runId, (w) => w.cancel());
    },

    async 'run.list'() {
      return workspace.runs.listRuns().map((run) => {
        const plan = JSON.parse(run.planJson) as Plan;
        const describe = (id: string): { source: string; target: string } => {
          const table = plan.tables.find((t) => t.id === id);
          const source = table && 'table' in table.source ? table.source.table.name : '(query)';
          return { source, target: table?.target.name ?? id };
        };
        return {
          runId: run.id,
          planName: run.planName,
          mode: run.mode,
          dryRun: run.dryRun,
          status: run.status,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          message: run.message,
          tables: workspace.runs.tables(run.id).map((t) => ({
            tableId: t.tableId,
            ...describe(t.tableId),
            read: t.read,
            written: t.written,
            rejected: t.rejected,
            filtered: t.filtered,
            seconds: Math.round(t.seconds * 1000) / 1000,
            status: t.status,
          })),
        };
      });
    },

    async 'run.replayRejects'(input) {
      if (active.has(input.runId))
        throw new TallyError(
          'bad-input',
          `Run ${input.runId} is still running: replay its rejects when it has finished.`,
        );
      const result = await replayRejects({
        workspace,
        runId: input.runId,
        tableId: input.tableId,
        plan: input.plan,
        context,
        passwords: passwordsFor(input.plan),
      });
      return { ...result, reasons: result.reasons.slice(0, 100) };
    },

    async 'run.rejectsCsv'(input) {
      workspace.runs.getRun(input.runId);
      return {
        csv: [...rejectsCsv(workspace.runs, input.runId, input.tableId)].join(''),
        rows: workspace.runs.rejectCount(input.runId, input.tableId),
      };
    },

    async 'run.rejects'(input) {
      workspace.runs.getRun(input.runId);
      return workspace.runs.rejects(input.runId, input.tableId, input.limit, input.offset ?? 0).map((r) => ({
        id: r.id,
        tableId: r.tableId,
        rowKey: r.rowKey,
        column: r.column,
        rawValue: r.rawValue,
        reason: r.reason,
        rowJson: r.rowJson,
        createdAt: r.createdAt,
      }));
    },
  };
}
