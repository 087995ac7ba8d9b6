/**
 * `npm run bench`: builds a 1,000,000-row SQLite `orders` table and migrates it to PostgreSQL
 * (embedded) through Tally's worker, printing rows/s, MB/s and the worker's peak memory; where
 * pgloader is installed it moves the same table in the same run and the ratio is printed.
 * Figures only: nothing here passes or fails.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { dialectFor } from '../dialects';
import { startEmbeddedPostgres } from '../dialects/conformance/embedded-postgres';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { buildPlan } from '../engine/planner';
import { benchProfile } from './profile-bench';
import { benchValidate } from './validate-bench';
import { runInWorker } from '../worker/run-in-worker';

const rows = Number(process.env.TALLY_BENCH_ROWS ?? 1_000_000);

function buildOrders(file: string): void {
  const db = openSqliteDatabase(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.exec(`CREATE TABLE orders (
    order_id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL, status VARCHAR(20) NOT NULL,
    amount NUMERIC(12,2) NOT NULL, tax NUMERIC(12,2), placed_at TIMESTAMPTZ NOT NULL, shipped_at TIMESTAMPTZ,
    note TEXT, is_gift BOOLEAN NOT NULL, payload JSON, currency CHAR(3) NOT NULL, quantity INTEGER NOT NULL)`);
  const insert = db.prepare('INSERT INTO orders VALUES (?,?,?,?,?,?,?,?,?,?,?,?)');
  const statuses = ['new', 'paid', 'shipped', 'cancelled', 'returned'];
  let seed = 42;
  const random = (): number => {
    seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
  const load = db.transaction((from: number, to: number) => {
    for (let id = from; id < to; id += 1) {
      const placed = new Date(Date.UTC(2020, 0, 1) + Math.floor(random() * 1.5e11));
      const offset = ['+00:00', '+02:00', '-05:00', '+05:30'][id % 4] ?? '+00:00';
      const amount = Math.round(random() * 100000) / 100;
      insert.run(
        id,
        1 + Math.floor(random() * 50000),
        statuses[id % statuses.length] ?? 'new',
        amount,
        id % 7 === 0 ? null : Math.round(amount * 19) / 100,
        `${placed.toISOString().slice(0, 19)}${offset}`,
        id % 3 === 0 ? null : `${new Date(placed.getTime() + 86_400_000 * 3).toISOString().slice(0, 19)}+00:00`,
        id % 5 === 0 ? `Leave at the back door. ${'Customer asked for careful packing. '.repeat(1 + (id % 4))}` : null,
        id % 9 === 0 ? 1 : 0,
        JSON.stringify({
          channel: id % 2 ? 'web' : 'store',
          items: 1 + (id % 5),
          coupon: id % 11 === 0 ? 'SPRING' : null,
        }),
        id % 10 === 0 ? 'EUR' : 'USD',
        1 + (id % 9),
      );
    }
  });
  for (let start = 1; start <= rows; start += 50_000) load(start, Math.min(rows + 1, start + 50_000));
  db.close();
}

function peakRss(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/** User and system CPU seconds a process has used so far (Linux). */
function cpuSeconds(pid: number | undefined): number {
  if (!pid) return 0;
  try {
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) / 100;
  } catch {
    return 0;
  }
}

/** "start 0.4 s, connect and create 0.3 s, load 6.1 s, …" from the moments the worker's events arrived. */
function phaseLine(marks: ReadonlyMap<string, number>, total: number): string {
  const phases: [string, string][] = [
    ['started', 'worker start'],
    ['created', 'connect, inspect, create table'],
    ['loaded', 'load'],
    ['keys', 'keys and indexes after the load'],
    ['proved', 'accounting proof'],
  ];
  const parts: string[] = [];
  let previous = 0;
  for (const [name, label] of phases) {
    const at = marks.get(name);
    if (at === undefined) continue;
    parts.push(`${label} ${(at - previous).toFixed(2)} s`);
    previous = at;
  }
  parts.push(`finish ${(total - previous).toFixed(2)} s`);
  return parts.join(', ');
}

