import { OrderingCycleError, orderTransforms } from '../../src/engine/ordering.js';
import type { Transform } from '../../src/engine/transform.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';

const stub = (id: string, runsAfter?: string[]): Transform => ({ id, description: id, defaultOn: false, options: [], ...(runsAfter ? { runsAfter } : {}), apply: () => ({ changes: [], skips: [] }) });
const order = (selected: readonly Transform[], precedence?: readonly Transform[]) => orderTransforms(selected, precedence).map((transform) => transform.id);

test('the built-ins run in the order their runsAfter declarations give, whatever order they were selected in', () => {
  const [cacheMounts, noCacheFlags, syntax] = BUILTIN_TRANSFORMS;
  for (const selected of [[syntax!, cacheMounts!, noCacheFlags!], [noCacheFlags!, syntax!, cacheMounts!], [syntax!, noCacheFlags!, cacheMounts!]]) {
    expect(order(selected, BUILTIN_TRANSFORMS)).toEqual(['cache-mounts', 'no-cache-flags', 'syntax']);
  }
  // A declaration about a transform that is not selected orders nothing.
  expect(order([syntax!, noCacheFlags!], BUILTIN_TRANSFORMS)).toEqual(['no-cache-flags', 'syntax']);
});

test('ties keep the precedence order (built-ins, then custom transforms as configured), not the selection order', () => {
  const [a, b, c] = [stub('a'), stub('b', ['c']), stub('c')];
  expect(order([c, b, a], [a, b, c])).toEqual(['a', 'c', 'b']);
  expect(order([c, b, a])).toEqual(['c', 'b', 'a']);
  // Transforms missing from the precedence list come after those in it, in selection order.
  expect(order([stub('x'), a], [a])).toEqual(['a', 'x']);
});

test('a cycle is an error that names the transforms in it', () => {
  const selected = [stub('free'), stub('a', ['c']), stub('b', ['a']), stub('c', ['b']), stub('self', ['self'])];
  expect(() => orderTransforms(selected)).toThrow(OrderingCycleError);
  expect(() => orderTransforms(selected)).toThrow('transforms a -> c -> b -> a must each run after the next');
  // Declaring itself is no cycle.
  expect(order([stub('self', ['self'])])).toEqual(['self']);
});
