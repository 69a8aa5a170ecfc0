import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { repo, runCli, writeTree } from './support/cli.js';

/** What a user sees on the terminal (issue 14): compact notes, --verbose, --quiet, --check per file, the CLI's own words. */
let work: string;

const cli = (args: string[]) => runCli(args, { cwd: work });

const APT = [
  'FROM debian:bookworm',
  'RUN apt-get update \\',
  '    && apt-get install -y curl \\',
  '    && rm -rf /var/lib/apt/lists/*',
  'RUN apt-get update && apt-get install -y git',
  '',
].join('\n');

const PIP = [
  'FROM python:3.12',
  'RUN pip install --upgrade pip \\',
  '    && pip install --no-cache-dir -r requirements.txt',
  'RUN pip install --no-cache-dir a && pip install --no-cache-dir b',
  '',
].join('\n');

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-conventions-'));
  writeTree(work, { 'apt/Dockerfile': APT, 'pip/Dockerfile': PIP, 'done/Dockerfile': 'FROM alpine\nCMD ["true"]\n' });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('text output', () => {
  test('one short line per change, at the line it edits; repeats folded; no explanations', () => {
    const { code, errorLines } = cli([]);
    expect(code).toBe(0);
    expect(errorLines).toEqual([
      'apt/Dockerfile:1: syntax: directive # syntax=docker/dockerfile:1 (for RUN --mount)',
      'apt/Dockerfile:2: cache-mounts: apt-get install: cache mount /var/cache/apt',
      'apt/Dockerfile:2: cache-mounts: apt-get install: cache mount /var/lib/apt/lists',
      'apt/Dockerfile:4: no-cache-flags: rm: without `rm -rf /var/lib/apt/lists/*`',
      'apt/Dockerfile:5: cache-mounts: apt-get install: cache mount /var/cache/apt',
      'apt/Dockerfile:5: cache-mounts: apt-get install: cache mount /var/lib/apt/lists',
      'pip/Dockerfile:1: syntax: directive # syntax=docker/dockerfile:1 (for RUN --mount)',
      'pip/Dockerfile:2: cache-mounts: pip install: cache mount /root/.cache/pip',
      // The flag on the RUN's second line is reported there, not at the RUN.
      'pip/Dockerfile:3: no-cache-flags: pip: without --no-cache-dir',
      'pip/Dockerfile:4: cache-mounts: pip install: cache mount /root/.cache/pip',
      'pip/Dockerfile:4: no-cache-flags: pip: without --no-cache-dir (2×)',
      '2 changed, 1 unchanged (dry run: nothing written; --write applies it)',
    ]);
  });

  test('--verbose adds each detail once per file, under the change it explains', () => {
    const { code, errorLines } = cli(['--verbose', 'apt']);
    expect(code).toBe(0);
    const setup = errorLines.filter((line) => line.includes('docker-clean'));
    expect(setup).toHaveLength(1);
    expect(errorLines[errorLines.indexOf(setup[0]!) - 1]).toBe('apt/Dockerfile:2: cache-mounts: apt-get install: cache mount /var/cache/apt');
    expect(setup[0]).toMatch(/^ {4}Debian and Ubuntu images delete downloaded packages/);
    expect(errorLines).toContain('    `rm -rf /var/lib/apt/lists/*` only deletes files on the cache mount /var/lib/apt/lists.');
  });

  test('--quiet prints only errors and the summary; the diff is still the output', () => {
    writeTree(work, { 'bad/Dockerfile': 'FROM x\0' });
    const { code, stdout, errorLines } = cli(['--quiet']);
    expect(code).toBe(2);
    expect(stdout).toContain('+++ b/apt/Dockerfile');
    expect(errorLines).toEqual(['bad/Dockerfile: error: binary file (NUL byte at offset 6)', '2 changed, 1 unchanged, 1 error (dry run: nothing written; --write applies it)']);
  });

  test('config keys quiet and verbose; a flag replaces both; both at once is an error', () => {
    writeTree(work, { 'dockerfile-codemod.config.json': JSON.stringify({ verbose: true }) });
    expect(cli(['apt']).stderr).toContain('docker-clean');
    expect(cli(['--quiet', 'apt']).errorLines).toEqual(['1 changed, 0 unchanged (dry run: nothing written; --write applies it)']);
    writeTree(work, { 'dockerfile-codemod.config.json': JSON.stringify({ quiet: true }) });
    expect(cli(['apt']).errorLines).toHaveLength(1);
    expect(cli(['--verbose', 'apt']).stderr).toContain('docker-clean');
    writeTree(work, { 'dockerfile-codemod.config.json': JSON.stringify({ quiet: true, verbose: true }) });
    const both = cli(['apt']);
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('dockerfile-codemod.config.json: quiet and verbose: choose one');
    const flags = cli(['-q', '--verbose']);
    expect(flags.code).toBe(2);
    expect(flags.stderr).toContain('--quiet and --verbose do not go together');
  });
});

