/** The audit trail's hash chain on a real workspace file: intact after appends, broken by a silent edit, checked by `tally audit verify`. */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runCli } from '../cli/main';
import { openSqliteDatabase } from '../dialects/sqlite/native';
import { makeTempDir } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';

describe('the audit trail', () => {
  let temp: ReturnType<typeof makeTempDir>;
  let path: string;

  beforeEach(() => {
    temp = makeTempDir('audit');
    path = join(temp.dir, 'project.tally');
    const workspace = Workspace.open(path);
    const run = workspace.runs.createRun({
      planName: 'p',
      planHash: 'h',
      planJson: '{}',
      mode: 'full',
      dryRun: false,
      tableIds: ['a'],
    });
    workspace.runs.setRunStatus(run.id, 'done');
    workspace.audit.append({
      kind: 'signoff',
      actor: 'Ana',
      subject: 'p',
      summary: 'Ana signed off plan "p".',
      details: { z: 1, a: [2, { y: 'ü' }] },
    });
    workspace.close();
  });

  afterEach(() => {
    vi.restoreAllMocks();
    temp.remove();
  });

  it('chains every entry to the one before it and refuses edits through SQL', () => {
    const workspace = Workspace.open(path);
    try {
      const entries = workspace.audit.list();
      expect(entries.map((e) => e.kind)).toEqual(['signoff', 'run.finished', 'run.started']);
      expect(entries[0]?.details).toEqual({ a: [2, { y: 'ü' }], z: 1 });
      expect(entries[1]?.hash).toBe(entries[0]?.prevHash);
      expect(workspace.audit.verify()).toMatchObject({
        ok: true,
        entries: 3,
        firstBad: null,
        headHash: entries[0]?.hash,
      });
    } finally {
      workspace.close();
    }
    const db = openSqliteDatabase(path);
    try {
      expect(() => db.prepare("UPDATE audit_log SET summary = 'x' WHERE seq = 2").run()).toThrow(/append-only/);
      expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 3').run()).toThrow(/append-only/);
    } finally {
      db.close();
    }
  });

  it('detects a silent edit made around the triggers, and tally audit verify exits 1 naming the entry', async () => {
    const db = openSqliteDatabase(path);
    db.exec('DROP TRIGGER audit_log_no_update');
    db.prepare(`UPDATE audit_log SET summary = 'Run of plan "p" done, nothing rejected.' WHERE seq = 2`).run();
    db.close();
    const workspace = Workspace.open(path);
    const result = workspace.audit.verify();
    workspace.close();
    expect(result.ok).toBe(false);
    expect(result.firstBad?.seq).toBe(2);
    expect(result.firstBad?.reason).toMatch(/entry 2 \(run.finished, .*\) was edited after it was written/);

    const stderr: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
    process.exitCode = undefined;
    const status = await runCli(['audit', 'verify', '--workspace', path]);
    process.exitCode = undefined;
    expect(status).toBe(1);
    expect(stderr.join('')).toMatch(/broken at entry 2/);
  });

  it('detects an entry removed from the middle, and passes an intact log with exit 0', async () => {
    const stdout: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
      stdout.push(String(chunk));
      return true;
    });
    process.exitCode = undefined;
    expect(await runCli(['audit', 'verify', '--workspace', path])).toBe(0);
    expect(stdout.join('')).toMatch(/holds: 3 entries/);

    const db = openSqliteDatabase(path);
    db.exec('DROP TRIGGER audit_log_no_delete');
    db.prepare('DELETE FROM audit_log WHERE seq = 2').run();
    db.close();
    const workspace = Workspace.open(path);
    const result = workspace.audit.verify();
    workspace.close();
    expect(result).toMatchObject({ ok: false, firstBad: { seq: 3 } });
    expect(result.firstBad?.reason).toMatch(/entry 2 is missing/);
  });
});
