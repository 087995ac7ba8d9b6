/**
 * Gathers what the sign-off report states from the workspace: the plan (from the review, the
 * validation or the saved plan asked for), its latest run and that run's rejects, its latest
 * validation, its latest review with the decisions, and the audit chain's verdict.
 */
import { TallyError } from '../../src-shared/errors';
import { planSchema, type Plan } from '../../src-shared/plan';
import { formatTableRef } from '../../src-shared/schema-info';
import { planHashOf } from '../validate/plan-hash';
import { validationResultOf } from '../validate/result';
import { tallyVersion } from '../version';
import type { Workspace } from '../workspace/workspace';
import { buildSignoffReport, type SignoffReportInput } from './signoff';

export type SignoffOptions = {
  /** The plan to report on; otherwise the plan of the review, the validation or the saved plan named. */
  plan?: Plan;
  planId?: string;
  planVersion?: number;
  reviewId?: string;
  validationId?: string;
  /** Set when someone signs off: the sign-off is appended to the audit trail before the report is made. */
  signedOff?: { by: string; statement?: string | null };
};

export function collectSignoffInput(workspace: Workspace, options: SignoffOptions = {}): SignoffReportInput {
  const review = options.reviewId ? workspace.reviews.get(options.reviewId) : undefined;
  const validationRecord = options.validationId ? workspace.validations.get(options.validationId) : undefined;
  let planId = options.planId ?? review?.planId ?? validationRecord?.planId ?? null;
  let planVersion = options.planVersion ?? review?.planVersion ?? validationRecord?.planVersion ?? null;
  let plan = options.plan;
  if (!plan && review) plan = planSchema.parse(JSON.parse(review.planJson));
  if (!plan && validationRecord) plan = planSchema.parse(JSON.parse(validationRecord.planJson));
  if (!plan && options.planId) {
    const stored = workspace.getPlanVersion(options.planId, options.planVersion);
    plan = planSchema.parse(JSON.parse(stored.contentJson));
    planVersion = stored.version;
  }
  if (!plan) {
    const latest = workspace.reviews.latest() ?? undefined;
    if (latest) {
      plan = planSchema.parse(JSON.parse(latest.planJson));
      planId = latest.planId;
      planVersion = latest.planVersion;
    }
  }
  if (!plan) {
    const latest = workspace.validations.list()[0];
    if (latest) {
      plan = planSchema.parse(JSON.parse(latest.planJson));
      planId = latest.planId;
      planVersion = latest.planVersion;
    }
  }
  if (!plan) {
    const latest = workspace.listPlans()[0];
    if (latest) {
      const stored = workspace.getPlanVersion(latest.planId);
      plan = planSchema.parse(JSON.parse(stored.contentJson));
      planId = latest.planId;
      planVersion = stored.version;
    }
  }
  if (!plan)
    throw new TallyError('not-found', 'There is nothing to sign off yet: save a plan, run it and validate it first.');
  const hash = planHashOf(plan);
  // A saved plan's version, when the caller did not say: the saved version with this content.
  if (planVersion === null) {
    for (const saved of workspace.listPlans()) {
      const match = workspace.planHistory(saved.planId).find((v) => v.hash === hash);
      if (match) {
        planId = saved.planId;
        planVersion = match.version;
        break;
      }
    }
  }

  const runs = workspace.runs.listRuns().filter((r) => !r.dryRun);
  const run = runs.find((r) => r.planHash === hash) ?? runs.find((r) => r.planName === plan.name);
  const describe = (tableId: string): { source: string; target: string } => {
    const table = plan.tables.find((t) => t.id === tableId);
    if (!table) return { source: tableId, target: tableId };
    return {
      source: 'table' in table.source ? formatTableRef(table.source.table) : '(query)',
      target: formatTableRef(table.target),
    };
  };
  const runTables = run ? workspace.runs.tables(run.id) : [];

  const validationId =
    validationRecord?.id ?? workspace.validations.list().find((v) => v.planHash === hash && v.status !== 'running')?.id;
  const validation = validationId ? validationResultOf(workspace, validationId) : null;

  const reviewRecord = review ?? workspace.reviews.list().find((r) => r.planHash === hash);
  const reviewInput = reviewRecord
    ? (() => {
        const stored = workspace.reviews.get(reviewRecord.reviewId);
        return {
          reviewId: stored.reviewId,
          createdAt: stored.createdAt,
          seed: stored.seed,
          perTable: stored.perTable,
          records: workspace.reviews.records(stored.reviewId),
          decisions: workspace.reviews.latestDecisions(stored.reviewId),
        };
      })()
    : null;

  let signedOff: SignoffReportInput['signedOff'] = null;
  if (options.signedOff) {
    const entry = workspace.audit.append({
      kind: 'signoff',
      actor: options.signedOff.by,
      subject: plan.name,
      summary: `${options.signedOff.by} signed off plan "${plan.name}"${planVersion !== null ? ` version ${planVersion}` : ''}.`,
      details: {
        planHash: hash,
        runId: run?.id ?? null,
        validationId: validation?.validationId ?? null,
        reviewId: reviewInput?.reviewId ?? null,
        statement: options.signedOff.statement ?? null,
      },
    });
    signedOff = { by: entry.actor, at: entry.at, statement: options.signedOff.statement ?? null };
  }

  return {
    generatedAt: new Date().toISOString(),
    tallyVersion,
    plan: { name: plan.name, planId, version: planVersion, hash },
    source: plan.source.url,
    target: plan.target.url,
    run: run
      ? {
          runId: run.id,
          status: run.status,
          mode: run.mode,
          startedAt: run.startedAt,
          finishedAt: run.finishedAt,
          rolledBackAt: workspace.runs.rolledBackAt(run.id),
          tables: runTables.map((t) => ({
            tableId: t.tableId,
            ...describe(t.tableId),
            read: t.read,
            written: t.written,
            rejected: t.rejected,
            filtered: t.filtered,
          })),
        }
      : null,
    validation,
    rejects: run
      ? runTables.map((t) => ({
          tableId: t.tableId,
          count: t.rejected,
          examples:
            t.rejected > 0
              ? workspace.runs.rejects(run.id, t.tableId, 5).map((r) => ({ rowKey: r.rowKey, reason: r.reason }))
              : [],
        }))
      : [],
    review: reviewInput,
    audit: workspace.audit.verify(),
    signedOff,
  };
}

/** The sign-off report's HTML for `tally validate --report FILE` and the API. */
export function signoffReportFor(workspace: Workspace, options: SignoffOptions = {}): string {
  return buildSignoffReport(collectSignoffInput(workspace, options));
}
