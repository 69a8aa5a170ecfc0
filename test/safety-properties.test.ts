import fc from 'fast-check';
import { DockerfileParser } from 'dockerfile-ast';
import { cacheMountFlags, run } from './support/invariants.js';

/**
 * The safety invariant of issue 12, checked against ground truth: Dockerfiles are generated from
 * idioms that each say which paths they delete, move, unpack into, change, read or write, so the
 * test knows, independently of the transform's own path model, where a cache mount would break
 * the build or change the image. For every mount the transform adds, no idiom of the same RUN,
 * no earlier fill and no later reader of its stage chain may touch the mount's directory in a
 * way the invariant forbids. A second property checks recall: a pip RUN that nothing touches
 * still gets its mount.
 */
interface Idiom {
  readonly text: string;
  /** Removed or moved: a mount at or below any of these fails with EBUSY. */
  readonly removes?: readonly string[];
  /** Removes only this exact path: allowed when the transform drops the operand. */
  readonly removesExactly?: string;
  /** Removes everything directly inside this directory (`rm -rf dir/*`). */
  readonly empties?: string;
  /** Unpacks or changes recursively below these paths. */
  readonly changesBelow?: readonly string[];
  /** Reads these paths, not as a package manager cache. */
  readonly uses?: readonly string[];
  /** Writes files below this path (a fill for later RUNs). */
  readonly writes?: string;
  /** Fills this directory (apt-get update fills the lists). */
  readonly fills?: string;
  /** Needs what earlier RUNs left in this directory, unless an idiom before it in the RUN fills it. */
  readonly needsEarlier?: string;
}

const HOME = '/root';
const PIP = `${HOME}/.cache/pip`;
const LISTS = '/var/lib/apt/lists';

const IDIOMS: readonly Idiom[] = [
  { text: 'pip install flask' },
  { text: 'pip install --no-cache-dir requests' },
  { text: 'python3 -m pip install -r requirements.txt' },
  { text: 'apt-get update', fills: LISTS },
  { text: 'apt-get install -y curl', needsEarlier: LISTS },
  { text: 'echo hello' },
  { text: 'rm -rf /tmp/*' },
  { text: 'rm -rf /root/.cache', removes: ['/root/.cache'] },
  { text: 'rm -rf /root/.cache/*', removes: ['/root/.cache/'] },
  { text: 'rm -rf ~/.cache', removes: ['/root/.cache'] },
  { text: 'rm -rf $HOME/.cache', removes: ['/root/.cache'] },
  { text: 'rm -rf /root', removes: ['/root'] },
  { text: 'find /root/.cache -delete', removes: ['/root/.cache'] },
  { text: "sh -c 'rm -rf /root/.cache'", removes: ['/root/.cache'] },
  { text: 'cd /root && rm -rf .cache', removes: ['/root/.cache'] },
  { text: 'rm -rf /root/.cache/pip/*', empties: PIP },
  { text: 'cp -r /tmp/wheels /root/.cache/pip/wheels', writes: '/root/.cache/pip/wheels' },
  { text: 'mv /root/.cache /tmp/old', removes: ['/root/.cache'] },
  { text: 'rm -rf /var/cache/*', removes: ['/var/cache/'] },
  { text: 'rm -rf /var/lib/apt', removes: ['/var/lib/apt'] },
  { text: 'rm -rf /root/.cache/pip', removesExactly: PIP },
  { text: 'rm -rf /var/lib/apt/lists/*', empties: LISTS },
  { text: 'tar -xzf /tmp/seed.tgz -C /root', changesBelow: ['/root'], writes: '/root' },
  { text: 'chown -R nobody /root/.cache', changesBelow: ['/root/.cache'] },
  { text: 'echo x > /root/.cache/pip/marker', writes: '/root/.cache/pip/marker' },
  { text: 'ls /root/.cache/pip/wheels', uses: ['/root/.cache/pip/wheels'] },
  { text: 'pip install --find-links /root/.cache/pip/wheels flask', uses: ['/root/.cache/pip/wheels'] },
  { text: 'cat /var/lib/apt/lists/lock', uses: ['/var/lib/apt/lists/lock'] },
];

