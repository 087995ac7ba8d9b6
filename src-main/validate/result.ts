/** A validation as the API and the CLI report it, assembled from what the workspace holds. */
import type { Plan } from '../../src-shared/plan';
import type { TableValidation, ValidationResult, ValidationSummary } from '../../src-shared/validation';
import { tallyVersion } from '../version';
import type { Workspace } from '../workspace/workspace';
import { planHashOf } from './plan-hash';
import type { ValidationRecord } from './validation-store';

function sourceName(plan: Plan, tableId: string): { source: string; target: string } {
  const table = plan.tables.find((t) => t.id === tableId);
  if (!table) return { source: tableId, target: tableId };
  return { source: 'table' in table.source ? table.source.table.name : '(query)', target: table.target.name };
}

/** A table not compared yet (the validation is still running, or stopped before it). */
export function pendingTable(plan: Plan, tableId: string): TableValidation {
  const table = plan.tables.find((t) => t.id === tableId);
  return {
    ...sourceName(plan, tableId),
    sourceRows: 0,
    targetRows: 0,
    segments: 0,
    mismatchedSegments: 0,
    missing: 0,
    extra: 0,
    changed: 0,
    examples: [],
    tableId,
    status: 'pending',
    keyColumns: table?.keyColumns ?? [],
    counts: { sourceRows: 0, filteredRows: 0, targetRows: 0, run: null, ok: false, message: null },
    rowsCompared: 0,
    quarantined: 0,
    withinTolerance: 0,
    tolerances: table?.tolerances ?? {},
    floatDigits: 0,
    hashedIn: { source: 'database', target: 'database' },
    groups: [],
    seconds: 0,
    error: null,
  };
}

/** The table ids a validation covers, in the plan's phase order. */
export function validatedTableIds(plan: Plan, only?: readonly string[]): string[] {
  const ordered = plan.phases.flatMap((p) => p.tables);
  const all = [...ordered, ...plan.tables.map((t) => t.id).filter((id) => !ordered.includes(id))];
  return only && only.length > 0 ? all.filter((id) => only.includes(id)) : all;
}

export function validationResultOf(workspace: Workspace, validationId: string): ValidationResult {
  const record = workspace.validations.get(validationId);
  const plan = JSON.parse(record.planJson) as Plan;
  const finished = new Map(workspace.validations.tables(validationId).map((t) => [t.tableId, t]));
  const tables = record.tableIds.map((id) => finished.get(id) ?? pendingTable(plan, id));
  return {
    tables,
    ok: record.status === 'done' && tables.every((t) => t.status === 'match'),
    validationId: record.id,
    status: record.status,
    planName: record.planName,
    planId: record.planId,
    planVersion: record.planVersion,
    planHash: record.planHash,
    source: plan.source.url,
    target: plan.target.url,
    runId: record.runId,
    sample: record.sample,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    resumed: false,
    tallyVersion,
    error: record.error,
  };
}

export function validationSummaryOf(workspace: Workspace, record: ValidationRecord): ValidationSummary {
  const tables = workspace.validations.tables(record.id);
  return {
    validationId: record.id,
    status: record.status,
    ok: record.ok,
    planName: record.planName,
    planId: record.planId,
    planVersion: record.planVersion,
    planHash: record.planHash,
    startedAt: record.startedAt,
    finishedAt: record.finishedAt,
    tables: tables.length,
    missing: tables.reduce((sum, t) => sum + t.missing, 0),
    extra: tables.reduce((sum, t) => sum + t.extra, 0),
    changed: tables.reduce((sum, t) => sum + t.changed, 0),
  };
}

export { planHashOf };
