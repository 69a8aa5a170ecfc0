import type { Transform } from './transform.js';

/** Selected transforms that must each run after another of them: no order satisfies them all. */
export class OrderingCycleError extends Error {
  constructor(readonly cycle: readonly string[]) {
    super(`transforms ${cycle.join(' -> ')} must each run after the next (runsAfter): remove one of these declarations`);
  }
}

/** The selected transforms a transform must run after: its `runsAfter` ids that are selected too. */
function predecessors(transform: Transform, selected: ReadonlyMap<string, Transform>): Transform[] {
  return (transform.runsAfter ?? []).flatMap((id) => {
    const other = selected.get(id);
    return other && other !== transform ? [other] : [];
  });
}

/** A cycle among `pending` (each has a pending predecessor), as ids from one transform back to itself. */
function findCycle(pending: readonly Transform[], selected: ReadonlyMap<string, Transform>): string[] {
  const left = new Set(pending);
  const path: Transform[] = [];
  let current = pending[0]!;
  while (!path.includes(current)) {
    path.push(current);
    current = predecessors(current, selected).find((other) => left.has(other))!;
  }
  const cycle = path.slice(path.indexOf(current));
  return [...cycle, cycle[0]!].map((transform) => transform.id);
}

/**
 * The order in which selected transforms run: each after the ones it declares `runsAfter`
 * (ESLint-style composition is the engine's job, not the user's flag order). Stable: among
 * transforms free to run, the one earlier in `precedence` (the built-ins, then custom transforms
 * as configured) goes first, so the order never depends on how `--transform` flags were ordered.
 * Throws an OrderingCycleError naming the transforms of a cycle.
 */
export function orderTransforms(selected: readonly Transform[], precedence: readonly Transform[] = selected): Transform[] {
  const byId = new Map(selected.map((transform) => [transform.id, transform]));
  const rank = (transform: Transform) => {
    const index = precedence.indexOf(transform);
    return index >= 0 ? index : precedence.length + selected.indexOf(transform);
  };
  const pending = [...new Set(selected)].sort((a, b) => rank(a) - rank(b));
  const ordered: Transform[] = [];
  while (pending.length > 0) {
    const ready = pending.findIndex((transform) => predecessors(transform, byId).every((other) => ordered.includes(other)));
    if (ready < 0) throw new OrderingCycleError(findCycle(pending, byId));
    ordered.push(...pending.splice(ready, 1));
  }
  return ordered;
}
