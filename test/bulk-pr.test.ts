import { fileURLToPath } from 'node:url';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** examples/bulk-pr.sh against a real temporary git repository, with the built CLI. */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));
const script = join(repoRoot, 'examples', 'bulk-pr.sh');
const codemod = `${process.execPath} ${join(repoRoot, 'dist', 'cli.mjs')}`;
let repo: string;

const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, encoding: 'utf8' }).trim();

function bulkPr(...args: string[]) {
  return spawnSync('bash', [script, ...args], { cwd: repo, encoding: 'utf8', env: { ...process.env, DOCKERFILE_CODEMOD: codemod } });
}

beforeEach(() => {
  repo = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bulk-'));
  cpSync(join(repoRoot, 'examples'), repo, { recursive: true });
  writeFileSync(join(repo, 'CODEOWNERS'), '* @acme/platform\n/services/api/ @acme/api-team\nservices/ml/ @acme/data\n/services/reports/ @acme/data\n');
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'ci@example.com');
  git('config', 'user.name', 'CI');
  git('add', '-A');
  git('commit', '-q', '-m', 'initial');
});
afterEach(() => rmSync(repo, { recursive: true, force: true }));

test('one branch per CODEOWNERS group, each with exactly its files, committed with the generated title', () => {
  const result = bulkPr('--group-by', 'codeowners');
  expect(result.stderr).not.toMatch(/error/i);
  expect(result.status).toBe(0);
  const branches = git('branch', '--format=%(refname:short)').split('\n').sort();
  expect(branches).toEqual(['dockerfile-codemod/acme-api-team', 'dockerfile-codemod/acme-data', 'dockerfile-codemod/acme-platform', 'main']);
  const changed = (branch: string) => git('diff', '--name-only', 'main', branch).split('\n').sort();
  expect(changed('dockerfile-codemod/acme-api-team')).toEqual(['services/api/Dockerfile']);
  expect(changed('dockerfile-codemod/acme-data')).toEqual(['services/ml/Dockerfile', 'services/reports/Dockerfile']);
  expect(changed('dockerfile-codemod/acme-platform')).toEqual(['services/legacy/Dockerfile', 'services/worker/Dockerfile', 'tools/lint/Containerfile']);
  expect(git('log', '-1', '--format=%s', 'dockerfile-codemod/acme-data')).toBe('Use BuildKit cache mounts in 2 Dockerfiles (acme-data)');
  expect(git('log', '-1', '--format=%b', 'dockerfile-codemod/acme-data')).toContain('## How to opt out');
  expect(result.stdout).toContain("would run: gh pr create --base main --head dockerfile-codemod/acme-data --title Use\\ BuildKit\\ cache\\ mounts\\ in\\ 2\\ Dockerfiles\\ \\(acme-data\\)");
  // Back where it started, work tree untouched.
  expect(git('rev-parse', '--abbrev-ref', 'HEAD')).toBe('main');
  expect(git('status', '--porcelain')).toBe('');
  // Each branch's content is exactly what --write produces for those files.
  git('checkout', '-q', 'dockerfile-codemod/acme-api-team');
  expect(spawnSync(process.execPath, [join(repoRoot, 'dist', 'cli.mjs'), '--check', 'services/api'], { cwd: repo }).status).toBe(0);
  git('checkout', '-q', 'main');
});

test('groups by directory depth', () => {
  expect(bulkPr('--group-by', 'dir:1').status).toBe(0);
  expect(git('branch', '--format=%(refname:short)').split('\n').sort()).toEqual(['dockerfile-codemod/services', 'dockerfile-codemod/tools', 'main']);
});

test('refuses a dirty work tree unless --allow-dirty', () => {
  writeFileSync(join(repo, 'services/api/app.py'), 'print("wip")\n');
  const refused = bulkPr();
  expect(refused.status).toBe(2);
  expect(refused.stderr).toContain('uncommitted changes');
  expect(git('branch', '--format=%(refname:short)')).toBe('main');
  expect(bulkPr('--allow-dirty', '--group-by', 'none').status).toBe(0);
  expect(git('branch', '--format=%(refname:short)').split('\n').sort()).toEqual(['dockerfile-codemod/all', 'main']);
});