function mb(bytes: number): string {
  return (bytes / 1024 / 1024).toFixed(1);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tally-bench-'));
  const sourceFile = join(dir, 'orders.db');
  let server: { stop(): Promise<void> } | undefined;
  try {
    process.stdout.write(`Building ${rows.toLocaleString('en-US')} orders in SQLite… `);
    let started = performance.now();
    buildOrders(sourceFile);
    const sourceBytes = statSync(sourceFile).size;
    process.stdout.write(`${((performance.now() - started) / 1000).toFixed(1)} s, ${mb(sourceBytes)} MB\n`);

    const pg = await startEmbeddedPostgres({ fast: true });
    server = pg;
    const { port, password } = pg;
    const admin = await dialectFor('postgres').connect(
      {
        dialect: 'postgres',
        host: '127.0.0.1',
        port,
        database: 'postgres',
        user: 'postgres',
        tls: { mode: 'disable' },
      },
      { password, readOnly: false, timeoutMs: 10_000 },
    );
    await admin.query('CREATE DATABASE tally_bench');
    await admin.query('CREATE DATABASE pgloader_bench');
    await admin.close();
    process.stdout.write(`PostgreSQL (embedded) on port ${port}, fsync off for both tools.\n`);

    const targetSpec = {
      dialect: 'postgres' as const,
      host: '127.0.0.1',
      port,
      database: 'tally_bench',
      user: 'postgres',
      tls: { mode: 'disable' as const },
    };
    const source = await dialectFor('sqlite').connect(
      { dialect: 'sqlite', file: sourceFile },
      { password: undefined, readOnly: true, timeoutMs: 5000 },
    );
    const target = await dialectFor('postgres').connect(targetSpec, { password, readOnly: false, timeoutMs: 10_000 });
    const plan = buildPlan(
      await source.inspect({ exactCountLimit: 1e12 }),
      await target.inspect({ exactCountLimit: 0 }),
      {
        name: 'bench',
        source: { url: `sqlite:${sourceFile}` },
        target: { url: dialectFor('postgres').formatUrl(targetSpec) },
        targetSchema: 'public',
      },
    );
    await source.close();
    await target.close();

    let peak = 0;
    let cpu = 0;
    started = performance.now();
    // When each phase ended, from the worker's events (seconds since the fork).
    const marks = new Map<string, number>();
    const mark = (name: string): void => {
      marks.set(name, (performance.now() - started) / 1000);
    };
    const worker = runInWorker(
      {
        kind: 'run',
        planJson: JSON.stringify(plan),
        workspacePath: join(dir, 'bench.tally'),
        passwords: { target: password },
      },
      (event) => {
        if (event.type === 'started') mark('started');
        if (event.type === 'log' && event.message.startsWith('Created ')) mark('created');
        if (event.type === 'progress') mark('loaded');
        if (event.type === 'log' && event.message.startsWith('Keys and indexes')) mark('keys');
        if (event.type === 'table-done') mark('proved');
        if (event.type === 'progress' || event.type === 'done') {
          peak = Math.max(peak, peakRss(worker.process.pid));
          cpu = Math.max(cpu, cpuSeconds(worker.process.pid));
        }
      },
    );
    const summary = await worker.finished;
    const seconds = (performance.now() - started) / 1000;
    const table = summary.tables[0];
    if (summary.status !== 'done' || !table)
      throw new Error(`The Tally run did not finish: ${summary.error?.message ?? summary.status}`);
    const tallyRate = table.written / seconds;
    process.stdout.write(
      `Tally:    ${table.written.toLocaleString('en-US')} rows in ${seconds.toFixed(1)} s = ${Math.round(tallyRate).toLocaleString('en-US')} rows/s, ` +
        `${(sourceBytes / 1024 / 1024 / seconds).toFixed(1)} MB/s of source, worker peak RSS ${mb(peak)} MB, worker CPU ${cpu.toFixed(1)} s\n`,
    );
    process.stdout.write(`          phases: ${phaseLine(marks, seconds)}\n`);
    process.stdout.write(
      `          load alone: ${Math.round(table.written / Math.max(table.seconds, 1e-9)).toLocaleString('en-US')} rows/s (the batches' own time, ${table.seconds.toFixed(1)} s)\n`,
    );

    // TALLY_BENCH_ONLY=profile: the migration above only loads the table the profile reads in PostgreSQL.
    const only = process.env.TALLY_BENCH_ONLY;
    if (only === undefined || only === 'profile')
      await benchProfile([
        { label: 'SQLite', spec: { dialect: 'sqlite', file: sourceFile } },
        { label: 'PostgreSQL', spec: targetSpec, password },
      ]);
    if (only === undefined || only === 'validate')
      await benchValidate({
        plan,
        workspacePath: join(dir, 'bench.tally'),
        targetSpec,
        password,
        migrationSeconds: seconds,
      });
    if (only === 'validate') return;
    if (only === 'profile') return;

    const pgloader = spawnSync('which', ['pgloader'], { encoding: 'utf8' }).stdout.trim();
    if (!pgloader) {
      process.stdout.write('pgloader: not installed here (apt-get install pgloader), so no side-by-side figure.\n');
      return;
    }
    started = performance.now();
    execFileSync(
      pgloader,
      ['--quiet', `sqlite://${sourceFile}`, `postgresql://postgres@127.0.0.1:${port}/pgloader_bench`],
      {
        env: { ...process.env, PGPASSWORD: password },
        stdio: ['ignore', 'ignore', 'inherit'],
      },
    );
    const pgloaderSeconds = (performance.now() - started) / 1000;
    const pgloaderRate = rows / pgloaderSeconds;
    process.stdout.write(
      `pgloader: ${rows.toLocaleString('en-US')} rows in ${pgloaderSeconds.toFixed(1)} s = ${Math.round(pgloaderRate).toLocaleString('en-US')} rows/s (defaults)\n`,
    );
    process.stdout.write(`Tally / pgloader: ${(tallyRate / pgloaderRate).toFixed(2)}×\n`);
  } finally {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
