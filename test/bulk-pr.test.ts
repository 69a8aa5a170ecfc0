import { execFileSync } from 'node:child_process';
import { chmodSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo as project, runCli } from './support/cli.js';

/**
 * `dockerfile-codemod bulk-pr` (the built binary) on a real git repository with a bare origin,
 * and a fake `gh` on PATH that records its calls and lists the pull requests it opened.
 */
let scratch: string;
let repo: string;
let origin: string;
let ghLog: string;
let binDir: string;

const git = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

const FAKE_GH = `#!${process.execPath}
const fs = require('fs');
const args = process.argv.slice(2);
const log = process.env.FAKE_GH_LOG;
const entry = { args, cwd: process.cwd() };
const fails = args[1] === 'create' && args.includes(process.env.FAKE_GH_FAIL);
if (args[1] === 'create') Object.assign(entry, { body: fs.readFileSync(args[args.indexOf('--body-file') + 1], 'utf8'), fails });
fs.appendFileSync(log, JSON.stringify(entry) + '\\n');
const opened = fs.readFileSync(log, 'utf8').split('\\n').filter(Boolean).map((line) => JSON.parse(line)).filter((e) => e.args[1] === 'create' && !e.fails).map((e) => e.args[e.args.indexOf('--head') + 1]);
if (args[0] === '--version') { console.log('gh version 2.0.0 (fake)'); process.exit(0); }
if (args[1] === 'list') {
  const head = args[args.indexOf('--head') + 1];
  if (opened.includes(head)) console.log('https://github.example/acme/app/pull/' + (opened.indexOf(head) + 1));
  process.exit(0);
}
if (args[1] === 'edit') process.exit(0);
if (fails) { console.error('GraphQL: was submitted too quickly'); process.exit(1); }
if (args[1] === 'create') { console.log('https://github.example/acme/app/pull/' + opened.length); process.exit(0); }
process.exit(1);
`;

interface GhCall {
  readonly args: string[];
  readonly cwd: string;
  readonly body?: string;
}
const ghCalls = (): GhCall[] => (existsSync(ghLog) ? readFileSync(ghLog, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as GhCall) : []);

function bulkPr(args: string[], options: { cwd?: string; path?: string; failPullRequestOf?: string } = {}) {
  const env = { PATH: options.path ?? `${binDir}:${process.env.PATH}`, FAKE_GH_LOG: ghLog, FAKE_GH_FAIL: options.failPullRequestOf ?? '' };
  return runCli(['bulk-pr', ...args], { cwd: options.cwd ?? repo, env });
}

const branches = (cwd = repo) => git(cwd, 'branch', '--format=%(refname:short)').split('\n').filter(Boolean).sort();
const changedFiles = (branch: string) => git(repo, 'diff', '--name-only', 'main', branch).split('\n').sort();

/** What must never change: the checked-out branch and commit, the index and work tree, the worktree list, the stashes. */
function checkoutState() {
  return {
    head: git(repo, 'rev-parse', '--abbrev-ref', 'HEAD'),
    commit: git(repo, 'rev-parse', 'HEAD'),
    status: git(repo, 'status', '--porcelain', '--untracked-files=all'),
    worktrees: git(repo, 'worktree', 'list', '--porcelain'),
    stashes: git(repo, 'stash', 'list'),
  };
}

const CODEOWNERS = '* @acme/platform\n/services/api/ @acme/api-team\nservices/ml/ @acme/data\n/services/reports/ @acme/data\n/docs/ @acme/docs\n';
const TEAMS = ['dockerfile-codemod/acme-api-team', 'dockerfile-codemod/acme-data', 'dockerfile-codemod/acme-docs', 'dockerfile-codemod/acme-platform'];

