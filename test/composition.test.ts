import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { MAX_PASSES, transformContent } from '../src/engine/pipeline.js';
import type { Transform } from '../src/engine/transform.js';
import { aptNoRecommends } from './support/apt-no-recommends.js';
import { DEFAULT_TRANSFORMS } from './support/invariants.js';

/**
 * Composition is the engine's job: whatever order the transforms run in, passes to a fixpoint give
 * the same file, and a second run changes nothing. The orderings are forced by taking away the
 * transforms' runsAfter declarations, so the engine really runs them in each order.
 */
const root = fileURLToPath(new URL('fixtures', import.meta.url));
const fixtures = readdirSync(root).sort().map((name) => ({ name, input: readFileSync(join(root, name, 'input.Dockerfile'), 'utf8') }));
const optionsOf = (name: string) => {
  try {
    return (JSON.parse(readFileSync(join(root, name, 'options.json'), 'utf8')) as { options?: Record<string, Record<string, string | boolean>> }).options ?? {};
  } catch {
    return {};
  }
};

function permutations<T>(items: readonly T[]): T[][] {
  if (items.length <= 1) return [[...items]];
  return items.flatMap((item, index) => permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]));
}

const undeclared = (transform: Transform): Transform => ({ ...transform, runsAfter: [] });
const ORDERINGS = permutations([...DEFAULT_TRANSFORMS, aptNoRecommends].map(undeclared));

test('there are 24 orderings of the three built-ins and a custom transform', () => {
  expect(ORDERINGS).toHaveLength(24);
});

describe.each(fixtures)('fixture $name', ({ name, input }) => {
  const options = optionsOf(name);
  const declared = transformContent('Dockerfile', input, [...DEFAULT_TRANSFORMS, aptNoRecommends], options);

  test('every ordering gives the declared order\'s output, and a second run changes nothing', () => {
    expect(declared.status).not.toBe('error');
    const outputs = new Set<string | undefined>();
    for (const ordering of ORDERINGS) {
      const result = transformContent('Dockerfile', input, ordering, options);
      outputs.add(result.output);
      const again = transformContent('Dockerfile', result.output!, ordering, options);
      expect({ ordering: ordering.map((t) => t.id), changes: again.changes }).toEqual({ ordering: ordering.map((t) => t.id), changes: [] });
    }
    expect([...outputs]).toEqual([declared.output]);
  });
});

describe('a file that does not converge is an error naming the transforms, with no output', () => {
  const label = (id: string, add: boolean): Transform => ({
    id,
    description: add ? 'adds a label' : 'removes the label',
    defaultOn: false,
    options: [],
    apply(document) {
      const at = document.text.indexOf('LABEL x=1\n');
      if (add === at >= 0) return { changes: [], skips: [] };
      const edit = add ? { start: document.text.length, end: document.text.length, newText: 'LABEL x=1\n' } : { start: at, end: at + 'LABEL x=1\n'.length, newText: '' };
      return { changes: [{ line: 1, message: id, edits: [edit] }], skips: [] };
    },
  });
  const input = 'FROM debian\n';

  test('two transforms that undo each other (A -> B -> A)', () => {
    const result = transformContent('Dockerfile', input, [label('adder', true), label('remover', false)]);
    expect(result).toMatchObject({ status: 'error', error: expect.stringContaining('does not converge: transforms adder, remover undo each other') });
    expect(result.output).toBeUndefined();
  });

  test(`a transform still editing after ${MAX_PASSES} passes`, () => {
    let runs = 0;
    const counter: Transform = { ...label('counter', true), apply: (document) => ({ changes: [{ line: 1, message: 'again', edits: [{ start: 0, end: 0, newText: `# ${++runs}\n` }] }], skips: [] }) };
    const result = transformContent('Dockerfile', input, [counter]);
    expect(result).toMatchObject({ status: 'error', error: `does not converge: transforms counter still edit the file after ${MAX_PASSES} passes; fix the one that is not idempotent` });
    expect(runs).toBe(MAX_PASSES);
  });
});

test('changes of every pass are reported at lines of the input; skips are those of the final text', () => {
  // syntax runs first and finds no mount; cache-mounts adds one; the second pass adds the directive.
  const input = 'FROM python:3.12\n\nRUN pip install flask\nUSER nobody\nRUN pip install requests\n';
  const forced = DEFAULT_TRANSFORMS.map(undeclared).reverse();
  const result = transformContent('Dockerfile', input, forced);
  expect(result.output).toBe('# syntax=docker/dockerfile:1\nFROM python:3.12\n\nRUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install flask\nUSER nobody\nRUN pip install requests\n');
  expect(result.changes.map(({ transform, line }) => `${transform}:${line}`)).toEqual(['syntax:1', 'cache-mounts:3']);
  expect(result.skipped.map(({ transform, line }) => `${transform}:${line}`)).toEqual(['cache-mounts:5']);
});
