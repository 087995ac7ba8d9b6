/** The parent's side of a profile job: fork the worker, send the job, relay its events, cancel it. */
import type { ChildProcess } from 'node:child_process';
import type { TallyErrorData } from '../../src-shared/errors';
import type { ProfileEvent, TableProfile } from '../../src-shared/profile';
import type { ProfileJob } from '../worker/protocol';
import { forkWorker } from '../worker/run-in-worker';

export type ProfileJobResult =
  | { status: 'done'; tables: TableProfile[]; profiledAt: string }
  | { status: 'cancelled'; tables: TableProfile[] }
  | { status: 'failed'; tables: TableProfile[]; error: TallyErrorData };

export type ProfileWorkerHandle = {
  readonly process: ChildProcess;
  /** Stops the job at its next statement; the worker reports `cancelled` and exits. */
  cancel(): void;
  /** How the job ended, with the tables profiled until then; `failed` if the worker died without a word. */
  finished: Promise<ProfileJobResult>;
};

export function profileInWorker(
  job: ProfileJob,
  onEvent: (event: ProfileEvent) => void = () => undefined,
): ProfileWorkerHandle {
  const { child, send } = forkWorker();
  const tables: TableProfile[] = [];
  let last: ProfileJobResult | undefined;
  const finished = new Promise<ProfileJobResult>((resolve) => {
    child.on('message', (message: ProfileEvent) => {
      onEvent(message);
      switch (message.type) {
        case 'table':
          tables[message.tableIndex] = message.profile;
          return;
        case 'done':
          last = { status: 'done', tables: tables.filter(Boolean), profiledAt: message.profiledAt };
          return;
        case 'cancelled':
          last = { status: 'cancelled', tables: tables.filter(Boolean) };
          return;
        case 'failed':
          last = { status: 'failed', tables: tables.filter(Boolean), error: message.error };
          return;
        case 'started':
        case 'progress':
          return;
      }
    });
    child.on('exit', (code, signal) => {
      resolve(
        last ?? {
          status: 'failed',
          tables: tables.filter(Boolean),
          error: {
            code: 'internal',
            message: `The profiling worker stopped (${signal ?? `exit ${String(code)}`}) before it finished.`,
          },
        },
      );
    });
  });
  send({ type: 'start', job });
  return { process: child, cancel: () => send({ type: 'cancel' }), finished };
}
