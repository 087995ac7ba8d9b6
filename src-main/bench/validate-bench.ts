/**
 * The validation part of `npm run bench` (TALLY_BENCH_ONLY=validate runs the migration and this
 * only): validates the migrated 1,000,000-row `orders` table SQLite → PostgreSQL with no
 * differences, then plants three (a changed value, a missing row, an extra row) on the target and
 * prints the keys the validation reported. Figures only.
 */
import type { ConnectionSpec } from '../../src-shared/connection';
import type { Plan } from '../../src-shared/plan';
import type { ValidationResult } from '../../src-shared/validation';
import { MemorySecretStore } from '../connections/secret-store';
import { dialectFor } from '../dialects';
import { validationResultOf, validatedTableIds } from '../validate/result';
import { planHashOf } from '../validate/plan-hash';
import { runValidation } from '../validate/validator';
import { canonicalPlanJson } from '../api/plan-api';
import { Workspace } from '../workspace/workspace';

async function validateOnce(
  plan: Plan,
  workspace: Workspace,
  password: string,
): Promise<{ result: ValidationResult; seconds: number }> {
  const tableIds = validatedTableIds(plan);
  const run = workspace.runs.listRuns().find((r) => !r.dryRun && r.planHash === planHashOf(plan));
  const record = workspace.validations.create({
    planName: plan.name,
    planHash: planHashOf(plan),
    planId: null,
    planVersion: null,
    planJson: canonicalPlanJson(plan),
    tableIds,
    runId: run?.id ?? null,
    sample: null,
  });
  const started = performance.now();
  await runValidation({
    plan,
    validationId: record.id,
    tableIds,
    resumed: false,
    context: { workspace, secrets: new MemorySecretStore(), env: { PGPASSWORD: password } },
    signal: new AbortController().signal,
    emit: () => undefined,
  });
  return { result: validationResultOf(workspace, record.id), seconds: (performance.now() - started) / 1000 };
}

export async function benchValidate(input: {
  plan: Plan;
  workspacePath: string;
  targetSpec: ConnectionSpec;
  password: string;
  migrationSeconds: number;
}): Promise<void> {
  const workspace = Workspace.open(input.workspacePath);
  try {
    const clean = await validateOnce(input.plan, workspace, input.password);
    const table = clean.result.tables[0];
    if (!table || table.status === 'failed')
      throw new Error(`validation failed: ${table?.error?.message ?? clean.result.error?.message ?? 'no table'}`);
    const rate = table.sourceRows / clean.seconds;
    process.stdout.write(
      `Validate: ${table.sourceRows.toLocaleString('en-US')} rows compared in ${clean.seconds.toFixed(1)} s = ${Math.round(rate).toLocaleString('en-US')} rows/s ` +
        `(${((clean.seconds / input.migrationSeconds) * 100).toFixed(0)}% of the migration's time; aim ≤ 50%, ≥ 300,000 rows/s); ` +
        `${table.segments} segments, hashed in ${table.hashedIn.source} (source) and ${table.hashedIn.target} (target): ` +
        `${clean.result.ok ? 'identical' : `NOT identical (${table.missing} missing, ${table.extra} extra, ${table.changed} changed)`}\n`,
    );

    const target = await dialectFor('postgres').connect(input.targetSpec, {
      password: input.password,
      readOnly: false,
      timeoutMs: 10_000,
    });
    const rows = table.sourceRows;
    const changedKey = Math.floor(rows / 3);
    const missingKey = Math.floor((rows * 2) / 3);
    const extraKey = rows + 1000;
    try {
      await target.query(`UPDATE orders SET status = 'planted' WHERE order_id = ?`, [changedKey]);
      await target.query(`DELETE FROM orders WHERE order_id = ?`, [missingKey]);
      await target.query(
        `INSERT INTO orders SELECT (jsonb_populate_record(o, jsonb_build_object('order_id', ?::bigint))).* FROM orders o WHERE order_id = 1000`,
        [extraKey],
      );
    } finally {
      await target.close();
    }
    const planted = await validateOnce(input.plan, workspace, input.password);
    const found = planted.result.tables[0];
    const reported = (found?.examples ?? []).map(
      (d) =>
        `${d.kind} ${d.key}${d.columns.length ? ` (${d.columns.map((c) => `${c.column}: ${String(c.expected)} → ${String(c.actual)}, ${c.cause}`).join('; ')})` : ''}`,
    );
    const expected = [`changed order_id=${changedKey}`, `missing order_id=${missingKey}`, `extra order_id=${extraKey}`];
    const exact = reported.length === 3 && expected.every((e) => reported.some((r) => r.startsWith(e)));
    process.stdout.write(
      `Validate with 3 planted differences: ${planted.seconds.toFixed(1)} s, ${found?.mismatchedSegments ?? 0} of ${found?.segments ?? 0} segments mismatched and bisected; reported ${reported.length}: ${reported.join(' | ')}; ` +
        `${exact ? 'exactly the 3 planted keys' : `NOT exactly the planted keys (${expected.join(', ')})`}\n`,
    );
  } finally {
    workspace.close();
  }
}
