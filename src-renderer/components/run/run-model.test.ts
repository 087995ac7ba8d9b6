import { describe, expect, it } from 'vitest';
import type { RunEvent, TableAccounting } from '../../../src-shared/run';
import { addsUp, applyRunEvent, formatDuration, maxLogLines, overallOf, runTableRows, type LiveRun } from './run-model';

const runId = 'r1';

function fold(events: RunEvent[], start?: LiveRun): LiveRun | undefined {
  return events.reduce<LiveRun | undefined>((run, event) => applyRunEvent(run, event), start);
}

function accounting(tableId: string, read: number, written: number, rejected: number): TableAccounting {
  return {
    tableId,
    source: tableId,
    target: tableId,
    read,
    written,
    rejected,
    filtered: 0,
    seconds: 2,
    status: 'done',
  };
}

const progress = (tableId: string, read: number, totalRows: number | null): RunEvent => ({
  type: 'progress',
  runId,
  tableId,
  read,
  written: read,
  rejected: 0,
  filtered: 0,
  rowsPerSecond: 1000,
  totalRows,
  etaSeconds: totalRows === null ? null : Math.round((totalRows - read) / 1000),
});

const names = (id: string): { source: string; target: string } => ({ source: `src.${id}`, target: `dst.${id}` });

describe('applyRunEvent', () => {
  it('follows a run from its start to its accounting', () => {
    const started = fold([{ type: 'started', runId, resumed: false, tables: ['customers', 'orders'] }]);
    expect(started?.status).toBe('running');
    expect(started?.tableIds).toEqual(['customers', 'orders']);

    const loading = fold([progress('customers', 500, 2000)], started);
    expect(loading?.tables.customers).toMatchObject({ read: 500, totalRows: 2000, status: 'loading', etaSeconds: 1.5 });

    const done = fold(
      [
        { type: 'table-done', runId, table: accounting('customers', 2000, 2000, 0) },
        {
          type: 'done',
          runId,
          status: 'done',
          tables: [accounting('customers', 2000, 2000, 0), accounting('orders', 10, 8, 2)],
        },
      ],
      loading,
    );
    expect(done?.status).toBe('done');
    // The total seen while loading stays; the rate comes from the table's time.
    expect(done?.tables.customers).toMatchObject({ read: 2000, totalRows: 2000, rowsPerSecond: 1000, seconds: 2 });
    expect(done?.tables.orders).toMatchObject({ read: 10, written: 8, rejected: 2, status: 'done' });
  });

  it('marks the tables before the one loading as loaded', () => {
    const run = fold([
      { type: 'started', runId, resumed: false, tables: ['empty', 'customers', 'orders', 'items'] },
      progress('customers', 2000, 2000),
      progress('orders', 20, 100),
    ]);
    expect(['empty', 'customers', 'orders', 'items'].map((id) => run?.tables[id]?.status ?? 'pending')).toEqual([
      'loaded',
      'loaded',
      'loading',
      'pending',
    ]);
  });

  it('keeps the error sentence of a failed run', () => {
    const failed = fold([
      { type: 'started', runId, resumed: true, tables: ['a'] },
      {
        type: 'failed',
        runId,
        error: { code: 'bad-input', message: 'a: 12 rows rejected, over the budget.' },
        tables: [accounting('a', 12, 0, 12)],
      },
    ]);
    expect(failed).toMatchObject({
      status: 'failed',
      resumed: true,
      error: { message: 'a: 12 rows rejected, over the budget.' },
    });
  });

  it('ignores a failure that belongs to no run, and caps the log', () => {
    const none = applyRunEvent(undefined, {
      type: 'failed',
      runId: null,
      error: { code: 'internal', message: 'x' },
      tables: [],
    });
    expect(none).toBeUndefined();
    const logs = Array.from({ length: maxLogLines + 5 }, (_, i): RunEvent => ({
      type: 'log',
      runId,
      level: 'warn',
      message: `w${i}`,
    }));
    const run = fold(logs);
    expect(run?.logs).toHaveLength(maxLogLines);
    expect(run?.logs[0]?.message).toBe('w5');
  });

  it('picks up a run it did not see start from its progress', () => {
    const run = fold([progress('orders', 50, 100)]);
    expect(run?.tableIds).toEqual(['orders']);
    expect(run?.status).toBe('running');
  });
});

describe('runTableRows and overallOf', () => {
  it('prefers live figures and names tables from the summary or the plan', () => {
    const live = fold([{ type: 'started', runId, resumed: false, tables: ['a', 'b'] }, progress('a', 40, 100)]);
    const rows = runTableRows(undefined, live, names);
    expect(rows.map((row) => [row.target, row.read, row.status])).toEqual([
      ['dst.a', 40, 'loading'],
      ['dst.b', 0, 'pending'],
    ]);
    const overall = overallOf(rows);
    // b's total is unknown: the fraction goes by tables, a counted by its share.
    expect(overall.totalRows).toBeNull();
    expect(overall.fraction).toBeCloseTo(0.2);
    expect(overall.rowsPerSecond).toBe(1000);
  });

  it('adds the finished accounting up', () => {
    const summary = {
      runId,
      planName: 'p',
      status: 'done' as const,
      startedAt: '',
      finishedAt: '',
      message: null,
      tables: [accounting('a', 100, 100, 0), accounting('b', 50, 45, 5)],
    };
    const rows = runTableRows(summary, undefined, names);
    expect(rows.every(addsUp)).toBe(true);
    const overall = overallOf(rows);
    expect(overall).toMatchObject({
      read: 150,
      written: 145,
      rejected: 5,
      totalRows: 150,
      fraction: 1,
      tablesFinished: 2,
    });
    expect(overall.rowsPerSecond).toBe(38);
    expect(addsUp({ read: 10, written: 8, rejected: 1, filtered: 0 })).toBe(false);
  });
});

describe('formatDuration', () => {
  it('reads like a person would say it', () => {
    expect(formatDuration(0.02)).toBe('< 0.1 s');
    expect(formatDuration(0.42)).toBe('0.4 s');
    expect(formatDuration(42)).toBe('42 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
});
