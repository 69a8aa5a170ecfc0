import { execFileSync } from 'node:child_process';
import { lstatSync, readFileSync, readlinkSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cli, lineAbout, PIP, PIP_MIGRATED, useScratch, writeTreeFor } from './helpers.js';

/**
 * Symlinks out of the repository: nothing is written through them unless --follow-symlinks says
 * so. scratch/repo is the repository; scratch/outside is what its links point to.
 */
const scratch = useScratch();
const repo = () => join(scratch(), 'repo');
const outside = (path: string) => readFileSync(join(scratch(), 'outside', path), 'utf8');

beforeEach(() => {
  writeTreeFor(scratch(), { 'repo/services/api/Dockerfile': PIP, 'outside/Dockerfile': PIP, 'outside/dir/Dockerfile': PIP });
  symlinkSync('../../outside/Dockerfile', join(repo(), 'services/link.Dockerfile'));
  symlinkSync('../outside/dir', join(repo(), 'linked'));
});

function expectOutsideUntouched(): void {
  expect(outside('Dockerfile')).toBe(PIP);
  expect(outside('dir/Dockerfile')).toBe(PIP);
}

test.each([
  ['the working directory, searched without git', [] as string[], false],
  ['the working directory, searched with git', [], true],
  ['a ** glob', ['**/*Dockerfile*'], false],
  ['a * glob', ['{*,*/*}/Dockerfile'], false],
])('%s: the repository file is written, nothing outside', (_name, operands, git) => {
  if (git) execFileSync('git', ['init', '-q'], { cwd: repo() });
  if (git) execFileSync('git', ['add', '-A'], { cwd: repo() });
  const result = cli(['--write', '-q', ...operands], { cwd: repo() });
  expect(result.code).toBe(0);
  expect(readFileSync(join(repo(), 'services/api/Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
  expectOutsideUntouched();
});

test('symlinks named explicitly are refused with the reason, the other operands still processed', () => {
  const result = cli(['--write', '-q', 'services/link.Dockerfile', 'linked', 'services/api'], { cwd: repo() });
  expect(result.code).toBe(2);
  expect(lineAbout(result, 'services/link.Dockerfile')).toBe('services/link.Dockerfile: error: is a symbolic link; pass --follow-symlinks to process the file it points to');
  expect(lineAbout(result, 'linked')).toBe('linked: error: is a symlink to a directory; pass --follow-symlinks to search it');
  expect(readFileSync(join(repo(), 'services/api/Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
  expectOutsideUntouched();
});

test('--follow-symlinks writes through to the targets and keeps the links as links', () => {
  const result = cli(['--write', '-q', '--follow-symlinks'], { cwd: repo() });
  expect(result.errorLines).toEqual(['3 changed (written), 0 unchanged']);
  expect(outside('Dockerfile')).toBe(PIP_MIGRATED);
  expect(outside('dir/Dockerfile')).toBe(PIP_MIGRATED);
  expect(lstatSync(join(repo(), 'services/link.Dockerfile')).isSymbolicLink()).toBe(true);
  expect(readlinkSync(join(repo(), 'services/link.Dockerfile'))).toBe('../../outside/Dockerfile');
  expect(lstatSync(join(repo(), 'linked')).isSymbolicLink()).toBe(true);
});