beforeEach(() => {
  scratch = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bulk-'));
  repo = join(scratch, 'repo');
  origin = join(scratch, 'origin.git');
  ghLog = join(scratch, 'gh.log');
  binDir = join(scratch, 'bin');
  mkdirSync(binDir);
  writeFileSync(join(binDir, 'gh'), FAKE_GH);
  chmodSync(join(binDir, 'gh'), 0o755);
  cpSync(join(project, 'examples'), repo, { recursive: true });
  mkdirSync(join(repo, '.github'));
  writeFileSync(join(repo, '.github', 'CODEOWNERS'), CODEOWNERS);
  // Already has its cache mount: only the # syntax line is missing.
  mkdirSync(join(repo, 'docs', 'site'), { recursive: true });
  writeFileSync(join(repo, 'docs', 'site', 'Dockerfile'), 'FROM python:3.12-slim\nRUN --mount=type=cache,target=/root/.cache/pip pip install mkdocs\n');
  execFileSync('git', ['init', '-q', '--bare', origin]);
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'ci@example.com');
  git(repo, 'config', 'user.name', 'CI');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'initial');
  git(repo, 'remote', 'add', 'origin', origin);
  git(repo, 'push', '-q', 'origin', 'main');
});
afterEach(() => rmSync(scratch, { recursive: true, force: true }));

test('one branch and commit per CODEOWNERS group, made without touching the checkout', () => {
  const before = checkoutState();
  const result = bulkPr(['--group-by', 'codeowners']);
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(branches()).toEqual([...TEAMS, 'main']);
  expect(changedFiles('dockerfile-codemod/acme-api-team')).toEqual(['services/api/Dockerfile']);
  expect(changedFiles('dockerfile-codemod/acme-data')).toEqual(['services/ml/Dockerfile', 'services/reports/Dockerfile']);
  expect(changedFiles('dockerfile-codemod/acme-docs')).toEqual(['docs/site/Dockerfile']);
  expect(changedFiles('dockerfile-codemod/acme-platform')).toEqual(['services/legacy/Dockerfile', 'services/worker/Dockerfile', 'tools/lint/Containerfile']);
  // Titles say what each group got; the commit message is short.
  expect(git(repo, 'log', '-1', '--format=%s', 'dockerfile-codemod/acme-docs')).toBe('Set # syntax=docker/dockerfile:1 (acme-docs)');
  expect(git(repo, 'log', '-1', '--format=%s', 'dockerfile-codemod/acme-data')).toBe('Add cache mounts for pip, apt and poetry; drop cache clean-ups; set # syntax=docker/dockerfile:1 (acme-data)');
  expect(git(repo, 'log', '-1', '--format=%B', 'dockerfile-codemod/acme-data').split('\n').length).toBeLessThanOrEqual(5);
  expect(git(repo, 'rev-parse', 'dockerfile-codemod/acme-data^')).toBe(git(repo, 'rev-parse', 'main'));
  expect(checkoutState()).toEqual(before);
  expect(ghCalls()).toEqual([]);
  expect(result.stdout).toContain('dockerfile-codemod/acme-data: 2 file(s), committed');
  // Each branch holds exactly what --write makes of its files.
  const check = mkdtempSync(join(scratch, 'check-'));
  git(repo, 'worktree', 'add', '-q', check, 'dockerfile-codemod/acme-data');
  expect(runCli(['--check', 'services/ml', 'services/reports'], { cwd: check }).code).toBe(0);
});

test('--pr pushes every branch and opens its pull request with gh; a re-run resumes and opens nothing twice', () => {
  const first = bulkPr(['--group-by', 'codeowners', '--pr']);
  expect(first.stderr).toBe('');
  expect(first.code).toBe(0);
  expect(git(repo, 'ls-remote', '--heads', 'origin').split('\n').map((line) => line.split('\t')[1]).sort()).toEqual([...TEAMS.map((branch) => `refs/heads/${branch}`), 'refs/heads/main']);
  const creates = ghCalls().filter((call) => call.args[1] === 'create');
  expect(creates.map((call) => call.args.slice(0, 6))).toEqual(TEAMS.map((branch) => ['pr', 'create', '--base', 'main', '--head', branch]));
  const docs = creates.find((call) => call.args.includes('dockerfile-codemod/acme-docs'))!;
  expect(docs.args[docs.args.indexOf('--title') + 1]).toBe('Set # syntax=docker/dockerfile:1 (acme-docs)');
  expect(docs.body).toContain('## What builders need');
  expect(docs.body).toContain('air-gapped builders');
  expect(docs.body).not.toContain('legacy builder rejects');
  const data = creates.find((call) => call.args.includes('dockerfile-codemod/acme-data'))!;
  expect(data.body).toContain('the legacy builder rejects `RUN --mount`'.replace('the l', 'The l'));
  expect(data.body).toContain('## What changes in the image');
  expect(data.body).toContain('# dockerfile-codemod ignore');
  // rm is a command no-cache-flags dropped, not a package manager.
  expect(data.body).toContain('| `services/reports/Dockerfile` | cache-mounts (pip 2, apt 2), no-cache-flags, syntax |');
  expect(data.body).not.toMatch(/\brm \d/);
  expect(first.stdout).toContain('dockerfile-codemod/acme-data: opened https://github.example/acme/app/pull/2');

  const again = bulkPr(['--group-by', 'codeowners', '--pr']);
  expect(again.code).toBe(0);
  for (const branch of TEAMS) {
    expect(again.stdout).toContain(`${branch}: already holds these changes`);
    expect(again.stdout).toContain(`${branch}: already pushed to origin`);
    expect(again.stdout).toContain(`${branch}: pull request already open`);
  }
  expect(ghCalls().filter((call) => call.args[1] === 'create')).toHaveLength(TEAMS.length);
});