interface Step {
  readonly kind: 'run' | 'copy-in' | 'copy-from';
  readonly idioms: readonly Idiom[];
  /** copy-in: the destination of a directory copied from the context. copy-from: the path read from the stage. */
  readonly path?: string;
}

interface StageSpec {
  readonly base: 'python' | 'debian' | 'earlier';
  readonly steps: readonly Step[];
}

const idiom = fc.constantFrom(...IDIOMS);
const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 6, arbitrary: fc.array(idiom, { minLength: 1, maxLength: 3 }).map((idioms): Step => ({ kind: 'run', idioms })) },
  { weight: 1, arbitrary: fc.constantFrom('/root/.cache/', '/root/', '/root/.cache/pip/', '/app/', '/var/lib/apt/').map((path): Step => ({ kind: 'copy-in', idioms: [], path })) },
  { weight: 1, arbitrary: fc.constantFrom(PIP, '/root/.cache', LISTS, '/usr/local/lib').map((path): Step => ({ kind: 'copy-from', idioms: [], path })) },
);
const stage: fc.Arbitrary<StageSpec> = fc.record({
  base: fc.constantFrom('python' as const, 'debian' as const, 'earlier' as const),
  steps: fc.array(step, { minLength: 1, maxLength: 4 }),
});

/** A generated file, with the stage chain of each stage (itself and the stages it is built on). */
interface Generated {
  readonly text: string;
  /** Per RUN, in file order: its stage and idioms. */
  readonly runs: readonly { stage: number; idioms: readonly Idiom[] }[];
  /** Per instruction, in file order (FROM included): its stage and step. */
  readonly steps: readonly { stage: number; step?: Step }[];
  readonly parents: readonly (number | undefined)[];
}

function render(stages: readonly StageSpec[]): Generated {
  const lines: string[] = [];
  const runs: { stage: number; idioms: readonly Idiom[] }[] = [];
  const steps: { stage: number; step?: Step }[] = [];
  const parents: (number | undefined)[] = [];
  stages.forEach((spec, index) => {
    const parent = spec.base === 'earlier' && index > 0 ? index - 1 : undefined;
    parents.push(parent);
    lines.push(`FROM ${parent !== undefined ? `s${parent}` : spec.base === 'debian' ? 'debian:bookworm' : 'python:3.12'} AS s${index}`);
    steps.push({ stage: index });
    for (const item of spec.steps) {
      if (item.kind === 'copy-from' && index === 0) continue;
      if (item.kind === 'run') {
        lines.push(`RUN ${item.idioms.map((entry) => entry.text).join(' && ')}`);
        runs.push({ stage: index, idioms: item.idioms });
      } else if (item.kind === 'copy-in') {
        lines.push(`COPY seed/ ${item.path}`);
      } else {
        lines.push(`COPY --from=s${index - 1} ${item.path} /copied/`);
      }
      steps.push({ stage: index, step: item });
    }
  });
  return { text: `${lines.join('\n')}\n`, runs, steps, parents };
}

const within = (path: string, dir: string) => path === dir || path.startsWith(dir.endsWith('/') ? dir : `${dir}/`);
/** `/root/.cache/` stands for the directory's children (a `dir/*` glob): it covers what is strictly below. */
const covers = (removed: string, target: string) => (removed.endsWith('/') ? target.startsWith(removed) : within(target, removed));

/** True when stage `descendant` is `ancestor` or built on it. */
function builtOn(parents: readonly (number | undefined)[], descendant: number, ancestor: number): boolean {
  for (let stageIndex: number | undefined = descendant; stageIndex !== undefined; stageIndex = parents[stageIndex]) {
    if (stageIndex === ancestor) return true;
  }
  return false;
}

