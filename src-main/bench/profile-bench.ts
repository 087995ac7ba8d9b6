/**
 * The profile part of `npm run bench`: the 1,000,000-row `orders` table profiled in SQLite and in
 * PostgreSQL, full and sampled, each in a fresh worker process (as the UI runs it), printing the
 * seconds and the worker's peak memory. Aims: PostgreSQL full < 10 s, sampled < 3 s, memory flat.
 */
import { readFileSync } from 'node:fs';
import type { ConnectionSpec } from '../../src-shared/connection';
import { profileInWorker } from '../profile/profile-in-worker';

export type ProfileBenchSource = { label: string; spec: ConnectionSpec; password?: string };

/** The kernel's high-water mark of the process's resident memory. */
function peakRssOf(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    return Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

async function profileOnce(
  source: ProfileBenchSource,
  table: string,
  full: boolean,
): Promise<{ seconds: number; peakBytes: number; profiledRows: number; sampled: string | null }> {
  const started = performance.now();
  let peak = 0;
  const worker = profileInWorker({
    kind: 'profile',
    jobId: `bench-${full ? 'full' : 'sampled'}`,
    spec: source.spec,
    ...(source.password ? { password: source.password } : {}),
    tables: [table],
    options: { full },
  });
  // VmHWM only grows, so sampling it until the worker exits catches the peak.
  const timer = setInterval(() => (peak = Math.max(peak, peakRssOf(worker.process.pid))), 50);
  try {
    const result = await worker.finished;
    const seconds = (performance.now() - started) / 1000;
    if (result.status !== 'done')
      throw new Error(
        `Profiling ${table} in ${source.label} ended ${result.status}${result.status === 'failed' ? `: ${result.error.message}` : ''}`,
      );
    const profile = result.tables[0];
    if (!profile) throw new Error(`Profiling ${table} in ${source.label} returned no profile.`);
    return {
      seconds,
      peakBytes: peak,
      profiledRows: profile.profiledRows,
      sampled: profile.sampled ? profile.sampled.method : null,
    };
  } finally {
    clearInterval(timer);
  }
}

/** Profiles `table` in each source, full then sampled, and prints one line per pass. */
export async function benchProfile(sources: readonly ProfileBenchSource[], table = 'orders'): Promise<void> {
  for (const source of sources) {
    for (const full of [true, false]) {
      const run = await profileOnce(source, table, full);
      process.stdout.write(
        `Profile ${source.label}, ${full ? 'full pass' : 'sampled  '}: ${run.seconds.toFixed(2)} s over ` +
          `${run.profiledRows.toLocaleString('en-US')} rows${run.sampled ? ` (${run.sampled})` : ''}, ` +
          `worker peak RSS ${(run.peakBytes / 1024 / 1024).toFixed(1)} MB\n`,
      );
    }
  }
}