test('no message or detail speaks of changes as done: the same words fit a dry run, --check and --write', () => {
  const fixtures = join(repo, 'test/fixtures');
  for (const name of readdirSync(fixtures)) cpSync(join(fixtures, name, 'input.Dockerfile'), join(work, 'fixtures', name, 'Dockerfile'));
  const report = JSON.parse(cli(['--format', 'json', 'fixtures']).stdout) as { files: { changes: { message: string; detail?: string }[] }[] };
  const changes = report.files.flatMap((file) => file.changes);
  expect(changes.length).toBeGreaterThan(100);
  expect(changes.some((change) => change.detail !== undefined)).toBe(true);
  // "added # syntax..." in a dry run; "until it is removed" is fine.
  const pastTense = /(^|: |; |\(|\. )(added|removed|replaced|bumped|dropped|inserted|changed|kept)\b/i;
  expect(changes.filter((change) => pastTense.test(`${change.message} ${change.detail ?? ''}`))).toEqual([]);
});

test('--check prints one line per file that would change, then the summary; exit 1', () => {
  const { code, stdout, errorLines } = cli(['--check']);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(errorLines).toEqual(['apt/Dockerfile: would change (6 changes)', 'pip/Dockerfile: would change (6 changes)', '2 would change, 1 unchanged']);
  // The changes themselves are one --verbose away.
  expect(cli(['--check', '--verbose']).errorLines).toContain('pip/Dockerfile:3: no-cache-flags: pip: without --no-cache-dir');
  expect(cli(['--check', '--quiet']).errorLines).toEqual(['2 would change, 1 unchanged']);
  expect(cli(['--check', 'done']).code).toBe(0);
});

describe('command-line conventions', () => {
  test('-h and --help, -v and --version', () => {
    const help = cli(['-h']);
    expect(help.code).toBe(0);
    expect(help.stdout).toBe(cli(['--help']).stdout);
    expect(help.stdout).toMatch(/^ {2}-h, --help /m);
    expect(help.stdout).toMatch(/^ {2}-v, --version /m);
    expect(cli(['-v']).stdout).toBe(cli(['--version']).stdout);
    expect(cli(['-v']).stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  test('--help fits 80 columns, each example command on a line of its own', () => {
    const lines = cli(['--help']).stdout.split('\n');
    expect(lines.filter((line) => line.length > 80)).toEqual([]);
    const examples = lines.slice(lines.indexOf('Examples:'));
    expect(examples).toContain("    dockerfile-codemod -t cache-mounts --mount-mode none '**/Dockerfile.prod'");
    expect(examples).toContain('    dockerfile-codemod --check --format github');
    const bulkPr = cli(['bulk-pr', '-h']);
    expect(bulkPr.code).toBe(0);
    expect(bulkPr.stdout.split('\n').filter((line) => line.length > 80)).toEqual([]);
    expect(bulkPr.stdout).toContain('\n    dockerfile-codemod bulk-pr --group-by dir:2 --base main --pr\n');
  });

  test('a typo never suggests --write or -w', () => {
    for (const typo of ['-x', '-e', '-W', '--wirte', '--wrte', '--writ']) {
      const { code, stderr } = cli([typo]);
      expect(code).toBe(2);
      expect(stderr).toContain(`unknown option ${typo}`);
      expect(stderr).not.toMatch(/did you mean (-w|--write)/);
    }
    expect(cli(['--chek']).stderr).toContain('unknown option --chek (did you mean --check?)');
    // Once, though yargs also lists the camel-cased --gropBy; bulk-pr suggests from its own flags.
    expect(cli(['--grop-by', 'x']).stderr).toBe('dockerfile-codemod: unknown option --grop-by (did you mean --group-by?)\nRun dockerfile-codemod --help for usage.\n');
    expect(cli(['bulk-pr', '--forse']).stderr).toContain('dockerfile-codemod bulk-pr: unknown option --forse (did you mean --force?)\n');
  });

  test("an invalid choice gets the tool's own message, exit 2", () => {
    const format = cli(['--format', 'xml']);
    expect(format.code).toBe(2);
    expect(format.stderr).toBe("dockerfile-codemod: unknown format 'xml': expected one of text, json, patch, sarif, github\nRun dockerfile-codemod --help for usage.\n");
    const syntax = runCli(['--syntax', 'sometimes'], { cwd: work, env: { LANG: 'de_DE.UTF-8', LC_ALL: 'de_DE.UTF-8' } });
    expect(syntax.code).toBe(2);
    expect(syntax.stderr).toContain("unknown syntax 'sometimes': expected one of auto, always, never");
  });
});