/** Why the mount at `target` on the RUN at `runIndex` breaks the invariant, or undefined. */
function violation(generated: Generated, runIndex: number, target: string, outputRun: string): string | undefined {
  const { stage, idioms } = generated.runs[runIndex]!;
  for (const entry of idioms) {
    if (entry.removes?.some((removed) => covers(removed, target))) return `same RUN removes above ${target}: ${entry.text}`;
    if (entry.removesExactly === target && outputRun.includes(entry.text)) return `same RUN still removes ${target}: ${entry.text}`;
    if (entry.changesBelow?.some((dir) => within(target, dir) || within(dir, target))) return `same RUN changes below ${target}: ${entry.text}`;
    if (entry.uses?.some((path) => path !== target && within(path, target))) return `same RUN uses a path inside ${target}: ${entry.text}`;
    if (entry.writes !== undefined && within(entry.writes, target)) return `same RUN writes inside ${target}: ${entry.text}`;
  }
  const writesPip = idioms.some((entry) => /^(pip|python3 -m pip) install/.test(entry.text) && !entry.text.includes('--no-cache-dir'));
  const emptied = idioms.some((entry) => entry.empties === target || entry.removesExactly === target) || (target === PIP && !writesPip);
  const overlaps = (path: string) => within(path, target) || within(target, path);
  // The instruction index of this RUN among all steps.
  let seenRuns = -1;
  const position = generated.steps.findIndex((entry) => entry.step?.kind === 'run' && ++seenRuns === runIndex);
  for (const [index, entry] of generated.steps.entries()) {
    const item = entry.step;
    if (!item) continue;
    if (index < position && builtOn(generated.parents, stage, entry.stage)) {
      if (item.kind === 'copy-in' && overlaps(item.path!)) return `earlier COPY into ${item.path} fills ${target}`;
      const filler = item.idioms.find((earlier) => earlier.writes !== undefined && overlaps(earlier.writes));
      if (filler) return `earlier RUN fills ${target}: ${filler.text}`;
    }
    if (index <= position || emptied) continue;
    if (item.kind === 'copy-from' && builtOn(generated.parents, entry.stage - 1, stage) && overlaps(item.path!)) return `later COPY --from reads ${item.path}`;
    if (item.kind === 'run' && builtOn(generated.parents, entry.stage, stage)) {
      const filled = new Set<string>();
      for (const later of item.idioms) {
        if (later.uses?.some((path) => within(path, target)) || (later.needsEarlier !== undefined && !filled.has(later.needsEarlier) && overlaps(later.needsEarlier))) {
          return `later RUN reads inside ${target}: ${item.idioms.map((each) => each.text).join(' && ')}`;
        }
        if (later.fills) filled.add(later.fills);
      }
    }
  }
  return undefined;
}

/** The RUN instructions of a text with the cache mount targets each has. */
function runMounts(text: string): { text: string; targets: string[] }[] {
  return DockerfileParser.parse(text)
    .getInstructions()
    .filter((instruction) => instruction.getKeyword() === 'RUN')
    .map((instruction) => {
      const source = instruction.getTextContent();
      return { text: source, targets: cacheMountFlags(source).map((flags) => flags.get('target')!) };
    });
}

test('no cache mount is added where an idiom of the same RUN, an earlier fill or a later reader touches its directory', () => {
  fc.assert(
    fc.property(fc.array(stage, { minLength: 1, maxLength: 3 }), (stages) => {
      const generated = render(stages);
      const result = run(generated.text);
      if (result.status === 'error') throw new Error(result.error);
      const output = result.output ?? generated.text;
      runMounts(output).forEach((entry, runIndex) => {
        for (const target of entry.targets) {
          const problem = violation(generated, runIndex, target, entry.text);
          if (problem) throw new Error(`${problem}\n--- input\n${generated.text}--- output\n${output}`);
        }
      });
    }),
    { numRuns: Number(process.env.SAFETY_RUNS ?? 400) },
  );
});

test('a pip RUN that nothing else touches still gets its cache mount', () => {
  const untouched = fc.array(
    fc.constantFrom(...IDIOMS.filter((entry) => !entry.removes && !entry.removesExactly && !entry.changesBelow && !entry.uses && !entry.writes && !entry.text.startsWith('apt-get'))),
    { minLength: 1, maxLength: 3 },
  );
  fc.assert(
    fc.property(untouched, (idioms) => {
      const text = `FROM python:3.12\nRUN ${idioms.map((entry) => entry.text).join(' && ')}\n`;
      const output = run(text).output ?? text;
      const installs = idioms.some((entry) => /^(pip|python3 -m pip) install/.test(entry.text) && !entry.text.includes('--no-cache-dir'));
      if (installs) expect(runMounts(output)[0]!.targets).toContain(PIP);
    }),
    { numRuns: 100 },
  );
});
