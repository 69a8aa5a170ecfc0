import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { TransformTester, type Transform, type TransformTestCase } from '../src/index.js';
import { repo, scratchTree } from './support/cli.js';

/** A transform built from a function of the text: the edits it returns replace the whole text. */
function rewriting(id: string, rewrite: (text: string) => string, message = 'rewritten'): Transform {
  return {
    id,
    description: id,
    defaultOn: false,
    options: [],
    apply(document) {
      const text = rewrite(document.text);
      return { changes: text === document.text ? [] : [{ line: 1, message, edits: [{ start: 0, end: document.text.length, newText: text }] }], skips: [] };
    },
  };
}
const label = rewriting('label', (text) => (text.includes('LABEL') ? text : `${text}LABEL a=b\n`), 'label added');
const tester = new TransformTester();
const failure = (transform: Transform, testCase: TransformTestCase) => {
  try {
    tester.check(transform, testCase);
  } catch (error) {
    return (error as Error).message;
  }
  return 'passed';
};

test('a correct case passes, with changes matched by message, pattern or fields', () => {
  const result = tester.check(label, { input: 'FROM a\n', output: 'FROM a\nLABEL a=b\n', changes: [{ line: 1, message: /label/ }] });
  expect(result.status).toBe('changed');
  expect(failure(label, { input: 'FROM a\n', output: 'FROM a\nLABEL a=b\n', changes: ['label added'] })).toBe('passed');
  expect(failure(label, { input: 'FROM a\nLABEL x=y\n', changes: [], skips: [] })).toBe('passed');
  expect(failure(label, { input: '{{ image }}\n', reason: /not a valid Dockerfile/ })).toBe('passed');
});

test('each invariant of the golden fixtures fails a transform that breaks it', () => {
  expect(failure(label, { input: 'FROM a\n', output: 'FROM a\n' })).toContain('the output differs from the expected one');
  expect(failure(label, { input: 'FROM a\n', output: 'FROM a\nLABEL a=b\n', changes: ['other'] })).toContain('the changes reported differ from the expected ones');
  expect(failure(label, { input: 'FROM a\n', output: 'FROM a\nLABEL a=b\n', skips: [/why/] })).toContain('the skips reported differ');
  expect(failure(label, { input: 'FROM a\n', reason: 'empty file' })).toContain('not left alone for the expected reason');
  const stamp = rewriting('stamp', (text) => `# ${text.length}\n${text}`);
  expect(failure(stamp, { input: 'FROM a\n', output: '# 7\nFROM a\n' })).toContain('does not converge: transforms stamp still edit the file');
  const dropper = rewriting('dropper', (text) => text.replace('RUN x\n', ''));
  expect(failure(dropper, { input: 'FROM a\nRUN x\n', output: 'FROM a\n' })).toContain('an instruction of the input is missing from the output');
  // It reports line 1 but edits the RUN at line 2.
  const sneaky = rewriting('sneaky', (text) => text.replace('RUN x\n', 'RUN y\n'));
  expect(failure(sneaky, { input: 'FROM a\nRUN x\n', output: 'FROM a\nRUN y\n' })).toContain('an instruction with no change reported on its lines was altered');
  const faraway: Transform = { ...label, apply: (document, context) => ({ ...label.apply(document, context), changes: label.apply(document, context).changes.map((change) => ({ ...change, line: 9 })) }) };
  expect(failure(faraway, { input: 'FROM a\n', output: 'FROM a\nLABEL a=b\n' })).toContain('reports a change at line 9');
});

test('under node:test with its describe and it, from the built package; without a framework it says what to pass', () => {
  const tree = scratchTree({
    'label.test.mjs': `
import { describe, it } from 'node:test';
import { TransformTester } from ${JSON.stringify(join(repo, 'dist/src/index.js'))};
const label = { id: 'label', description: '', defaultOn: false, options: [], apply: (d) => ({ changes: d.text.includes('LABEL') ? [] : [{ line: 1, message: 'label added', edits: [{ start: d.text.length, end: d.text.length, newText: 'LABEL a=b\\n' }] }], skips: [] }) };
new TransformTester({ describe, it }).run(label, [
  { name: 'adds it', input: 'FROM a\\n', output: 'FROM a\\nLABEL a=b\\n', changes: ['label added'] },
  { name: 'expects the wrong thing', input: 'FROM a\\n', output: 'FROM b\\n' },
]);
`,
    'bare.mjs': `import { TransformTester } from ${JSON.stringify(join(repo, 'dist/src/index.js'))};\nnew TransformTester().run({ id: 'x' }, []);\n`,
  });
  try {
    const run = spawnSync(process.execPath, ['--test', '--test-reporter=tap', 'label.test.mjs'], { cwd: tree.dir, encoding: 'utf8' });
    expect(run.stdout).toMatch(/^\s*ok \d+ - adds it$/m);
    expect(run.stdout).toMatch(/^\s*not ok \d+ - expects the wrong thing$/m);
    expect(run.stdout).toContain('the output differs from the expected one');
    expect(run.status).toBe(1);
    const bare = spawnSync(process.execPath, ['bare.mjs'], { cwd: tree.dir, encoding: 'utf8' });
    expect(bare.stderr).toContain("TransformTester: no global describe: pass { describe, it } from your test framework");
  } finally {
    tree.remove();
  }
});
