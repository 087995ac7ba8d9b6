/** The parent's side of a worker: fork it, start a job, steer it, and learn how it ended. */
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { TallyError } from '../../src-shared/errors';
import { appRoot } from '../app-paths';
import type { RunSummary } from '../engine/runner';
import type { RunJob, WorkerCommand, WorkerEvent } from './protocol';

export type WorkerHandle = {
  readonly process: ChildProcess;
  pause(): void;
  resume(): void;
  cancel(): void;
  /** Resolves with the run's last word, or with a `failed` summary if the process died without one. */
  finished: Promise<RunSummary>;
};

export function workerEntry(): string {
  const built = join(appRoot(), 'out', 'main', 'worker.js');
  if (!existsSync(built)) throw new TallyError('internal', 'The worker is not built: run npm run build.');
  return built;
}

/** A new worker process for one job, and how to send it commands. */
export function forkWorker(): { child: ChildProcess; send: (command: WorkerCommand) => void } {
  // The machine's Node runs the worker, with Node's build of better-sqlite3 (see README).
  // TALLY_WORKER_NODE_ARGS passes Node flags to the worker (e.g. `--cpu-prof` to profile a run).
  const execArgv = process.env.TALLY_WORKER_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
  const child = fork(workerEntry(), [], {
    serialization: 'advanced',
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    execArgv,
  });
  child.on('error', () => undefined);
  return {
    child,
    send: (command) => {
      // A worker that is already leaving cannot be steered; that is not an error worth raising.
      if (child.connected) child.send(command, () => undefined);
    },
  };
}

export function runInWorker(job: RunJob, onEvent: (event: WorkerEvent) => void = () => undefined): WorkerHandle {
  const { child, send } = forkWorker();
  let last: RunSummary | undefined;
  const finished = new Promise<RunSummary>((resolve) => {
    child.on('message', (message: WorkerEvent) => {
      onEvent(message);
      if (message.type === 'done') last = { runId: message.runId, status: message.status, tables: message.tables };
      if (message.type === 'failed')
        last = { runId: message.runId ?? '', status: 'failed', tables: message.tables, error: message.error };
    });
    child.on('exit', (code, signal) => {
      resolve(
        last ?? {
          runId: '',
          status: 'failed',
          tables: [],
          error: {
            code: 'internal',
            message: `The worker stopped (${signal ?? `exit ${String(code)}`}) before it finished; run again to resume.`,
          },
        },
      );
    });
  });
  send({ type: 'start', job });
  return {
    process: child,
    pause: () => send({ type: 'pause' }),
    resume: () => send({ type: 'resume' }),
    cancel: () => send({ type: 'cancel' }),
    finished,
  };
}
