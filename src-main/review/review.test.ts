/**
 * The sample review on real databases: the demo shop migrated by the runner to a SQLite file and
 * to the embedded PostgreSQL, sampled reproducibly by seed, each record's expected row from the
 * plan's own mapper against the target row fetched by key; planted differences classified;
 * review packs that refuse tampering; decisions imported with their reviewer; the sign-off report.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Plan } from '../../src-shared/plan';
import { reviewDecisionsFormat, sealFile, type ReviewDecisionsBody, type ReviewPack } from '../../src-shared/review';
import type { ApiClient } from '../../src-shared/rpc/client';
import type { ValidationEvent } from '../../src-shared/validation';
import { createApi } from '../api/api';
import { createInProcessClient } from '../api/in-process';
import { MemorySecretStore } from '../connections/secret-store';
import { generateDemoDatabase } from '../demo/generate';
import { dialectFor } from '../dialects';
import { createFreshDatabase, liveTargets, type FreshDatabase } from '../dialects/conformance/targets';
import { runPlan } from '../engine/runner';
import { makeTempDir } from '../testing/fixtures';
import { Workspace } from '../workspace/workspace';

const embedded = liveTargets(inject('embeddedPostgresUrl')).filter(
  (t) => t.label === 'SQLite (file)' || t.label === 'PostgreSQL (embedded)',
);

for (const target of embedded) {
  describe.skipIf(target.notRun !== undefined)(`sample review of the demo shop → ${target.label}`, () => {
    let temp: ReturnType<typeof makeTempDir>;
    let fresh: FreshDatabase;
    let workspace: Workspace;
    let api: ApiClient;
    let plan: Plan;
    let env: NodeJS.ProcessEnv;

    beforeAll(async () => {
      temp = makeTempDir('review');
      const demo = join(temp.dir, 'shop.db');
      generateDemoDatabase({ file: demo, rows: 400, seed: 7 });
      fresh = await createFreshDatabase(target);
      workspace = Workspace.open(join(temp.dir, 'project.tally'));
      env = { ...process.env, ...(fresh.password ? { PGPASSWORD: fresh.password } : {}) };
      api = createInProcessClient(createApi({ workspace, secrets: new MemorySecretStore(), host: 'test', env }));
      plan = await api.call('plan.create', {
        source: { url: `sqlite:${demo}` },
        target: { url: dialectFor(fresh.spec.dialect).formatUrl(fresh.spec) },
        name: 'demo review',
      });
      await api.call('plan.save', { plan });
      const summary = await runPlan({ plan, workspace, context: { workspace, secrets: new MemorySecretStore(), env } });
      expect(summary.error).toBeUndefined();
      expect(summary.tables.some((t) => t.rejected > 0)).toBe(true);
    }, 120_000);

    afterAll(async () => {
      api?.dispose();
      workspace?.close();
      await fresh?.drop();
      temp?.remove();
    });

    it('draws a stratified sample that the same seed draws again, with expected and actual rows that agree', async () => {
      const first = await api.call('review.create', { plan, perTable: 8, seed: 11 });
      const again = await api.call('review.create', { plan, perTable: 8, seed: 11 });
      const keys = (r: typeof first): string[] => r.records.map((x) => `${x.tableId} ${x.rowKey} ${x.stratum}`);
      expect(keys(again)).toEqual(keys(first));
      const other = await api.call('review.create', { plan, perTable: 8, seed: 12 });
      expect(keys(other)).not.toEqual(keys(first));

      const tables = new Map(first.tables.map((t) => [t.tableId, t]));
      for (const table of plan.tables) {
        expect(tables.get(table.id)?.error).toBeNull();
        expect(tables.get(table.id)?.scanned).toBeGreaterThan(0);
        expect(first.records.filter((r) => r.tableId === table.id).length).toBeGreaterThanOrEqual(8);
      }
      const strata = new Set(first.records.map((r) => r.stratum));
      expect(strata).toEqual(new Set(['ordinary', 'rare', 'near-reject']));
      // Rows beside the quarantined ones are named after them.
      const near = first.records.find((r) => r.stratum === 'near-reject');
      expect(near?.why).toMatch(/quarantined/);

      // An ordinary row that loaded: the expected row is what the target holds, field by field.
      const loaded = first.records.filter((r) => r.status !== 'rejected' && r.status !== 'missing');
      expect(loaded.length).toBeGreaterThan(10);
      for (const record of loaded) {
        expect(
          record.fields.filter((f) => f.differs),
          `${record.tableId} ${record.rowKey}`,
        ).toEqual([]);
        expect(record.status).toBe('match');
        expect(record.actual).not.toBeNull();
        expect(record.targetKey).not.toBeNull();
      }
    });

    it('classifies a planted trailing space on the target', async () => {
      const base = await api.call('review.create', { plan, perTable: 6, seed: 5 });
      const record = base.records.find((r) => r.tableId === 'customers' && r.status === 'match');
      expect(record).toBeDefined();
      if (!record) return;
      const keyColumns = plan.tables.find((t) => t.id === 'customers')?.keyColumns ?? [];
      const textField = record.fields.find(
        (f) => typeof f.expected === 'string' && f.expected.trim() !== '' && !keyColumns.includes(f.column),
      );
      expect(textField).toBeDefined();
      if (!textField) return;
      const session = await fresh.open();
      try {
        const q = (name: string): string => session.dialect.quoteIdentifier(name);
        const table = plan.tables.find((t) => t.id === 'customers');
        if (!table) throw new Error('no customers table');
        await session.query(
          `UPDATE ${session.dialect.quoteTable(table.target)} SET ${q(textField.column)} = ? WHERE ${table.keyColumns.map((k) => `${q(k)} = ?`).join(' AND ')}`,
          [`${String(textField.expected)}   `, ...(record.targetKey ?? [])],
        );
      } finally {
        await session.close();
      }
      const after = await api.call('review.create', { plan, perTable: 6, seed: 5 });
      const changed = after.records.find((r) => r.tableId === 'customers' && r.rowKey === record.rowKey);
      expect(changed?.status).toBe('differ');
      expect(changed?.fields.filter((f) => f.differs)).toEqual([
        expect.objectContaining({
          column: textField.column,
          cause: 'trailing_space',
          actual: `${String(textField.expected)}   `,
        }),
      ]);
    });

    it('states the checksum results and the tolerances used in the sign-off report', async () => {
      const finished = new Promise<ValidationEvent>((resolve) =>
        api.on('validate.event', (event) => {
          if (event.type === 'done' || event.type === 'failed') resolve(event);
        }),
      );
      const { validationId } = await api.call('validate.start', { plan });
      const event = await finished;
      expect(event.type).toBe('done');
      const result = await api.call('validate.get', { validationId });
      const report = await api.call('report.signoff', { validationId });
      expect(report.html).not.toContain('No checksum validation yet');
      expect(report.html).toContain(`Validation <code>${validationId}</code>`);
      for (const table of result.tables) expect(report.html).toContain(`${table.source} → ${table.target}`);
      expect(report.html).toMatch(/floats to \d+ digits/);
    }, 60_000);

    it('exports a masked review pack, refuses it altered, and imports the reviewer’s decisions', async () => {
      const review = await api.call('review.create', { plan, perTable: 4, seed: 3 });
      const exported = await api.call('review.exportPack', { reviewId: review.reviewId, exportedBy: 'Consultant' });
      expect(exported.masked).toEqual(expect.arrayContaining(['customers.email']));
      const pack: ReviewPack = await api.call('review.openPack', { content: exported.content });
      // Personal data never leaves in the pack.
      const customer = pack.records.find((r) => r.tableId === 'customers' && r.source.email !== null);
      expect(customer?.source.email).toBe('•••••');
      const originalEmail = review.records.find((r) => r.recordId === customer?.recordId)?.source.email;
      expect(typeof originalEmail).toBe('string');
      expect(exported.content).not.toContain(String(originalEmail));

      // One character changed in a record: refused, saying what is wrong.
      const tampered = exported.content.replace(/"status": "match"/, '"status": "differ"');
      expect(tampered).not.toBe(exported.content);
      await expect(api.call('review.openPack', { content: tampered })).rejects.toThrow(
        /was altered after it was exported: its content no longer matches the hash/,
      );
      // Re-sealed by someone else: the hash recorded at export still tells.
      const { contentHash: _ignored, ...body } = JSON.parse(tampered) as ReviewPack;
      const resealed = sealFile(body);
      await expect(api.call('review.openPack', { content: resealed })).rejects.toThrow(
        /hash differs from the one recorded at export/,
      );

      const [first, second, third] = pack.records;
      if (!first || !second || !third) throw new Error('the pack holds fewer than three records');
      const decisions: ReviewDecisionsBody = {
        format: reviewDecisionsFormat,
        version: 1,
        packId: pack.packId,
        packHash: pack.contentHash,
        reviewId: pack.reviewId,
        exportedAt: new Date().toISOString(),
        decisions: [
          {
            recordId: first.recordId,
            decision: 'approved',
            note: null,
            reviewer: 'Dana Expert',
            decidedAt: '2026-12-04T10:00:00.000Z',
          },
          {
            recordId: second.recordId,
            decision: 'flagged',
            note: 'Street looks truncated',
            reviewer: 'Dana Expert',
            decidedAt: '2026-12-04T10:01:00.000Z',
          },
        ],
      };
      const result = await api.call('review.importDecisions', {
        content: sealFile(decisions),
        importedBy: 'Consultant',
      });
      expect(result).toEqual({
        packId: pack.packId,
        reviewId: review.reviewId,
        imported: 2,
        reviewers: ['Dana Expert'],
      });
      const reloaded = await api.call('review.get', { reviewId: review.reviewId });
      expect(reloaded?.decisions).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            recordId: second.recordId,
            decision: 'flagged',
            reviewer: 'Dana Expert',
            via: 'pack',
            packId: pack.packId,
            decidedAt: '2026-12-04T10:01:00.000Z',
          }),
        ]),
      );
      // Decisions made on a re-sealed copy of the pack are refused.
      const forged = sealFile({ ...decisions, packHash: (JSON.parse(resealed) as ReviewPack).contentHash });
      await expect(api.call('review.importDecisions', { content: forged })).rejects.toThrow(
        /altered copy of review pack/,
      );
      // A decisions file edited after saving is refused too.
      const edited = sealFile(decisions).replace('Street looks truncated', 'All fine');
      await expect(api.call('review.importDecisions', { content: edited })).rejects.toThrow(
        /decisions file .* was altered/,
      );

      // Reviewer mode's own view is masked; the consultant's is not.
      const masked = await api.call('review.get', { reviewId: review.reviewId, masked: true });
      expect(masked?.records.find((r) => r.recordId === customer?.recordId)?.source.email).toBe('•••••');

      // The decision on the third record, in the app, then the sign-off report names them all.
      await api.call('review.decide', {
        reviewId: review.reviewId,
        recordId: third.recordId,
        decision: 'approved',
        reviewer: 'Sam Consultant',
      });
      await expect(
        api.call('review.decide', {
          reviewId: review.reviewId,
          recordId: third.recordId,
          decision: 'flagged',
          reviewer: 'Sam Consultant',
        }),
      ).rejects.toThrow(/needs a note/);
      const pin = await api.call('review.pin', {
        reviewId: review.reviewId,
        recordId: second.recordId,
        note: 'recheck',
        by: 'Sam Consultant',
      });
      expect((await api.call('review.pins', { planName: plan.name })).map((p) => p.rowKey)).toEqual([pin.rowKey]);
      const report = await api.call('report.signoff', { reviewId: review.reviewId, signedBy: 'Sam Consultant' });
      expect(report.audit.ok).toBe(true);
      expect(report.html).toContain('Dana Expert');
      expect(report.html).toContain('Street looks truncated');
      expect(report.html).toContain('Sam Consultant');
      expect(report.html).toContain('2026-12-04T10:01:00.000Z');
      // The validation of the test before is the latest of this plan: the report states it.
      expect(report.html).toContain('<h2>Checksums</h2>');
      expect(report.html).not.toContain('No checksum validation yet');
      expect(report.html).toMatch(/Signed off by <strong>Sam Consultant<\/strong>/);
      expect(report.html).not.toMatch(/<script|https?:\/\//);
      if (fresh.password) expect(report.html).not.toContain(fresh.password);

      // The pinned record is drawn again by the next review.
      const next = await api.call('review.create', { plan, perTable: 4, seed: 99 });
      expect(next.records.filter((r) => r.stratum === 'pinned').map((r) => r.rowKey)).toEqual([pin.rowKey]);

      const kinds = (await api.call('audit.list', { limit: 1000 })).map((e) => e.kind);
      expect(kinds).toEqual(
        expect.arrayContaining([
          'plan.saved',
          'run.started',
          'run.finished',
          'review.created',
          'review.decision',
          'review.pinned',
          'pack.exported',
          'pack.imported',
          'signoff',
        ]),
      );
    });
  });
}
