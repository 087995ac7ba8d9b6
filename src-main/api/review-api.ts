/** The review, audit and sign-off methods of the API: sample reviews, decisions, pins, review packs, the audit chain, the report. */
import { randomInt } from 'node:crypto';
import type { ConnectionTarget } from '../../src-shared/connection';
import { TallyError } from '../../src-shared/errors';
import type { Plan } from '../../src-shared/plan';
import type { Review } from '../../src-shared/review';
import { localActor } from '../audit/audit-log';
import { openConnection, type ConnectionContext } from '../connections/connections';
import { collectSignoffInput } from '../report/collect';
import { buildSignoffReport } from '../report/signoff';
import { maskRecord } from '../review/masking';
import { buildReviewPack, readDecisionsFile, readReviewPack } from '../review/packs';
import { drawSample } from '../review/sample';
import { planHashOf } from '../validate/plan-hash';
import { tallyVersion } from '../version';
import type { Workspace } from '../workspace/workspace';
import type { Handlers } from './dispatcher';

type ReviewMethod =
  | 'review.create'
  | 'review.get'
  | 'review.list'
  | 'review.decide'
  | 'review.pin'
  | 'review.unpin'
  | 'review.pins'
  | 'review.exportPack'
  | 'review.openPack'
  | 'review.importDecisions'
  | 'audit.list'
  | 'audit.verify'
  | 'report.signoff';

const planTarget = (connection: Plan['source']): ConnectionTarget =>
  connection.name ? { url: connection.url, name: connection.name } : { url: connection.url };

/** A file name from free text: letters, digits, dashes. */
function fileSlug(text: string): string {
  return (
    text
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60) || 'tally'
  );
}

/** The review as the API returns it, masked for reviewer mode when asked. */
export function reviewView(workspace: Workspace, reviewId: string, masked: boolean): Review {
  const stored = workspace.reviews.get(reviewId);
  const tablesById = new Map(stored.tables.map((t) => [t.tableId, t]));
  const records = workspace.reviews
    .records(reviewId)
    .map((record) => (masked ? maskRecord(record, tablesById.get(record.tableId)) : record));
  const history = workspace.reviews.decisions(reviewId);
  const decisions = workspace.reviews.latestDecisions(reviewId);
  const approved = decisions.filter((d) => d.decision === 'approved').length;
  const flagged = decisions.filter((d) => d.decision === 'flagged').length;
  return {
    reviewId: stored.reviewId,
    planName: stored.planName,
    planHash: stored.planHash,
    planId: stored.planId,
    planVersion: stored.planVersion,
    validationId: stored.validationId,
    runId: stored.runId,
    seed: stored.seed,
    perTable: stored.perTable,
    createdAt: stored.createdAt,
    source: stored.source,
    target: stored.target,
    tables: stored.tables,
    records,
    recordCount: records.length,
    approved,
    flagged,
    undecided: records.length - approved - flagged,
    decisions,
    history,
    pins: workspace.reviews.pins(stored.planName),
    masked,
  };
}

