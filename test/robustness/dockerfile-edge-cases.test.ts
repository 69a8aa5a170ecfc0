import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, lineAbout, PIP, PIP_MIGRATED, repo, treeBytes, useScratch, writeTreeFor } from './helpers.js';

/**
 * Odd but real Dockerfiles, through the disk: every golden fixture (mixed line endings, bare CR,
 * BOM, heredocs, odd directives, templates, the dockerfile-ast #123 comment, quoted commas in
 * flags...) written with --write must come out byte for byte as its golden output.
 */
const scratch = useScratch();
const fixtures = join(repo, 'test/fixtures');
// Fixtures with an options.json need other settings than the CLI's defaults.
const cases = readdirSync(fixtures).filter((name) => !existsSync(join(fixtures, name, 'options.json')));

test('every default-settings fixture, written to disk and run with --write, equals its golden output byte for byte', () => {
  writeTreeFor(scratch(), Object.fromEntries(cases.map((name) => [`${name}/Dockerfile`, readFileSync(join(fixtures, name, 'input.Dockerfile'))])));
  const result = cli(['--write', '--format', 'json'], { cwd: scratch() });
  expect(result.code).toBe(0);
  const report = JSON.parse(result.stdout) as { files: { path: string; status: string; error: string | null }[] };
  // None fails; each left alone as a whole says why.
  expect(report.files.filter((file) => file.status === 'error')).toEqual([]);
  for (const file of report.files.filter((entry) => entry.status === 'skipped')) expect(file.error).toMatch(/\S/);
  const written = treeBytes(scratch());
  for (const name of cases) {
    const golden = readFileSync(join(fixtures, name, 'output.Dockerfile'));
    expect({ name, output: written.get(`${name}/Dockerfile`)!.toString('latin1') }).toEqual({ name, output: golden.toString('latin1') });
  }
  expect(cases.length).toBeGreaterThan(70);
});

test('the edge cases the issue lists each have a golden fixture', () => {
  for (const name of [
    'mixed-line-endings',
    'bare-cr',
    'continuation-trailing-blanks',
    'heredoc-variants',
    'lowercase-instructions',
    'directive-spellings',
    'exec-form-spacing',
    'jinja-template',
    'template-file',
    'comment-backslash-in-continuation',
    'quoted-comma-mount-flag',
    'file-ends-in-continuation',
  ]) {
    expect(cases).toContain(name);
  }
});

test('an exception from inside the engine (a stack overflow, say) fails that file only', () => {
  writeTreeFor(scratch(), {
    'deep/Dockerfile': `${PIP}# OVERFLOW\n`,
    'fine/Dockerfile': PIP,
    // mightApply runs before any transform's own error handling: it stands in for the parser failing.
    'overflow.mjs': `export default {
  id: 'overflow', description: 'fails like a parser at its recursion limit', defaultOn: false, options: [],
  mightApply(text) { if (text.includes('OVERFLOW')) throw new RangeError('Maximum call stack size exceeded'); return false; },
  apply() { return { changes: [], skips: [] }; },
};
`,
  });
  const result = cli(['--write', '-q', '-t', './overflow.mjs', '-t', 'cache-mounts', '-t', 'syntax', 'deep', 'fine'], { cwd: scratch() });
  expect(result.code).toBe(2);
  expect(lineAbout(result, 'deep/Dockerfile')).toBe('deep/Dockerfile: error: cannot process this file: Maximum call stack size exceeded');
  expect(readFileSync(join(scratch(), 'fine/Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
  expect(result.errorLines.at(-1)).toBe('1 changed (written), 0 unchanged, 1 error');
});
