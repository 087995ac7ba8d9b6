/**
 * Loading order: a table is loaded after the tables it references. Cycles (A → B → A) and
 * self-references cannot be ordered; their keys are marked deferred (created after the load, or
 * checked at commit) so the rows can go in first.
 */
export type DependencyEdge = { from: string; to: string };

export type LoadOrder = {
  /** Groups of table ids; every table's dependencies are in earlier groups. */
  phases: string[][];
  /** Edges that close a cycle or point at their own table. */
  deferredEdges: DependencyEdge[];
};

/** Tarjan's strongly connected components over the dependency graph. */
function components(nodes: readonly string[], edges: ReadonlyMap<string, readonly string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const result: string[][] = [];
  const visit = (node: string): void => {
    index.set(node, counter);
    low.set(node, counter);
    counter += 1;
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        visit(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) === index.get(node)) {
      const component: string[] = [];
      for (;;) {
        const member = stack.pop();
        if (member === undefined) break;
        onStack.delete(member);
        component.push(member);
        if (member === node) break;
      }
      result.push(component);
    }
  };
  for (const node of nodes) if (!index.has(node)) visit(node);
  return result;
}

export function loadOrder(tables: readonly string[], dependencies: readonly DependencyEdge[]): LoadOrder {
  const known = new Set(tables);
  const edges = new Map<string, string[]>();
  for (const edge of dependencies) {
    if (!known.has(edge.from) || !known.has(edge.to)) continue;
    edges.set(edge.from, [...(edges.get(edge.from) ?? []), edge.to]);
  }
  const componentOf = new Map<string, number>();
  components(tables, edges).forEach((members, i) => members.forEach((m) => componentOf.set(m, i)));

  const deferredEdges = dependencies.filter(
    (e) => known.has(e.from) && known.has(e.to) && componentOf.get(e.from) === componentOf.get(e.to),
  );
  // Phase of a component: one past the deepest component it depends on.
  const phaseOf = new Map<number, number>();
  const depth = (component: number, seen: Set<number>): number => {
    const cached = phaseOf.get(component);
    if (cached !== undefined) return cached;
    seen.add(component);
    let phase = 0;
    for (const table of tables) {
      if (componentOf.get(table) !== component) continue;
      for (const target of edges.get(table) ?? []) {
        const other = componentOf.get(target);
        if (other === undefined || other === component || seen.has(other)) continue;
        phase = Math.max(phase, depth(other, seen) + 1);
      }
    }
    phaseOf.set(component, phase);
    return phase;
  };
  const phases: string[][] = [];
  for (const table of [...tables].sort((a, b) => a.localeCompare(b))) {
    const phase = depth(componentOf.get(table) ?? 0, new Set());
    while (phases.length <= phase) phases.push([]);
    phases[phase]?.push(table);
  }
  return { phases: phases.filter((p) => p.length > 0), deferredEdges };
}
