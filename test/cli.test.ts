import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { repo, runCli, treeBytes } from './support/cli.js';

/** These tests run the built binary on a scratch copy of examples/. */
let work: string;

function cli(args: string[], options: { cwd?: string; input?: string; env?: Record<string, string> } = {}) {
  return runCli(args, { ...options, cwd: options.cwd ?? work });
}

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-cli-'));
  cpSync(join(repo, 'examples'), work, { recursive: true });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

test('a dry run prints a diff and a summary, writes nothing, exits 0', () => {
  const before = treeBytes(work);
  const { code, stdout, stderr } = cli([]);
  expect(code).toBe(0);
  expect(stdout).toContain('--- a/services/api/Dockerfile\n+++ b/services/api/Dockerfile\n');
  expect(stdout).toContain('+RUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install -r requirements.txt');
  expect(stdout).not.toContain('services/billing');
  expect(stderr).toContain('services/api/Dockerfile:6: cache-mounts: pip install: cache mount /root/.cache/pip');
  expect(stderr).toMatch(/^6 changed, 2 unchanged \(dry run/m);
  expect(treeBytes(work)).toEqual(before);
});

test('the dry-run patch applied with git apply equals --write, and a second run is a no-op', () => {
  const patched = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-git-'));
  try {
    cpSync(work, patched, { recursive: true });
    const patch = cli(['--format', 'patch']).stdout;
    execFileSync('git', ['init', '-q'], { cwd: patched });
    execFileSync('git', ['apply', '--whitespace=nowarn'], { cwd: patched, input: patch });
    expect(cli(['--write']).code).toBe(0);
    expect(treeBytes(patched)).toEqual(treeBytes(work));
    const again = cli([]);
    expect(again.stdout).toBe('');
    expect(again.stderr).toMatch(/^0 changed, 8 unchanged$/m);
  } finally {
    rmSync(patched, { recursive: true, force: true });
  }
});

test('--write keeps CRLF, BOM-free bytes and the file mode; --check then exits 0', () => {
  const legacy = join(work, 'services/legacy/Dockerfile');
  chmodSync(legacy, 0o640);
  const { code, stderr } = cli(['--write']);
  expect(code).toBe(0);
  expect(stderr).toMatch(/^6 changed \(written\), 2 unchanged$/m);
  const written = readFileSync(legacy, 'utf8');
  expect(written.startsWith('# syntax=docker/dockerfile:1\r\nFROM python:3.9\r\n')).toBe(true);
  expect(written.split('\n').every((line, i, all) => i === all.length - 1 || line.endsWith('\r'))).toBe(true);
  expect(statSync(legacy).mode & 0o777).toBe(0o640);
  expect(readdirSync(join(work, 'services/legacy')).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  expect(cli(['--check']).code).toBe(0);
});

test('-t selects and the engine orders: syntax named first still sees the mounts; --check after --write exits 0', () => {
  expect(cli(['--write', '-t', 'syntax', '-t', 'cache-mounts']).code).toBe(0);
  expect(readFileSync(join(work, 'services/api/Dockerfile'), 'utf8')).toMatch(/^# syntax=docker\/dockerfile:1\n/);
  expect(cli(['--check', '-t', 'syntax', '-t', 'cache-mounts']).code).toBe(0);
  // no-cache-flags named before cache-mounts still removes the --no-cache-dir next to the new mount.
  expect(cli(['--write', '-t', 'no-cache-flags,cache-mounts']).code).toBe(0);
  expect(readFileSync(join(work, 'services/worker/Dockerfile'), 'utf8')).not.toContain('--no-cache-dir');
  expect(cli(['--check']).code).toBe(0);
});

test('--write then --check exits 0 on every golden fixture and on a 2,000-file generated monorepo', () => {
  const fixtures = join(repo, 'test/fixtures');
  const tree = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-fixpoint-'));
  try {
    for (const name of readdirSync(fixtures)) cpSync(join(fixtures, name, 'input.Dockerfile'), join(tree, 'fixtures', name, 'Dockerfile'));
    execFileSync(process.execPath, [join(repo, 'bench/corpus.mjs'), join(tree, 'corpus'), '2000']);
    const write = cli(['--write', '-q'], { cwd: tree });
    expect(write.stderr).toMatch(/^\d+ changed \(written\), \d+ unchanged, 3 skipped$/m);
    expect(write.code).toBe(0);
    const check = cli(['--check'], { cwd: tree });
    expect(check.stderr).toMatch(/^0 would change, \d+ unchanged/m);
    expect(check.code).toBe(0);
  } finally {
    rmSync(tree, { recursive: true, force: true });
  }
});

test('--check exits 1 and writes nothing while something is left to migrate', () => {
  const before = treeBytes(work);
  const { code, stdout, stderr } = cli(['--check']);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(/^6 would change, 2 unchanged$/m);
  expect(treeBytes(work)).toEqual(before);
});

test('--list-different prints only the paths, sorted, and exits 1', () => {
  const { code, stdout } = cli(['-l']);
  expect(code).toBe(1);
  expect(stdout.trim().split('\n')).toEqual([
    'services/api/Dockerfile',
    'services/legacy/Dockerfile',
    'services/ml/Dockerfile',
    'services/reports/Dockerfile',
    'services/worker/Dockerfile',
    'tools/lint/Containerfile',
  ]);
});

test('--format json is the documented report', () => {
  const { code, stdout } = cli(['--format', 'json', 'services']);
  expect(code).toBe(0);
  const report = JSON.parse(stdout) as {
    version: number;
    files: { path: string; status: string; changes: { transform: string; line: number; message: string }[]; diff: string | null; error: string | null }[];
    summary: Record<string, number>;
  };
  expect(report.version).toBe(1);
  expect(report.summary).toEqual({ files: 7, changed: 5, unchanged: 2, skipped: 0, errors: 0, ignored: 0, ignoredBy: {}, warnings: 0 });
  const api = report.files.find((file) => file.path === 'services/api/Dockerfile')!;
  expect(api.status).toBe('changed');
  expect(api.changes).toContainEqual({ transform: 'cache-mounts', line: 6, message: 'pip install: cache mount /root/.cache/pip', topic: 'pip' });
  expect(api.diff).toContain('+++ b/services/api/Dockerfile');
  expect(api.error).toBeNull();
  expect(report.files.find((file) => file.path === 'services/billing/Dockerfile')).toMatchObject({ status: 'unchanged', diff: null });
});

test('explicit files, globs and directories; sorted, case-insensitive names, node_modules skipped', () => {
  writeFileSync(join(work, 'services/api/build.dockerfile'), 'FROM python:3\nRUN pip install x\n');
  writeFileSync(join(work, 'services/api/DOCKERFILE.dev'), 'FROM python:3\nRUN pip install y\n');
  writeFileSync(join(work, 'services/api/.dockerignore'), 'node_modules\n');
  writeFileSync(join(work, 'services/api/Dockerfile.dockerignore'), '*.pyc\n');
  cpSync(join(work, 'services/api'), join(work, 'node_modules/pkg'), { recursive: true });
  writeFileSync(join(work, 'odd-name'), 'FROM python:3\nRUN pip install z\n');
  const directory = cli(['-l', 'services/api']).stdout.trim().split('\n');
  expect(directory).toEqual(['services/api/DOCKERFILE.dev', 'services/api/Dockerfile', 'services/api/build.dockerfile']);
  expect(cli(['-l', 'odd-name']).stdout).toBe('odd-name\n');
  expect(cli(['-l', 'services/*/Dockerfile']).stdout.trim().split('\n')).toHaveLength(5);
});

test('one bad file is reported with its path, the others are still processed, exit 2', () => {
  writeFileSync(join(work, 'services/static/Dockerfile.bin'), Buffer.from([0x46, 0x52, 0x00, 0x4d]));
  const { code, stdout, stderr } = cli([]);
  expect(code).toBe(2);
  expect(stderr).toContain('services/static/Dockerfile.bin: error: binary file (NUL byte at offset 2)');
  expect(stdout).toContain('+++ b/services/api/Dockerfile');
  expect(stderr).toMatch(/6 changed, 2 unchanged, 1 error/);
});

test('usage errors exit 2 with a message', () => {
  expect(cli(['--no-such-flag']).code).toBe(2);
  const typo = cli(['--wirte', '-x']);
  expect(typo.code).toBe(2);
  expect(typo.stderr).toContain('unknown option --wirte; unknown option -x\n');
  expect(cli(['--pip-cache-targte', '/root/.cache']).stderr).toContain('unknown option --pip-cache-targte (did you mean --pip-cache-target?)');
  const unknown = cli(['-t', 'cache-mount']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('unknown transform "cache-mount" (did you mean "cache-mounts"?)');
  const badTarget = cli(['--pip-cache-target', '/tmp/pip']);
  expect(badTarget.code).toBe(2);
  expect(badTarget.stderr).toContain('--pip-cache-target /tmp/pip: must be /root/.cache/pip or one of its parents');
  expect(cli(['missing-dir']).stderr).toContain("missing-dir: error: No files matching the pattern 'missing-dir' were found (no such file or directory)");
  expect(cli(['--write', '--check']).code).toBe(2);
});

test('transform selection and options are flags', () => {
  const onlyMounts = cli(['-t', 'cache-mounts', 'services/api']).stdout;
  expect(onlyMounts).toContain('--mount=type=cache');
  expect(onlyMounts).not.toContain('# syntax');
  const broad = cli(['--pip-cache-target', '/root/.cache', '--mount-mode', 'none', '--syntax', 'never', 'services/api']).stdout;
  expect(broad).toContain('+RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt');
  expect(broad).not.toContain('# syntax');
});

test('--help and --version', () => {
  const help = cli(['--help']);
  expect(help.code).toBe(0);
  expect(help.stdout).toContain('--pip-cache-target');
  expect(help.stdout).toContain('Exit codes: 0 success');
  // Grouped, with examples.
  for (const heading of ['Mode:', 'Output:', 'Transforms:', 'Configuration:', 'Files:', 'Options of cache-mounts:', 'Examples:']) expect(help.stdout).toContain(heading);
  expect(cli(['--version']).stdout.trim()).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
});

test('--explain prints a transform, its options and its facts; bare, the list', () => {
  const explained = cli(['--explain', 'cache-mounts']);
  expect(explained.code).toBe(0);
  expect(explained.stdout).toContain('--pip-cache-target <string>  (config "pipCacheTarget", default "/root/.cache/pip")');
  expect(explained.stdout).toContain('cache:       --cache-dir, PIP_CACHE_DIR, $XDG_CACHE_HOME/pip, else ~/.cache/pip (/root/.cache/pip)');
  expect(explained.stdout).toMatch(/apt-get \/ apt\n {4}commands: {4}update and install/);
  expect(cli(['--explain', 'no-cache-flags']).stdout).toContain('pip: --no-cache-dir, pip cache purge/remove');
  expect(cli(['--explain']).stdout.split('\n').slice(0, 3).map((line) => line.split(' ')[0])).toEqual(['cache-mounts', 'no-cache-flags', 'syntax']);
  const unknown = cli(['--explain', 'sintax']);
  expect(unknown.code).toBe(2);
  expect(unknown.stderr).toContain('--explain sintax: unknown transform (did you mean "syntax"?)');
});

test('color only when asked or on a terminal', () => {
  expect(cli(['services/api']).stdout).not.toContain('\u001b[');
  expect(cli(['--color', 'services/api'], { env: { NO_COLOR: '1' } }).stdout).toContain('\u001b[');
  expect(cli(['services/api'], { env: { NO_COLOR: '1', FORCE_COLOR: '0' } }).stdout).not.toContain('\u001b[');
  expect(cli(['--color', 'services/api']).stdout).toContain('\u001b[32m+RUN --mount');
  expect(cli(['services/api'], { env: { FORCE_COLOR: '1' } }).stdout).toContain('\u001b[');
});

test('--stdin-filepath reads stdin and prints the result, the patch or the report', () => {
  const input = 'FROM python:3.12\nRUN pip install flask\n';
  const result = cli(['--stdin-filepath', 'svc/Dockerfile'], { input });
  expect(result.code).toBe(0);
  expect(result.stdout).toBe('# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install flask\n');
  expect(cli(['--stdin-filepath', 'svc/Dockerfile', '--check'], { input }).code).toBe(1);
  expect(cli(['--stdin-filepath', 'svc/Dockerfile', '--format', 'patch'], { input }).stdout).toContain('+++ b/svc/Dockerfile\n');
  const report = JSON.parse(cli(['--stdin-filepath', 'svc/Dockerfile', '--format', 'json'], { input }).stdout) as { files: { path: string; status: string }[] };
  expect(report.files[0]).toMatchObject({ path: 'svc/Dockerfile', status: 'changed' });
  const unchanged = 'FROM alpine\nRUN echo hi\n';
  expect(cli(['--stdin-filepath', 'x/Dockerfile'], { input: unchanged }).stdout).toBe(unchanged);
  const binary = cli(['--stdin-filepath', 'x/Dockerfile'], { input: 'FROM a\u0000' });
  expect(binary.code).toBe(2);
  expect(binary.stderr).toContain('x/Dockerfile: error: binary file (NUL byte at offset 6)');
  expect(cli(['--stdin-filepath', 'x', '--write'], { input }).code).toBe(2);
});

test('--ignore and .dockerfile-codemodignore leave files out; --group-by puts the group in the JSON report', () => {
  writeFileSync(join(work, '.dockerfile-codemodignore'), 'tools/\n');
  expect(cli(['-l', '--ignore', 'services/legacy/**']).stdout.trim().split('\n')).toEqual([
    'services/api/Dockerfile',
    'services/ml/Dockerfile',
    'services/reports/Dockerfile',
    'services/worker/Dockerfile',
  ]);
  const report = JSON.parse(cli(['--format', 'json', '--group-by', 'dir:2']).stdout) as { files: { path: string; group: string }[] };
  expect(report.files.find((file) => file.path === 'services/ml/Dockerfile')?.group).toBe('services-ml');
  expect(cli(['--group-by', 'team']).stderr).toContain('--group-by team: expected dir:<depth>');
});

test('--patch-dir writes a git-apply-able patch and a pull-request text per group', () => {
  const out = join(work, '..', `${work.split('/').pop()}-patches`);
  try {
    expect(cli(['--group-by', 'dir:1', '--patch-dir', out, '-q']).code).toBe(0);
    expect(readdirSync(out).sort()).toEqual(['services.commit.txt', 'services.md', 'services.patch', 'tools.commit.txt', 'tools.md', 'tools.patch']);
    expect(readFileSync(join(out, 'tools.md'), 'utf8').split('\n')[0]).toBe('Add cache mounts for uv; set # syntax=docker/dockerfile:1 (tools)');
    const { version } = JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')) as { version: string };
    expect(readFileSync(join(out, 'tools.commit.txt'), 'utf8')).toBe(
      `Add cache mounts for uv; set # syntax=docker/dockerfile:1 (tools)\n\n1 Dockerfile: cache-mounts (uv 1), syntax.\nGenerated by dockerfile-codemod ${version}; the pull request describes the changes.\n`,
    );
    execFileSync('git', ['init', '-q'], { cwd: work });
    execFileSync('git', ['apply', '--whitespace=nowarn', join(out, 'services.patch'), join(out, 'tools.patch')], { cwd: work });
    expect(cli(['--check']).code).toBe(0);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test('a progress line on a terminal for large runs, never in CI or JSON', async () => {
  const { main } = await import('../src/cli/main.js');
  for (let i = 0; i < 320; i++) {
    mkdirSync(join(work, 'many', String(i)), { recursive: true });
    writeFileSync(join(work, 'many', String(i), 'Dockerfile'), 'FROM alpine\n');
  }
  const runWith = async (env: Record<string, string>, args: string[] = ['many']) => {
    let errors = '';
    const sink = { write: (text: string) => void text };
    await main(args, { cwd: work, env, stdout: sink, stderr: { isTTY: true, write: (text: string) => void (errors += text) } });
    return errors;
  };
  expect(await runWith({})).toMatch(/\r320\/320 files, 0 changed/);
  expect(await runWith({ CI: 'true' })).not.toContain('\r');
  expect(await runWith({}, ['many', '--format', 'json'])).not.toContain('\r');
});

test('the diffs of the examples and of a 300-file generated monorepo add no line over 100 columns that was not that wide before', () => {
  const corpus = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-widths-'));
  try {
    execFileSync(process.execPath, [join(repo, 'bench/corpus.mjs'), corpus, '300']);
    for (const tree of [work, corpus]) {
      const { code, stdout } = cli([], { cwd: tree });
      expect(code).toBe(0);
      const widths = execFileSync(process.execPath, [join(repo, 'bench/diff-widths.mjs')], { input: stdout, encoding: 'utf8' });
      expect(widths).toMatch(/^added lines: [1-9]\d*$/m);
      expect(widths).toMatch(/^added lines over 100 columns: \d+ \(0 in hunks whose original lines were all 100 or narrower\)$/m);
    }
  } finally {
    rmSync(corpus, { recursive: true, force: true });
  }
});
