import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../src/io/discover.js';

let root: string;

function file(path: string, content = 'FROM alpine\n'): void {
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), content);
}

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-discover-'));
  file('Dockerfile');
  file('a/Dockerfile.prod');
  file('a/build.dockerfile');
  file('a/api.Dockerfile');
  file('b/Containerfile');
  file('b/Containerfile.dev');
  file('b/DOCKERFILE');
  file('b/Dockerfile.dockerignore');
  file('b/README.md');
  file('node_modules/pkg/Dockerfile');
  file('.hidden/Dockerfile');
  file('generated/Dockerfile');
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const everything = ['.hidden/Dockerfile', 'Dockerfile', 'a/Dockerfile.prod', 'a/api.Dockerfile', 'a/build.dockerfile', 'b/Containerfile', 'b/Containerfile.dev', 'b/DOCKERFILE', 'generated/Dockerfile'];

test('finds every Dockerfile name, case-insensitively, sorted, skipping node_modules and .dockerignore files', async () => {
  expect((await discover([], root)).files).toEqual(everything);
});

test('inside a git work tree, .gitignore applies (tracked and untracked files both count)', async () => {
  execFileSync('git', ['init', '-q'], { cwd: root });
  writeFileSync(join(root, '.gitignore'), 'generated/\n');
  execFileSync('git', ['add', 'Dockerfile'], { cwd: root });
  expect((await discover([], root)).files).toEqual(everything.filter((path) => path !== 'generated/Dockerfile'));
});

test('what each source of ignore rules left out is counted, git-ignored directories included, node_modules not', async () => {
  execFileSync('git', ['init', '-q'], { cwd: root });
  file('build/out/Dockerfile');
  file('build/out/deeper/Containerfile');
  file('node_modules/other/Dockerfile');
  writeFileSync(join(root, '.gitignore'), 'generated/\nbuild/\nnode_modules/\n');
  writeFileSync(join(root, '.dockerfile-codemodignore'), 'b/\n');
  const result = await discover(['.', 'build'], root, { ignore: ['a/*.prod'], configIgnores: (path) => path.endsWith('api.Dockerfile') });
  expect(result.files).toEqual(['.hidden/Dockerfile', 'Dockerfile', 'a/build.dockerfile']);
  expect(await result.ignored).toEqual({ '.gitignore': 3, '.dockerfile-codemodignore': 3, '--ignore': 1, config: 1 });
  expect(result.unmatched).toEqual([{ operand: 'build', ignored: { '.gitignore': 2 } }]);
});

test('.dockerfile-codemodignore and --ignore patterns leave files out', async () => {
  writeFileSync(join(root, '.dockerfile-codemodignore'), '# vendored\nb/\n');
  expect((await discover([], root, { ignore: ['*.dockerfile', '**/*.Dockerfile'] })).files).toEqual([
    '.hidden/Dockerfile',
    'Dockerfile',
    'a/Dockerfile.prod',
    'generated/Dockerfile',
  ]);
});

test('explicit files are taken whatever their name; globs are expanded; missing operands are reported', async () => {
  file('odd-name');
  const result = await discover(['odd-name', 'a/*.prod', 'missing', 'nothing/**/*.x'], root);
  expect(result.files).toEqual(['a/Dockerfile.prod', 'odd-name']);
  expect(result.named).toEqual(new Set(['odd-name']));
  expect(result.problems).toEqual([]);
  expect(result.unmatched).toEqual([
    { operand: 'missing', reason: 'no such file or directory', ignored: {} },
    { operand: 'nothing/**/*.x', ignored: {} },
  ]);
});

test('symlinks are not followed unless asked, and a symlink loop never hangs', async () => {
  const outside = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-outside-'));
  try {
    writeFileSync(join(outside, 'Dockerfile'), 'FROM alpine\n');
    symlinkSync(outside, join(root, 'linked-dir'));
    symlinkSync(join(outside, 'Dockerfile'), join(root, 'a', 'Dockerfile.linked'));
    symlinkSync(root, join(root, 'b', 'loop'));
    symlinkSync('.', join(root, 'b', 'self'));
    expect((await discover([], root)).files).toEqual(everything);
    const followed = (await discover([], root, { followSymlinks: true })).files;
    expect(followed).toContain('linked-dir/Dockerfile');
    expect(followed).toContain('a/Dockerfile.linked');
    expect(new Set(followed).size).toBe(followed.length);
    expect((await discover(['linked-dir'], root)).problems[0]?.message).toContain('--follow-symlinks');
  } finally {
    rmSync(outside, { recursive: true, force: true });
  }
});