export function reviewHandlers(context: ConnectionContext): Pick<Handlers, ReviewMethod> {
  const { workspace } = context;

  /** The latest real (not dry) run of the plan: its rejects are what "rows near rejects" are near. */
  const latestRunOf = (plan: Plan, hash: string): string | null => {
    const runs = workspace.runs.listRuns().filter((r) => !r.dryRun);
    return (runs.find((r) => r.planHash === hash) ?? runs.find((r) => r.planName === plan.name))?.id ?? null;
  };

  return {
    async 'review.create'(input) {
      const { plan } = input;
      const hash = planHashOf(plan);
      const runId = latestRunOf(plan, hash);
      const rejectedKeys = new Map<string, Set<string>>();
      if (runId)
        for (const reject of workspace.runs.rejects(runId, undefined, 100_000)) {
          const keys = rejectedKeys.get(reject.tableId) ?? new Set<string>();
          keys.add(reject.rowKey);
          rejectedKeys.set(reject.tableId, keys);
        }
      const pinnedKeys = new Map<string, Map<string, string | null>>();
      for (const pin of workspace.reviews.pins(plan.name)) {
        const keys = pinnedKeys.get(pin.tableId) ?? new Map<string, string | null>();
        keys.set(pin.rowKey, pin.note);
        pinnedKeys.set(pin.tableId, keys);
      }
      const seed = input.seed ?? randomInt(0, 2 ** 31 - 1);
      const source = await openConnection(planTarget(plan.source), context, { readOnly: true });
      try {
        const target = await openConnection(planTarget(plan.target), context, { readOnly: true });
        try {
          const sample = await drawSample(plan, source, target, {
            perTable: input.perTable,
            seed,
            rejectedKeys,
            pinnedKeys,
            ...(input.tables ? { tables: input.tables } : {}),
          });
          const stored = workspace.reviews.create(
            {
              planName: plan.name,
              planHash: hash,
              planJson: JSON.stringify(plan),
              planId: input.planId ?? null,
              planVersion: input.planVersion ?? null,
              validationId: input.validationId ?? null,
              runId,
              seed,
              perTable: input.perTable,
              source: plan.source.url,
              target: plan.target.url,
              tables: sample.tables,
            },
            sample.records,
          );
          return reviewView(workspace, stored.reviewId, false);
        } finally {
          await target.close();
        }
      } finally {
        await source.close();
      }
    },

    async 'review.get'(input) {
      const reviewId = input.reviewId ?? workspace.reviews.latest()?.reviewId;
      return reviewId ? reviewView(workspace, reviewId, input.masked === true) : null;
    },

    async 'review.list'() {
      return workspace.reviews.list().map(({ tables: _tables, ...summary }) => summary);
    },

    async 'review.decide'(input) {
      return workspace.reviews.decide(input.reviewId, {
        recordId: input.recordId,
        decision: input.decision,
        note: input.note ?? null,
        reviewer: input.reviewer,
        decidedAt: new Date().toISOString(),
      });
    },

    async 'review.pin'(input) {
      const stored = workspace.reviews.get(input.reviewId);
      const record = workspace.reviews.records(input.reviewId).find((r) => r.recordId === input.recordId);
      if (!record) throw new TallyError('not-found', `Review ${input.reviewId} has no record ${input.recordId}.`);
      return workspace.reviews.pin({
        planName: stored.planName,
        tableId: record.tableId,
        rowKey: record.rowKey,
        sourceKey: record.sourceKey,
        targetKey: record.targetKey,
        reviewId: input.reviewId,
        recordId: input.recordId,
        note: input.note?.trim() ? input.note.trim() : null,
        pinnedBy: input.by,
      });
    },

    async 'review.unpin'(input) {
      return { ok: workspace.reviews.unpin(input.pinId, input.by) };
    },

    async 'review.pins'(input) {
      return workspace.reviews.pins(input.planName);
    },

    async 'review.exportPack'(input) {
      const stored = workspace.reviews.get(input.reviewId);
      const exportedBy = input.exportedBy ?? localActor();
      const pack = buildReviewPack(
        {
          reviewId: stored.reviewId,
          planName: stored.planName,
          planHash: stored.planHash,
          source: stored.source,
          target: stored.target,
          tables: stored.tables,
          records: workspace.reviews.records(stored.reviewId),
        },
        exportedBy,
        tallyVersion,
      );
      workspace.reviews.recordPack(
        {
          packId: pack.packId,
          reviewId: stored.reviewId,
          contentHash: pack.contentHash,
          records: pack.body.records.length,
          masked: pack.body.masked,
          exportedAt: pack.body.exportedAt,
        },
        exportedBy,
      );
      return {
        packId: pack.packId,
        fileName: `${fileSlug(stored.planName)}-review-${pack.packId.slice(0, 8)}.tallyreview.json`,
        content: pack.content,
        contentHash: pack.contentHash,
        records: pack.body.records.length,
        masked: pack.body.masked,
      };
    },

    async 'review.openPack'(input) {
      const pack = readReviewPack(input.content);
      // In the project that exported it, the recorded hash is the authority, not the one inside the file.
      const recorded = workspace.reviews.pack(pack.packId);
      return recorded ? readReviewPack(input.content, recorded.contentHash) : pack;
    },

    async 'review.importDecisions'(input) {
      const file = readDecisionsFile(input.content);
      const recorded = workspace.reviews.pack(file.packId);
      if (!recorded)
        throw new TallyError(
          'not-found',
          `These decisions are for review pack ${file.packId}, which this project did not export.`,
        );
      if (recorded.contentHash !== file.packHash)
        throw new TallyError(
          'bad-input',
          `These decisions were made on an altered copy of review pack ${file.packId}: its hash differs from the one recorded at export, so they are refused.`,
        );
      if (recorded.reviewId !== file.reviewId)
        throw new TallyError(
          'bad-input',
          `The decisions file names review ${file.reviewId}, but pack ${file.packId} belongs to review ${recorded.reviewId}.`,
        );
      const known = new Set(workspace.reviews.records(recorded.reviewId).map((r) => r.recordId));
      const stranger = file.decisions.find((d) => !known.has(d.recordId));
      if (stranger)
        throw new TallyError(
          'bad-input',
          `The decisions file decides record ${stranger.recordId}, which pack ${file.packId} does not hold.`,
        );
      const stored = workspace.reviews.importDecisions(
        file.packId,
        recorded.reviewId,
        file.decisions,
        input.importedBy ?? localActor(),
      );
      return {
        packId: file.packId,
        reviewId: recorded.reviewId,
        imported: stored.length,
        reviewers: [...new Set(stored.map((d) => d.reviewer))],
      };
    },

    async 'audit.list'(input) {
      return workspace.audit.list(input.limit);
    },

    async 'audit.verify'() {
      return workspace.audit.verify();
    },

    async 'report.signoff'(input) {
      const report = collectSignoffInput(workspace, {
        ...(input.planId ? { planId: input.planId } : {}),
        ...(input.planVersion !== undefined ? { planVersion: input.planVersion } : {}),
        ...(input.reviewId ? { reviewId: input.reviewId } : {}),
        ...(input.validationId ? { validationId: input.validationId } : {}),
        ...(input.signedBy ? { signedOff: { by: input.signedBy, statement: input.statement ?? null } } : {}),
      });
      return {
        html: buildSignoffReport(report),
        fileName: `${fileSlug(report.plan.name)}-signoff-${report.generatedAt.slice(0, 10)}.html`,
        audit: report.audit,
      };
    },
  };
}
