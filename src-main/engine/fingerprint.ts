/** The fingerprint of the schema a plan was built against: a snapshot of its tables and a hash of it. */
import { createHash } from 'node:crypto';
import type { SchemaFingerprint } from '../../src-shared/plan';
import { formatPortableType } from '../../src-shared/portable-types';
import type { SchemaInfo, TableRef } from '../../src-shared/schema-info';

export function fingerprintOf(schema: SchemaInfo, tables: readonly TableRef[]): SchemaFingerprint {
  const wanted = new Set(tables.map((t) => `${t.schema ?? ''}\u0000${t.name}`));
  const snapshot = schema.tables
    .filter((t) => wanted.has(`${t.schema ?? ''}\u0000${t.name}`))
    .map((t) => ({
      schema: t.schema,
      name: t.name,
      columns: t.columns.map((c) => ({
        name: c.name,
        type: `${c.nativeType} → ${formatPortableType(c.portableType)}`,
        nullable: c.nullable,
      })),
    }))
    .sort((a, b) => `${a.schema ?? ''}.${a.name}`.localeCompare(`${b.schema ?? ''}.${b.name}`));
  const hash = createHash('sha256').update(JSON.stringify(snapshot)).digest('hex');
  return { hash, tables: snapshot };
}
