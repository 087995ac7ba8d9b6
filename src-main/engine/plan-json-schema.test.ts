import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { appRoot } from '../app-paths';
import { planJsonSchema, planJsonSchemaPath } from './plan-json-schema';

describe('the published plan JSON Schema', () => {
  it('matches the zod schema it is generated from (TALLY_UPDATE_SCHEMA=1 rewrites it)', () => {
    const file = join(appRoot(), planJsonSchemaPath);
    const generated = planJsonSchema();
    if (process.env.TALLY_UPDATE_SCHEMA === '1' || !existsSync(file)) writeFileSync(file, generated);
    expect(readFileSync(file, 'utf8')).toBe(generated);
    const schema = JSON.parse(generated) as { properties: Record<string, unknown>; required: string[] };
    expect(schema.required).toEqual(expect.arrayContaining(['tally', 'source', 'target', 'tables', 'phases']));
    expect(Object.keys(schema.properties)).toContain('sourceFingerprint');
  });
});
