import { execFileSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, lineAbout, useScratch, type CliResult } from './helpers.js';

/**
 * Huge and deeply nested inputs finish in bounded time and memory, or are refused with a reason:
 * no stack overflow, no quadratic blow-up. The measured numbers are printed at the end.
 */
const scratch = useScratch();
/** Generous: each case takes a few seconds at most on a 2-vCPU machine. */
const BOUND_MS = 20_000;
const measured: string[] = [];

function measuredRun(label: string, args: readonly string[]): CliResult {
  const result = cli(args, { cwd: scratch(), measure: true });
  measured.push(`${label}: ${(result.wallMs / 1000).toFixed(2)} s, peak RSS ${result.peakRssMiB} MiB, exit ${result.code}`);
  expect(result.wallMs).toBeLessThan(BOUND_MS);
  return result;
}

afterAll(() => console.log(`resource bounds (wall time, peak RSS of the CLI):\n${measured.join('\n')}`));

test('a 10 MB file: refused by the default 1 MiB limit with the reason; with --max-file-size 20m it is transformed', () => {
  // 1,500 stages, each with a RUN and a generated config file in a heredoc: about 10 MB.
  const config = Array.from({ length: 120 }, (_, i) => `key_${i} = value number ${i} of the generated configuration\n`).join('');
  let text = '';
  for (let stage = 0; text.length < 10 * 1024 * 1024; stage++) text += `FROM python:3.12 AS s${stage}\nRUN pip install -r requirements.txt\nCOPY <<EOF /etc/app.ini\n${config}EOF\n\n`;
  writeFileSync(join(scratch(), 'Dockerfile'), text);
  const refused = measuredRun('10 MB, default limit', ['-q']);
  expect(refused.code).toBe(2);
  expect(lineAbout(refused, 'Dockerfile')).toBe(`Dockerfile: error: file is ${text.length} bytes, over the 1 MiB limit (--max-file-size raises it)`);
  const allowed = measuredRun('10 MB, --max-file-size 20m, dry run', ['-q', '--max-file-size', '20m']);
  expect(allowed.code).toBe(0);
  expect(allowed.stdout.match(/^\+RUN --mount=type=cache,target=\/root\/\.cache\/pip/gm)).toHaveLength(text.split('\nRUN ').length - 1);
});

test('a RUN continued over 50,000 lines', () => {
  const packages = Array.from({ length: 50_000 }, (_, i) => `    package-${i} \\\n`).join('');
  writeFileSync(join(scratch(), 'Dockerfile'), `FROM python:3.12\nRUN pip install \\\n${packages}    last-package\n`);
  const result = measuredRun('50,000-line RUN continuation', ['-q']);
  expect(result.code).toBe(0);
  expect(result.stdout).toContain('+RUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install \\\n');
});

test('10,000 stages, each changed: the dry-run patch applies with git and equals --write', () => {
  const text = Array.from({ length: 10_000 }, (_, i) => `FROM python:3.12 AS stage${i}\nRUN pip install package-${i}\n`).join('');
  writeFileSync(join(scratch(), 'Dockerfile'), text);
  const patchDir = join(scratch(), 'patched');
  cpSync(join(scratch(), 'Dockerfile'), join(patchDir, 'Dockerfile'));
  const patch = measuredRun('10,000 stages, --format patch', ['--format', 'patch', 'Dockerfile']);
  expect(patch.code).toBe(0);
  expect(measuredRun('10,000 stages, --write', ['--write', '-q', 'Dockerfile']).code).toBe(0);
  execFileSync('git', ['apply', '--unidiff-zero', '-'], { cwd: patchDir, input: patch.stdout });
  expect(readFileSync(join(patchDir, 'Dockerfile'), 'utf8')).toBe(readFileSync(join(scratch(), 'Dockerfile'), 'utf8'));
});

test('deep nesting: sh -c 200 levels down, and 100,000 levels of $( ), ( ), { } and ${ }', () => {
  let nested = 'pip install flask';
  for (let level = 0; level < 200; level++) nested = `sh -c "$(echo ${level}; ${nested})"`;
  const deep = 100_000;
  const files: Record<string, string> = {
    'sh-c.Dockerfile': `FROM python:3.12\nRUN ${nested}\n`,
    'substitutions.Dockerfile': `FROM python:3.12\nRUN echo ${'$('.repeat(deep)}pip install x${')'.repeat(deep)}\n`,
    'subshells.Dockerfile': `FROM python:3.12\nRUN ${'('.repeat(deep)}pip install x${')'.repeat(deep)}\n`,
    'groups.Dockerfile': `FROM python:3.12\nRUN ${'{ '.repeat(deep)}pip install x; ${'}; '.repeat(deep)}\n`,
    'parameters.Dockerfile': `FROM python:3.12\nRUN echo ${'${a:-'.repeat(deep)}x${'}'.repeat(deep)} && pip install x\n`,
    'json.Dockerfile': `FROM python:3.12\nRUN ${'['.repeat(deep)}${']'.repeat(deep)}\n`,
  };
  for (const [name, content] of Object.entries(files)) writeFileSync(join(scratch(), name), content);
  const result = measuredRun('deep nesting (6 files)', ['-l']);
  // Each is either changed or left alone; none fails or overflows the stack.
  expect(result.errorLines).toEqual([]);
  expect(result.code).toBe(1);
  expect(result.stdout.split('\n')).toEqual(expect.arrayContaining(['groups.Dockerfile', 'parameters.Dockerfile', 'subshells.Dockerfile']));
});
