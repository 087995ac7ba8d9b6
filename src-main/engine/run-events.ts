/** What a run reports while it works: the worker's events, also printed by the CLI and pushed to the UI. */
import type { TallyErrorData } from '../../src-shared/errors';

export type TableAccounting = {
  tableId: string;
  source: string;
  target: string;
  read: number;
  written: number;
  rejected: number;
  filtered: number;
  seconds: number;
  status: 'pending' | 'loading' | 'loaded' | 'done' | 'failed';
};

export type RunEvent =
  | { type: 'started'; runId: string; resumed: boolean; tables: string[] }
  | {
      type: 'progress';
      runId: string;
      tableId: string;
      read: number;
      written: number;
      rejected: number;
      filtered: number;
      rowsPerSecond: number;
      totalRows: number | null;
      etaSeconds: number | null;
    }
  | { type: 'reject'; runId: string; tableId: string; rowKey: string; column: string | null; reason: string }
  | { type: 'checkpoint'; runId: string; tableId: string; lastKey: unknown[] }
  | { type: 'log'; runId: string; level: 'info' | 'warn'; message: string }
  | { type: 'table-done'; runId: string; table: TableAccounting }
  | { type: 'done'; runId: string; status: 'done' | 'cancelled'; tables: TableAccounting[] }
  | { type: 'failed'; runId: string | null; error: TallyErrorData; tables: TableAccounting[] };

/** Pause and cancel act at batch boundaries. */
export class RunControl {
  private paused = false;
  private cancelled = false;
  private resumeWaiters: (() => void)[] = [];

  pause(): void {
    this.paused = true;
  }
  resume(): void {
    this.paused = false;
    for (const wake of this.resumeWaiters.splice(0)) wake();
  }
  cancel(): void {
    this.cancelled = true;
    this.resume();
  }
  get isCancelled(): boolean {
    return this.cancelled;
  }
  get isPaused(): boolean {
    return this.paused;
  }
  /** Resolves at once unless paused; then when resumed or cancelled. */
  async waitWhilePaused(): Promise<void> {
    if (!this.paused) return;
    await new Promise<void>((resolve) => this.resumeWaiters.push(resolve));
  }
}
