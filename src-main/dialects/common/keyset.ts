/**
 * Keyset paging: the next rows after the last key read, in key order, never OFFSET. The
 * condition is spelled out (`k1 > ? OR (k1 = ? AND k2 > ?)`) rather than as a row value, which
 * SQL Server lacks and some MySQL versions do not index.
 */
export function keysetCondition(
  quotedKeys: readonly string[],
  after: readonly unknown[],
): { sql: string; bindings: unknown[] } {
  const alternatives: string[] = [];
  const bindings: unknown[] = [];
  quotedKeys.forEach((key, i) => {
    const equal = quotedKeys.slice(0, i).map((k) => `${k} = ?`);
    alternatives.push([...equal, `${key} > ?`].join(' AND '));
    bindings.push(...after.slice(0, i), after[i]);
  });
  return { sql: alternatives.map((a) => `(${a})`).join(' OR '), bindings };
}
