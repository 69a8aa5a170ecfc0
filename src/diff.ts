import { structuredPatch } from 'diff';

export interface DiffStyle {
  readonly color: boolean;
}

const ANSI = { bold: '\u001b[1m', red: '\u001b[31m', green: '\u001b[32m', cyan: '\u001b[36m', reset: '\u001b[0m' };

/**
 * A unified diff with git-style `a/` and `b/` headers, exactly as `git apply` takes it. Line
 * endings are part of each line, so CRLF files diff and apply byte for byte.
 */
export function unifiedDiff(path: string, before: string, after: string, style: DiffStyle = { color: false }): string {
  const patch = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return '';
  const paint = (code: string, line: string) => (style.color ? `${code}${line}${ANSI.reset}` : line);
  const out = [paint(ANSI.bold, `--- a/${path}`), paint(ANSI.bold, `+++ b/${path}`)];
  for (const hunk of patch.hunks) {
    out.push(paint(ANSI.cyan, `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`));
    for (const line of hunk.lines) {
      const code = line.startsWith('+') ? ANSI.green : line.startsWith('-') ? ANSI.red : '';
      out.push(code ? paint(code, line) : line);
    }
  }
  return `${out.join('\n')}\n`;
}

function range(start: number, lines: number): string {
  // An empty range is reported at the line before it, as diff(1) does.
  if (lines === 0) return `${Math.max(0, start - 1)},0`;
  return lines === 1 ? `${start}` : `${start},${lines}`;
}
