import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { repo, writeTree } from './support/cli.js';

/**
 * The package as users get it: `npm pack`, then npx on the tarball, an install into a consumer
 * project (ESM, require, TypeScript), the README's custom transform, the pre-commit hooks and
 * the GitHub Action, each run as they declare.
 */
let scratch: string;
let tarball: string;
let consumer: string;

const npm = (args: string[], cwd: string) => execFileSync('npm', ['--no-audit', '--no-fund', '--loglevel=error', ...args], { cwd, encoding: 'utf8' });

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-package-'));
  const name = npm(['pack', '--silent', '--pack-destination', scratch], repo).trim().split('\n').pop()!;
  tarball = join(scratch, name);
  consumer = join(scratch, 'consumer');
  writeTree(consumer, { 'package.json': JSON.stringify({ name: 'consumer', private: true, type: 'module' }) });
  npm(['install', '--prefer-offline', tarball], consumer);
}, 180_000);
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test('the tarball holds only dist, the schema, README, LICENSE and package.json', () => {
  const listing = execFileSync('tar', ['tzf', tarball], { encoding: 'utf8' }).trim().split('\n');
  expect(listing).toEqual(expect.arrayContaining(['package/dist/cli.mjs', 'package/dist/src/index.js', 'package/dist/src/index.d.ts', 'package/schema/config.schema.json', 'package/README.md', 'package/LICENSE']));
  expect(listing.filter((path) => !/^package\/(dist\/cli\.mjs|dist\/(src|transforms)\/.*\.(js|d\.ts)|schema\/config\.schema\.json|README\.md|LICENSE|package\.json)$/.test(path))).toEqual([]);
});

test('npx --package=<tarball> dockerfile-codemod --version and --help work offline in an empty directory', () => {
  const empty = mkdtempSync(join(scratch, 'empty-'));
  const npx = (flag: string) => execFileSync('npx', ['--yes', '--prefer-offline', `--package=${tarball}`, 'dockerfile-codemod', flag], { cwd: empty, encoding: 'utf8' });
  expect(npx('--version').trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
  expect(npx('--help')).toContain('Examples:');
}, 120_000);

test('the library works as a consumer imports it: ESM, require() and TypeScript types', () => {
  const script = `
    import { transform, transforms } from 'dockerfile-codemod';
    const result = transform('FROM python:3.12\\nRUN pip install flask\\n', { options: { 'cache-mounts': { mountMode: 'none' } } });
    console.log(JSON.stringify({ ids: transforms.map((t) => t.id), output: result.output, changes: result.changes.length, skipped: result.skipped }));
  `;
  const esm = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: consumer, encoding: 'utf8' }));
  expect(esm).toEqual({
    ids: ['cache-mounts', 'no-cache-flags', 'syntax'],
    output: '# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install flask\n',
    changes: 2,
    skipped: [],
  });
  // Node >= 20.19 loads ES modules with require().
  const required = execFileSync(process.execPath, ['-e', "console.log(typeof require('dockerfile-codemod').transform)"], { cwd: consumer, encoding: 'utf8' });
  expect(required.trim()).toBe('function');
  writeTree(consumer, {
    'typed.ts': [
      "import { BuildKit, transform, transformAndVerify, type BuildKitVerdict, type Transform, type TransformTextResult } from 'dockerfile-codemod';",
      "const noop: Transform = { id: 'noop', description: 'nothing', defaultOn: false, options: [], apply: () => ({ changes: [], skips: [] }) };",
      "const result: TransformTextResult = transform('FROM debian\\n', { transforms: ['syntax', noop] });",
      'const lines: number[] = result.changes.map((change) => change.line);',
      '// @ts-expect-error: output is a string',
      'const wrong: number = result.output;',
      'async function verified(buildkit: BuildKit): Promise<string> {',
      "  const checked: TransformTextResult = await transformAndVerify('FROM debian\\n', { buildkit });",
      '  const verdict: BuildKitVerdict = await buildkit.check(checked.output);',
      '  return verdict.accepted ? checked.output : verdict.message;',
      '}',
      'export { lines, wrong, verified };',
      '',
    ].join('\n'),
  });
  const tsc = spawnSync(process.execPath, [join(repo, 'node_modules/typescript/bin/tsc'), '--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', 'typed.ts'], {
    cwd: consumer,
    encoding: 'utf8',
  });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
}, 60_000);

