/** The plan methods of the API: auto-mapping, versions in the workspace, drift, DDL review and preview rows. */
import { createHash } from 'node:crypto';
import { TallyError } from '../../src-shared/errors';
import type { ConnectionTarget } from '../../src-shared/connection';
import type { Plan, PlanInput, TableMapping } from '../../src-shared/plan';
import { planSchema } from '../../src-shared/plan';
import { compareFingerprints, diffPlans } from '../../src-shared/plan-compare';
import type { SchemaInfo } from '../../src-shared/schema-info';
import {
  expandEnvReferences,
  formatConnectionUrl,
  openConnection,
  resolveTarget,
  type ConnectionContext,
} from '../connections/connections';
import { dialectFor, dialectForUrl } from '../dialects';
import type { DatabaseSession } from '../dialects/dialect';
import { fingerprintOf } from '../engine/fingerprint';
import { buildPlan } from '../engine/planner';
import { describeValidationError, type Handlers } from './dispatcher';

type PlanMethod =
  | 'plan.import'
  | 'plan.create'
  | 'plan.save'
  | 'plan.list'
  | 'plan.get'
  | 'plan.history'
  | 'plan.diff'
  | 'plan.drift'
  | 'plan.ddl'
  | 'plan.sampleRows';

const exactCountLimit = 500_000;

/** The plan's own JSON text: what a save stores and what its hash is taken of. */
export function canonicalPlanJson(plan: PlanInput): string {
  return `${JSON.stringify(planSchema.parse(plan), null, 2)}\n`;
}

function hashOf(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** A JSON-safe cell for the preview: dates as ISO text, binary as hex, big integers as text. */
export function jsonCell(value: unknown): string | number | boolean | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'number') return Number.isFinite(value) ? value : String(value);
  if (typeof value === 'bigint') return value.toString();
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return `\\x${Buffer.from(value).toString('hex')}`;
  return JSON.stringify(value);
}

