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

/**
 * The parts of a keyset page every dialect shares: the select list (with the filter's keep flag
 * last), the FROM item and the WHERE clause; the dialect adds its own LIMIT/TOP.
 */
export function keysetPageParts(
  quoteIdentifier: (name: string) => string,
  quotedTable: string,
  columns: readonly string[],
  keyColumns: readonly string[],
  after: readonly unknown[] | null,
  options: { from?: string; where?: { sql: string; bindings: readonly unknown[] }; keepWhen?: string } = {},
): { select: string; from: string; where: string; orderBy: string; bindings: unknown[] } {
  const keys = keyColumns.map(quoteIdentifier);
  const conditions: string[] = [];
  const bindings: unknown[] = [];
  if (after) {
    const condition = keysetCondition(keys, after);
    conditions.push(`(${condition.sql})`);
    bindings.push(...condition.bindings);
  }
  if (options.where) {
    conditions.push(`(${options.where.sql})`);
    bindings.push(...options.where.bindings);
  }
  const select = [
    ...columns.map(quoteIdentifier),
    ...(options.keepWhen ? [`CASE WHEN (${options.keepWhen}) THEN 1 ELSE 0 END`] : []),
  ].join(', ');
  return {
    select,
    from: options.from ?? quotedTable,
    where: conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '',
    orderBy: keys.join(', '),
    bindings,
  };
}