test("the README's custom transform works from an installed package, with the toolkit it imports, and its TransformTester tests pass", () => {
  const readme = readFileSync(join(repo, 'README.md'), 'utf8');
  const example = /<!-- custom-transform-example -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(example).toBeDefined();
  writeTree(consumer, {
    'tools/apt-no-recommends.mjs': example!,
    'Dockerfile': 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl \\\n    && sh -c "apt-get install -y git"\n',
  });
  const run = spawnSync(join(consumer, 'node_modules/.bin/dockerfile-codemod'), ['-t', './tools/apt-no-recommends.mjs', '--write', 'Dockerfile'], { cwd: consumer, encoding: 'utf8' });
  expect(run.status).toBe(0);
  expect(run.stderr).toContain('Dockerfile:2: apt-no-recommends: apt-get install: --no-install-recommends');
  expect(run.stderr).toContain('Dockerfile:2: apt-no-recommends: skipped: apt-get install inside a quoted script: left alone');
  expect(readFileSync(join(consumer, 'Dockerfile'), 'utf8')).toBe(
    'FROM debian:bookworm\nRUN apt-get update && apt-get install --no-install-recommends -y curl \\\n    && sh -c "apt-get install -y git"\n',
  );
  // And the README's tests of it, with the package's TransformTester under node:test.
  const tests = /<!-- transform-tester-example -->\s*```js\n([\s\S]*?)```/.exec(readme)?.[1];
  expect(tests).toBeDefined();
  writeTree(consumer, { 'tools/apt-no-recommends.test.mjs': tests! });
  const tested = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'tools/apt-no-recommends.test.mjs'], { cwd: consumer, encoding: 'utf8' });
  expect(tested.stdout).toMatch(/^# pass 3$/m);
  expect(tested.status).toBe(0);
});

interface Hook {
  id: string;
  entry: string;
  language: string;
  files: string;
  exclude?: string;
}

test('each pre-commit hook, run as it declares on the files it selects, checks or rewrites', () => {
  const hooks = parseYaml(readFileSync(join(repo, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
  expect(hooks.map((hook) => hook.id)).toEqual(['dockerfile-codemod', 'dockerfile-codemod-write']);
  const staged = ['services/api/Dockerfile', 'web/Containerfile.prod', 'db.dockerfile', 'Dockerfile.dockerignore', 'README.md', 'docs/Dockerfiles.md'];
  for (const hook of hooks) {
    expect(hook.language).toBe('node');
    const repoDir = mkdtempSync(join(scratch, 'hook-'));
    writeTree(repoDir, Object.fromEntries(staged.map((path) => [path, 'FROM python:3.12\nRUN pip install flask\n'])));
    // pre-commit's selection: Python's re.search, which the (?i) flag aside JavaScript shares.
    const [, flags, pattern] = /^(\(\?i\))?(.*)$/.exec(hook.files)!;
    const selected = staged.filter((path) => new RegExp(pattern!, flags ? 'i' : '').test(path) && !(hook.exclude && new RegExp(hook.exclude.replace('(?i)', ''), 'i').test(path)));
    expect(selected).toEqual(['services/api/Dockerfile', 'web/Containerfile.prod', 'db.dockerfile']);
    const [program, ...args] = hook.entry.split(' ');
    const run = spawnSync(join(consumer, 'node_modules/.bin', program!), [...args, ...selected], { cwd: repoDir, encoding: 'utf8' });
    if (hook.id === 'dockerfile-codemod') {
      expect(run.status).toBe(1);
      expect(run.stderr).toContain('3 would change');
    } else {
      expect(run.status).toBe(0);
      expect(readFileSync(join(repoDir, 'db.dockerfile'), 'utf8')).toContain('--mount=type=cache');
      expect(readFileSync(join(repoDir, 'Dockerfile.dockerignore'), 'utf8')).not.toContain('--mount');
    }
  }
});

test("the GitHub Action's step, run with its inputs as Actions would, annotates and fails", () => {
  const action = parseYaml(readFileSync(join(repo, 'action.yml'), 'utf8')) as {
    inputs: Record<string, { default: string }>;
    runs: { using: string; steps: { shell: string; run: string; env: Record<string, string>; 'working-directory': string }[] };
  };
  expect(action.runs.using).toBe('composite');
  const [step] = action.runs.steps;
  const workspace = mkdtempSync(join(scratch, 'workspace-'));
  writeTree(workspace, { 'app/Dockerfile': 'FROM python:3.12\nRUN pip install flask\n' });
  // `version: file:<tarball>` stands in for a registry version: npx installs the same package.
  const inputs: Record<string, string> = { ...Object.fromEntries(Object.entries(action.inputs).map(([name, input]) => [name, input.default])), version: `file:${tarball}` };
  const expand = (text: string) => text.replace(/\$\{\{\s*inputs\.([\w-]+)\s*\}\}/g, (_, name: string) => inputs[name]!);
  expect(step!.run).not.toMatch(/\$\{\{/);
  writeFileSync(join(scratch, 'step.sh'), step!.run);
  const run = spawnSync(step!.shell, ['-e', join(scratch, 'step.sh')], {
    cwd: join(workspace, expand(step!['working-directory'])),
    encoding: 'utf8',
    env: { ...process.env, ...Object.fromEntries(Object.entries(step!.env).map(([name, value]) => [name, expand(value)])), npm_config_offline: 'true' },
  });
  expect(run.status).toBe(1);
  // One annotation for the file, at its first change (the directive), listing the mount too.
  expect(run.stdout).toMatch(/^::warning file=app\/Dockerfile,line=1,title=dockerfile-codemod%3A 2 changes to make::.*%0Aline 2: cache-mounts\/pip: /m);
}, 120_000);