test('a branch that exists with other content stops the run before any change; --force replaces it', () => {
  git(repo, 'branch', 'dockerfile-codemod/acme-data', 'main');
  const refused = bulkPr(['--group-by', 'codeowners', '--pr']);
  expect(refused.code).toBe(2);
  expect(refused.stderr).toContain('dockerfile-codemod/acme-data exists and does not hold these changes');
  expect(refused.stderr).toContain('pass --force');
  expect(branches()).toEqual(['dockerfile-codemod/acme-data', 'main']);
  expect(git(repo, 'ls-remote', '--heads', 'origin')).not.toContain('dockerfile-codemod');
  expect(ghCalls().filter((call) => call.args[0] === 'pr')).toEqual([]);

  const forced = bulkPr(['--group-by', 'codeowners', '--force']);
  expect(forced.code).toBe(0);
  expect(forced.stdout).toContain('dockerfile-codemod/acme-data: 2 file(s), committed');
  expect(changedFiles('dockerfile-codemod/acme-data')).toEqual(['services/ml/Dockerfile', 'services/reports/Dockerfile']);
});

test('a push that fails midway removes what the run made and did not push, keeps the checkout, and a re-run resumes', () => {
  // The origin refuses one branch, as a protected-branch rule would.
  const hook = join(origin, 'hooks', 'pre-receive');
  writeFileSync(hook, '#!/bin/sh\nwhile read old new ref; do [ "$ref" = refs/heads/dockerfile-codemod/acme-data ] && { echo "policy: not this branch" >&2; exit 1; }; done\nexit 0\n');
  chmodSync(hook, 0o755);
  const before = checkoutState();
  const failed = bulkPr(['--group-by', 'codeowners', '--push']);
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain('policy: not this branch');
  expect(failed.stderr).toContain('Removed the branches this run made and had not pushed: dockerfile-codemod/acme-data');
  expect(failed.stderr).toContain('Kept the pushed ones: dockerfile-codemod/acme-api-team');
  expect(checkoutState()).toEqual(before);
  expect(branches()).toEqual(['dockerfile-codemod/acme-api-team', 'main']);

  rmSync(hook);
  const resumed = bulkPr(['--group-by', 'codeowners', '--push']);
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toContain('dockerfile-codemod/acme-api-team: already holds these changes');
  expect(resumed.stdout).toContain('dockerfile-codemod/acme-api-team: already pushed to origin');
  expect(resumed.stdout).toContain('dockerfile-codemod/acme-data: pushed to origin');
  expect(branches()).toEqual([...TEAMS, 'main']);
});

test('gh failing on one pull request keeps the pushed branches; a re-run opens only the missing pull requests', () => {
  const failed = bulkPr(['--group-by', 'codeowners', '--pr'], { failPullRequestOf: 'dockerfile-codemod/acme-data' });
  expect(failed.code).toBe(2);
  expect(failed.stderr).toContain('GraphQL: was submitted too quickly');
  expect(failed.stderr).toContain('Kept the pushed ones: dockerfile-codemod/acme-api-team, dockerfile-codemod/acme-data');
  expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
  const resumed = bulkPr(['--group-by', 'codeowners', '--pr']);
  expect(resumed.code).toBe(0);
  expect(resumed.stdout).toContain('dockerfile-codemod/acme-api-team: pull request already open');
  const opened = ghCalls().filter((call) => call.args[1] === 'create').map((call) => call.args[call.args.indexOf('--head') + 1]);
  // acme-data's first attempt failed, so it is asked for twice; every other group once.
  expect(opened).toEqual(['dockerfile-codemod/acme-api-team', 'dockerfile-codemod/acme-data', 'dockerfile-codemod/acme-data', 'dockerfile-codemod/acme-docs', 'dockerfile-codemod/acme-platform']);
});

