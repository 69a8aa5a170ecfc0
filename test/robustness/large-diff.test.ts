import { applyPatch } from 'diff';
import fc from 'fast-check';
import { unifiedDiff } from '../../src/output/diff.js';

/**
 * Past a budget, the minimal (Myers) diff gives way to one whole-region hunk for huge files with many
 * changes. Its patches must apply exactly as well: checked on 40,000-line texts with ~1,000
 * scattered edits among repetitive lines (blank lines, repeated instructions), CRLF lines and a
 * final newline or not on either side.
 */
const LINES = ['', 'RUN pip install flask', 'FROM python:3.12', '# comment', 'RUN apt-get update && \\', '    apt-get install -y gcc'];

const text = fc.tuple(fc.array(fc.nat({ max: LINES.length - 1 }), { minLength: 20_000, maxLength: 20_000 }), fc.boolean(), fc.boolean());
const edits = fc.array(fc.tuple(fc.nat({ max: 19_999 }), fc.constantFrom('insert', 'delete', 'replace'), fc.nat({ max: 3 })), { minLength: 800, maxLength: 1200 });

function render(lines: readonly number[], crlf: boolean, finalNewline: boolean): string {
  const ending = (i: number) => (crlf && i % 7 === 0 ? '\r\n' : '\n');
  const body = lines.map((line, i) => `${LINES[line]}${i < lines.length - 1 || finalNewline ? ending(i) : ''}`).join('');
  return body;
}

test('diffs past the minimal-diff budget apply to the original and give the new text', () => {
  fc.assert(
    fc.property(text, edits, fc.boolean(), ([lines, crlf, finalNewline], changes, newFinalNewline) => {
      const after = [...lines];
      for (const [at, kind, line] of changes.sort((a, b) => b[0] - a[0])) {
        if (kind === 'insert') after.splice(at, 0, line);
        else if (kind === 'delete') after.splice(at, 1);
        else after[at] = (after[at]! + 1 + line) % LINES.length;
      }
      const before = render(lines, crlf, finalNewline);
      const expected = render(after, crlf, newFinalNewline);
      const patch = unifiedDiff('Dockerfile', before, expected);
      expect(applyPatch(before, patch)).toBe(expected);
    }),
    // No shrinking: 20,000-line counterexamples would take minutes to shrink.
    { numRuns: 12, seed: 20261123, endOnFailure: true },
  );
});

test('small diffs are still minimal: one changed line is one hunk of one removal and one addition', () => {
  const before = `${LINES.join('\n')}\n`;
  const after = before.replace('RUN pip install flask', 'RUN --mount=type=cache,target=/root/.cache/pip pip install flask');
  expect(unifiedDiff('Dockerfile', before, after).split('\n').filter((line) => /^[-+][^-+]/.test(line))).toEqual([
    '-RUN pip install flask',
    '+RUN --mount=type=cache,target=/root/.cache/pip pip install flask',
  ]);
});