export function planHandlers(context: ConnectionContext): Pick<Handlers, PlanMethod> {
  const { workspace } = context;

  async function withSession<T>(target: ConnectionTarget, work: (session: DatabaseSession) => Promise<T>): Promise<T> {
    const session = await openConnection(target, context, { readOnly: true });
    try {
      return await work(session);
    } finally {
      await session.close();
    }
  }

  /** A plan's connection as a call target: its name lends a saved password. */
  const planTarget = (connection: Plan['source']): ConnectionTarget =>
    connection.name ? { url: connection.url, name: connection.name } : { url: connection.url };

  /** Every new plan version goes to the audit trail (an unchanged save adds no version and no entry). */
  const auditPlanSave = (
    saved: { planId: string; version: number; unchanged: boolean },
    name: string,
    hash: string,
    note: string | null,
  ): void => {
    if (saved.unchanged) return;
    workspace.audit.append({
      kind: 'plan.saved',
      subject: saved.planId,
      summary: `Plan "${name}" saved as version ${saved.version}${note ? ` (${note})` : ''}.`,
      details: { planId: saved.planId, version: saved.version, hash, note },
    });
  };

  const tableOf = (plan: Plan, tableId: string): TableMapping => {
    const table = plan.tables.find((t) => t.id === tableId);
    if (!table) throw new TallyError('not-found', `The plan has no table mapping ${tableId}.`);
    return table;
  };

  return {
    async 'plan.create'(input) {
      const source = resolveTarget(input.source, context);
      const target = resolveTarget(input.target, context);
      const sourceSchema = await withSession(input.source, (s) => s.inspect({ exactCountLimit }));
      let targetSchema: SchemaInfo;
      try {
        targetSchema = await withSession(input.target, (s) => s.inspect({ exactCountLimit }));
      } catch (error) {
        // A target file that does not exist yet is simply an empty database.
        const targetDialect = dialectFor(target.spec.dialect);
        if (!(error instanceof TallyError && error.code === 'file-missing' && targetDialect.capabilities.fileDatabase))
          throw error;
        targetSchema = {
          dialect: target.spec.dialect,
          serverVersion: '',
          database: formatConnectionUrl(target.spec),
          schemas: [],
          tables: [],
          inspectedAt: new Date().toISOString(),
        };
      }
      const label = (resolved: typeof source): string => resolved.name ?? formatConnectionUrl(resolved.spec);
      return buildPlan(sourceSchema, targetSchema, {
        name: input.name ?? `${label(source)} → ${label(target)}`,
        source: { url: formatConnectionUrl(source.spec), ...(source.name ? { name: source.name } : {}) },
        target: { url: formatConnectionUrl(target.spec), ...(target.name ? { name: target.name } : {}) },
        ...(input.tables ? { tables: input.tables } : {}),
        targetSchema: dialectFor(target.spec.dialect).defaultSchema(target.spec),
      });
    },

    async 'plan.save'(input) {
      const contentJson = canonicalPlanJson(input.plan);
      const saved = workspace.savePlanVersion({
        ...(input.planId ? { planId: input.planId } : {}),
        name: input.plan.name,
        contentJson,
        contentHash: hashOf(contentJson),
        ...(input.note ? { note: input.note } : {}),
      });
      auditPlanSave(saved, input.plan.name, hashOf(contentJson), input.note ?? null);
      return saved;
    },

    async 'plan.import'(input) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(input.content);
      } catch (error) {
        throw new TallyError('bad-input', `The plan file is not valid JSON: ${(error as Error).message}.`);
      }
      const checked = planSchema.safeParse(parsed);
      if (!checked.success) throw new TallyError('bad-input', describeValidationError(checked.error, 'plan file'));
      const contentJson = canonicalPlanJson(checked.data);
      const saved = workspace.savePlanVersion({
        ...(input.planId ? { planId: input.planId } : {}),
        name: checked.data.name,
        contentJson,
        contentHash: hashOf(contentJson),
        note: input.note ?? 'imported',
      });
      auditPlanSave(saved, checked.data.name, hashOf(contentJson), input.note ?? 'imported');
      return { ...saved, plan: checked.data };
    },

    async 'plan.list'() {
      return workspace.listPlans();
    },

    async 'plan.get'(input) {
      const stored = workspace.getPlanVersion(input.planId, input.version);
      return {
        planId: input.planId,
        version: stored.version,
        savedAt: stored.savedAt,
        plan: planSchema.parse(JSON.parse(stored.contentJson)),
      };
    },

    async 'plan.history'(input) {
      workspace.getPlanVersion(input.planId);
      return workspace.planHistory(input.planId);
    },

    async 'plan.diff'(input) {
      const before = planSchema.parse(JSON.parse(workspace.getPlanVersion(input.planId, input.from).contentJson));
      const after = planSchema.parse(JSON.parse(workspace.getPlanVersion(input.planId, input.to).contentJson));
      return { changes: diffPlans(before, after) };
    },

    async 'plan.drift'(input) {
      const { plan } = input;
      const sourceTables = plan.sourceFingerprint.tables.map((t) => ({ schema: t.schema, name: t.name }));
      const sourceNow = await withSession(planTarget(plan.source), (s) => s.inspect({ exactCountLimit: 0 }));
      const source = compareFingerprints(plan.sourceFingerprint, fingerprintOf(sourceNow, sourceTables));
      let target: ReturnType<typeof compareFingerprints> = [];
      if (plan.targetFingerprint) {
        const targetTables = plan.targetFingerprint.tables.map((t) => ({ schema: t.schema, name: t.name }));
        const targetNow = await withSession(planTarget(plan.target), (s) => s.inspect({ exactCountLimit: 0 }));
        target = compareFingerprints(plan.targetFingerprint, fingerprintOf(targetNow, targetTables));
      }
      return { ok: source.length === 0 && target.length === 0, source, target };
    },

    async 'plan.ddl'(input) {
      const table = tableOf(input.plan, input.tableId);
      const dialect = dialectForUrl(expandEnvReferences(input.plan.target.url, context.env ?? process.env));
      if (!table.createIfMissing || !table.targetTable)
        return { dialect: dialect.info.label, createTable: [], indexes: [], foreignKeys: [] };
      return { dialect: dialect.info.label, ...dialect.tableDdl(table.target, table.targetTable) };
    },

    async 'plan.sampleRows'(input) {
      const table = tableOf(input.plan, input.tableId);
      return withSession(planTarget(input.plan.source), async (session) => {
        const from =
          'table' in table.source
            ? session.dialect.quoteTable(table.source.table)
            : `(${table.source.query}) tally_sample`;
        const rows = await session.query(session.dialect.sampleSql(from, input.limit, false));
        const columns = rows[0] ? Object.keys(rows[0]) : [];
        return {
          columns,
          rows: rows.map((row) =>
            Object.fromEntries(Object.entries(row).map(([key, value]) => [key, jsonCell(value)])),
          ),
          sampled: false,
        };
      });
    },
  };
}
