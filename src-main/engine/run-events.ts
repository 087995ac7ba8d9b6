/** What a run reports while it works: the worker's events, also printed by the CLI and pushed to the UI. */
export type { RunEvent, TableAccounting } from '../../src-shared/run';

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
