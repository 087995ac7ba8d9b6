/** The published JSON Schema of plan files, generated from the zod schema so the two cannot disagree. */
import { z } from 'zod';
import { planSchema } from '../../src-shared/plan';

export const planJsonSchemaPath = 'resources/plan.schema.json';

export function planJsonSchema(): string {
  const schema = z.toJSONSchema(planSchema, { io: 'input', unrepresentable: 'any' });
  const published = {
    ...schema,
    $id: 'https://tally.invalid/plan.schema.json',
    title: 'Tally plan',
    description: 'A Tally migration plan: source and target (URLs without secrets), table and column mappings, phases.',
  };
  return `${JSON.stringify(published, null, 2)}\n`;
}