test('patches come from the base, not from the branch checked out', () => {
  git(repo, 'checkout', '-q', '-b', 'feature');
  writeFileSync(join(repo, 'services', 'api', 'Dockerfile'), 'FROM python:3.12-slim\nRUN pip install flask\n');
  git(repo, 'commit', '-q', '-am', 'feature work');
  const result = bulkPr(['--group-by', 'codeowners', '--base', 'main']);
  expect(result.code).toBe(0);
  expect(git(repo, 'show', 'dockerfile-codemod/acme-api-team:services/api/Dockerfile')).toContain('COPY requirements.txt');
  expect(git(repo, 'rev-parse', '--abbrev-ref', 'HEAD')).toBe('feature');
  expect(bulkPr(['--base', 'nope']).stderr).toContain('the base nope does not exist');
});

test('run from a subdirectory: its Dockerfiles only, grouped by the CODEOWNERS at the repository root', () => {
  const result = bulkPr(['--group-by', 'codeowners'], { cwd: join(repo, 'services') });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  expect(branches()).toEqual(['dockerfile-codemod/acme-api-team', 'dockerfile-codemod/acme-data', 'dockerfile-codemod/acme-platform', 'main']);
  expect(changedFiles('dockerfile-codemod/acme-data')).toEqual(['services/ml/Dockerfile', 'services/reports/Dockerfile']);
  expect(changedFiles('dockerfile-codemod/acme-platform')).toEqual(['services/legacy/Dockerfile', 'services/worker/Dockerfile']);
});

test('without CODEOWNERS, --group-by codeowners says so and puts every file in "unowned"', () => {
  git(repo, 'rm', '-q', '.github/CODEOWNERS');
  git(repo, 'commit', '-q', '-m', 'no owners');
  const result = bulkPr(['--group-by', 'codeowners'], { cwd: join(repo, 'services') });
  expect(result.code).toBe(0);
  expect(result.stderr).toContain('warning: --group-by codeowners: no CODEOWNERS file in');
  expect(result.stderr).toContain('every file goes to the group "unowned"');
  expect(branches()).toEqual(['dockerfile-codemod/unowned', 'main']);
});

test('checks before any change: a dirty work tree, --pr without gh, a file the codemod cannot read', () => {
  writeFileSync(join(repo, 'services/api/wip.py'), 'print("wip")\n');
  const dirty = bulkPr([]);
  expect(dirty.code).toBe(2);
  expect(dirty.stderr).toContain('uncommitted changes');
  rmSync(join(repo, 'services/api/wip.py'));

  const gitOnly = join(scratch, 'git-only');
  mkdirSync(gitOnly);
  symlinkSync(execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim(), join(gitOnly, 'git'));
  const noGh = bulkPr(['--pr'], { path: gitOnly });
  expect(noGh.code).toBe(2);
  expect(noGh.stderr).toContain('--pr needs the GitHub CLI (gh) on PATH');
  const noRemote = bulkPr(['--push', '--remote', 'upstream']);
  expect(noRemote.code).toBe(2);
  expect(noRemote.stderr).toContain('there is no remote upstream to push to');

  mkdirSync(join(repo, 'services', 'blob'));
  writeFileSync(join(repo, 'services', 'blob', 'Dockerfile'), 'FROM a\u0000b\n');
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', 'a binary Dockerfile');
  const unreadable = bulkPr(['--group-by', 'codeowners']);
  expect(unreadable.code).toBe(2);
  expect(unreadable.stderr).toContain('dockerfile-codemod reported a problem on main, so no branch was made:\n  services/blob/Dockerfile: binary file');
  expect(branches()).toEqual(['main']);
  expect(git(repo, 'worktree', 'list', '--porcelain').match(/^worktree /gm)).toHaveLength(1);
});

