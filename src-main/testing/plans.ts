/** Test helper: the auto-mapped plan from a SQLite file into a fresh live database, as `tally plan` makes it. */
import type { Plan } from '../../src-shared/plan';
import { dialectFor } from '../dialects';
import type { FreshDatabase } from '../dialects/conformance/targets';
import { buildPlan } from '../engine/planner';

export async function autoPlanInto(sourceFile: string, fresh: FreshDatabase, name: string): Promise<Plan> {
  const dialect = dialectFor(fresh.spec.dialect);
  const source = await dialectFor('sqlite').connect(
    { dialect: 'sqlite', file: sourceFile },
    { password: undefined, readOnly: true, timeoutMs: 5000 },
  );
  const target = await fresh.open();
  try {
    return buildPlan(await source.inspect({ exactCountLimit: 1e9 }), await target.inspect({ exactCountLimit: 0 }), {
      name,
      source: { url: `sqlite:${sourceFile}` },
      target: { url: dialect.formatUrl(fresh.spec) },
      targetSchema: dialect.defaultSchema(fresh.spec),
    });
  } finally {
    await source.close();
    await target.close();
  }
}
