/**
 * The worker's message protocol: commands in, events out, both discriminated unions. Long work
 * (runs; later profiling, dry runs, validation) happens in a forked Node process so that no
 * host (Electron, the web host, the CLI) stalls on synchronous SQLite or heavy batches.
 */
import type { RunEvent } from '../engine/run-events';

export type RunJob = {
  kind: 'run';
  planJson: string;
  workspacePath: string;
  batchRows?: number;
  fresh?: boolean;
  dryRun?: boolean;
  mode?: 'full' | 'upsert';
  allowDrift?: boolean;
  /** Resolved by the parent; travel over the IPC pipe only. */
  passwords?: { source?: string; target?: string };
};

export type WorkerCommand =
  { type: 'start'; job: RunJob } | { type: 'pause' } | { type: 'resume' } | { type: 'cancel' };

export type WorkerEvent = RunEvent;

export function isWorkerCommand(value: unknown): value is WorkerCommand {
  if (typeof value !== 'object' || value === null) return false;
  const type = (value as { type?: unknown }).type;
  return type === 'start' || type === 'pause' || type === 'resume' || type === 'cancel';
}