test('300+ changed files: the pull-request body stays under GitHub\'s 65,536 characters, details folded and cut with a pointer', () => {
  const corpus = join(repo, 'monorepo');
  execFileSync(process.execPath, [join(project, 'bench/corpus.mjs'), corpus, '320']);
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', '320 services');
  const result = bulkPr(['--group-by', 'none', '--pr', 'monorepo']);
  expect(result.code).toBe(0);
  const [create] = ghCalls().filter((call) => call.args[1] === 'create');
  const files = changedFiles('dockerfile-codemod/all').length;
  expect(files).toBeGreaterThan(280);
  expect(create!.body!.length).toBeLessThanOrEqual(50_000);
  expect(create!.body).toContain('<details><summary><code>monorepo/');
  expect(create!.body).toMatch(/\*\*\d+ files not detailed here.*\*\* to keep this description under GitHub's size limit: the pull request's diff has every change, as does `all.patch`/);
  expect(git(repo, 'log', '-1', '--format=%B', 'dockerfile-codemod/all').length).toBeLessThan(400);
});

test('multi-gitter recipe: the per-repository command on clones of local bare repositories, then each PR gets its own text', () => {
  const out = join(scratch, 'pr-texts');
  const codemod = `${process.execPath} ${join(project, 'dist', 'cli.mjs')}`;
  const repositories = { 'acme/api': 'services/api', 'acme/ml': 'services/ml', 'acme/static': undefined } as const;
  for (const [name, service] of Object.entries(repositories)) {
    const bare = join(scratch, 'remotes', `${name}.git`);
    const seed = join(scratch, 'seed', name);
    mkdirSync(seed, { recursive: true });
    if (service) cpSync(join(repo, service), seed, { recursive: true });
    else writeFileSync(join(seed, 'Dockerfile'), 'FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n');
    execFileSync('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
    for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['-c', 'user.name=CI', '-c', 'user.email=ci@example.com', 'commit', '-q', '-m', 'initial'], ['push', '-q', bare, 'main']]) git(seed, ...args);
    // What multi-gitter does per repository: clone, run the command with REPOSITORY set, commit and push if anything changed.
    const clone = join(scratch, 'clones', name);
    execFileSync('git', ['clone', '-q', bare, clone]);
    execFileSync(join(project, 'examples', 'multi-gitter', 'codemod.sh'), { cwd: clone, env: { ...process.env, REPOSITORY: name, OUT: out, DOCKERFILE_CODEMOD: codemod } });
    const status = git(clone, 'status', '--porcelain');
    if (!service) {
      expect(status).toBe('');
      expect(existsSync(join(out, name))).toBe(false);
      continue;
    }
    expect(status).toBe('M Dockerfile');
    expect(readFileSync(join(out, name, 'all.md'), 'utf8').split('\n')[0]).toMatch(/^Add cache mounts for (pip|poetry and pip); set # syntax=docker\/dockerfile:1 \(all\)$/);
    git(clone, 'checkout', '-q', '-b', 'dockerfile-codemod/all');
    git(clone, '-c', 'user.name=CI', '-c', 'user.email=ci@example.com', 'commit', '-q', '-am', 'Dockerfiles: BuildKit cache mounts');
    git(clone, 'push', '-q', 'origin', 'dockerfile-codemod/all');
    expect(git(bare, 'show', 'dockerfile-codemod/all:Dockerfile')).toContain('--mount=type=cache,target=/root/.cache/pip');
  }
  execFileSync(join(project, 'examples', 'multi-gitter', 'retitle.sh'), { env: { ...process.env, OUT: out, PATH: `${binDir}:${process.env.PATH}`, FAKE_GH_LOG: ghLog } });
  const edits = ghCalls().map((call) => call.args);
  expect(edits.map((args) => args.slice(0, 5))).toEqual([
    ['pr', 'edit', 'dockerfile-codemod/all', '--repo', 'acme/api'],
    ['pr', 'edit', 'dockerfile-codemod/all', '--repo', 'acme/ml'],
  ]);
  expect(edits[1]![edits[1]!.indexOf('--title') + 1]).toBe(readFileSync(join(out, 'acme/ml/all.md'), 'utf8').split('\n')[0]);
  expect(readFileSync(join(ghCalls()[1]!.cwd, edits[1]![edits[1]!.indexOf('--body-file') + 1]!), 'utf8')).toMatch(/^dockerfile-codemod \S+ changed 1 Dockerfile for `all`\./);
});
