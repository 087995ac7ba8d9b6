/** The worker process: runs one job it is sent, reports events, obeys pause, resume and cancel. */
import { planSchema } from '../../src-shared/plan';
import { TallyError } from '../../src-shared/errors';
import { MemorySecretStore } from '../connections/secret-store';
import { RunControl } from '../engine/run-events';
import { runPlan } from '../engine/runner';
import { Workspace } from '../workspace/workspace';
import { runProfileJob } from './profile-job';
import { runValidateJob } from './validate-job';
import { isWorkerCommand, type RunJob, type WorkerEvent } from './protocol';

const control = new RunControl();
// Profiling and validation stop between statements when this aborts.
const jobCancel = new AbortController();
let started = false;

function send(event: WorkerEvent): void {
  process.send?.(event);
}

async function run(job: RunJob): Promise<void> {
  const parsed = planSchema.safeParse(JSON.parse(job.planJson));
  if (!parsed.success) {
    send({
      type: 'failed',
      runId: null,
      error: { code: 'bad-input', message: 'The plan sent to the worker is not valid.' },
      tables: [],
    });
    return;
  }
  const workspace = Workspace.open(job.workspacePath);
  try {
    await runPlan({
      plan: parsed.data,
      workspace,
      context: { workspace, secrets: new MemorySecretStore() },
      control,
      onEvent: send,
      ...(job.batchRows ? { batchRows: job.batchRows } : {}),
      ...(job.fresh ? { fresh: true } : {}),
      ...(job.dryRun ? { dryRun: true } : {}),
      ...(job.mode ? { mode: job.mode } : {}),
      ...(job.allowDrift ? { allowDrift: true } : {}),
      ...(job.passwords ? { passwords: job.passwords } : {}),
    });
  } finally {
    workspace.close();
  }
}

process.on('message', (message: unknown) => {
  if (!isWorkerCommand(message)) return;
  switch (message.type) {
    case 'start':
      if (started) return;
      started = true;
      if (message.job.kind === 'profile') {
        void runProfileJob(message.job, jobCancel.signal, (event) => process.send?.(event)).finally(() =>
          process.disconnect?.(),
        );
        return;
      }
      if (message.job.kind === 'validate') {
        void runValidateJob(message.job, jobCancel.signal, (event) => process.send?.(event)).finally(() =>
          process.disconnect?.(),
        );
        return;
      }
      run(message.job)
        .catch((error: unknown) => {
          const data =
            error instanceof TallyError ? error.toData() : { code: 'internal' as const, message: String(error) };
          send({ type: 'failed', runId: null, error: data, tables: [] });
        })
        .finally(() => process.disconnect?.());
      return;
    case 'pause':
      control.pause();
      return;
    case 'resume':
      control.resume();
      return;
    case 'cancel':
      control.cancel();
      jobCancel.abort();
      return;
  }
});
