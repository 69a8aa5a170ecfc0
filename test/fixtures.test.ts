import { fileURLToPath } from 'node:url';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findTransform } from '../transforms/index.js';
import type { TransformOptions } from '../src/engine/options.js';
import type { Transform } from '../src/engine/transform.js';
import { withCurrentTable } from '../transforms/cache-mounts/docs.js';
import { DEFAULT_TRANSFORMS, instructionLines, instructionSignature, isInsertionOnly, onlyIntendedChanges, run } from './support/invariants.js';

/**
 * Golden fixtures: test/fixtures/<case>/input.Dockerfile becomes output.Dockerfile, with the
 * default transforms or those named in an optional options.json ({ transforms, options }).
 */
const root = fileURLToPath(new URL('fixtures', import.meta.url));
const cases = readdirSync(root).sort();

function settings(dir: string): { transforms: readonly Transform[]; options: TransformOptions } {
  const file = join(dir, 'options.json');
  if (!existsSync(file)) return { transforms: DEFAULT_TRANSFORMS, options: {} };
  const config = JSON.parse(readFileSync(file, 'utf8')) as { transforms?: string[]; options?: TransformOptions };
  return {
    transforms: config.transforms?.map((id) => findTransform(id)!) ?? DEFAULT_TRANSFORMS,
    options: config.options ?? {},
  };
}

test('there are golden fixtures', () => {
  expect(cases.length).toBeGreaterThan(30);
});

describe.each(cases)('fixture %s', (name) => {
  const dir = join(root, name);
  const input = readFileSync(join(dir, 'input.Dockerfile'), 'utf8');
  const expected = readFileSync(join(dir, 'output.Dockerfile'), 'utf8');
  const { transforms, options } = settings(dir);
  const result = run(input, options, transforms);

  test('produces the golden output byte for byte', () => {
    expect(result.status).not.toBe('error');
    expect(result.output).toBe(expected);
    if (input === expected) expect(['unchanged', 'skipped']).toContain(result.status);
    else expect(result.status).toBe('changed');
  });

  test('is idempotent: a second run changes nothing', () => {
    const again = run(expected, options, transforms);
    expect(again.output).toBe(expected);
    expect(again.changes).toEqual([]);
  });

  test('keeps every instruction and argument, and every input byte except removed cache defeaters', () => {
    const edited = result.changes.filter((change) => change.transform !== 'syntax').map((change) => change.line);
    const before = instructionSignature(input);
    const after = instructionSignature(expected);
    const lines = instructionLines(input);
    before.forEach((row, i) => {
      if (!edited.some((line) => line >= lines[i]!.first && line <= lines[i]!.last)) expect(after[i]).toBe(row);
    });
    expect(onlyIntendedChanges(input, expected)).toBe(true);
    // Without the removals, every transform only inserts: every input byte survives, in order.
    // (cache-mounts itself drops an `rm` of a path the mount now holds: that RUN is checked above.)
    if (result.changes.some((change) => change.detail?.includes('Without the `rm` of'))) return;
    const insertingOnly = run(input, options, transforms.filter((transform) => transform.id !== 'no-cache-flags')).output!;
    const withoutDirective = (text: string) => text.replace(/^# syntax=\S+\n/, '');
    expect(isInsertionOnly(withoutDirective(input), withoutDirective(insertingOnly))).toBe(true);
  });

  test('reports every change at a line of the input', () => {
    const lines = input.split('\n').length;
    for (const change of result.changes) {
      expect(change.line).toBeGreaterThanOrEqual(1);
      expect(change.line).toBeLessThanOrEqual(lines);
    }
  });
});

test('reports keep the lines of the input when inserted flags and setup add lines, with CRLF and with the backtick escape', () => {
  const cases: [string, (text: string) => string][] = [
    ['layout-crlf', (text) => text.replaceAll('\r\n', '\n')],
    ['layout-backtick', (text) => text.replace('# escape=`\n', '').replaceAll('`\n', '\\\n')],
  ];
  const reported = (text: string) => run(text).changes.map((change) => `${change.transform}:${change.line}`);
  for (const [name, plain] of cases) {
    const input = readFileSync(join(root, name, 'input.Dockerfile'), 'utf8');
    // The same file with LF endings or the default escape reports the same lines (one fewer without the directive).
    const shift = input.startsWith('# escape') ? 1 : 0;
    expect(reported(input).map((entry) => entry.replace(/\d+$/, (line) => String(Number(line) - (line === '1' ? 0 : shift))))).toEqual(reported(plain(input)));
    // Changes to RUNs are reported at the input line they edit, after the flags and setup moved the rest down:
    // a mount at the RUN's first line, where the flags go; a removal at the line of the flag or command it removes.
    const runLines = instructionLines(input).filter((_line, i) => instructionSignature(input)[i]!.startsWith('RUN ')).map(({ first }) => first);
    const changes = run(input).changes.filter((change) => change.transform !== 'syntax');
    expect(new Set(changes.map((change) => change.transform))).toEqual(new Set(['cache-mounts', 'no-cache-flags']));
    const inputLines = input.split('\n');
    for (const change of changes) {
      if (change.transform === 'cache-mounts') expect(runLines).toContain(change.line);
      else expect(inputLines[change.line - 1]).toContain(/without `?([^` ]+)/.exec(change.message)![1]);
    }
    expect(changes.some((change) => !runLines.includes(change.line))).toBe(true);
  }
});

test('the package-manager tables in the READMEs match the code (npm run docs regenerates them)', () => {
  for (const file of ['README.md', 'transforms/cache-mounts/README.md']) {
    const text = readFileSync(fileURLToPath(new URL(`../${file}`, import.meta.url)), 'utf8');
    expect(withCurrentTable(text)).toBe(text);
  }
});
