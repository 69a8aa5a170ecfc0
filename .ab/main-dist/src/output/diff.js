import { structuredPatch } from 'diff';
const ANSI = { bold: '\u001b[1m', red: '\u001b[31m', green: '\u001b[32m', cyan: '\u001b[36m', reset: '\u001b[0m' };
const CONTEXT = 3;
/**
 * Myers' minimal diff takes time and memory in proportion to lines times edits: a 10,000-stage
 * file with every stage changed would take minutes and gigabytes. Past this many line
 * comparisons, the diff is one hunk from the first changed line to the last: as valid for
 * `git apply`, only longer.
 */
const MINIMAL_DIFF_BUDGET = 20_000_000;
/**
 * A unified diff with git-style `a/` and `b/` headers, exactly as `git apply` takes it. Line
 * endings are part of each line, so CRLF files diff and apply byte for byte.
 */
export function unifiedDiff(path, before, after, style = { color: false }) {
    if (before === after)
        return '';
    const lineCount = countLines(before) + countLines(after);
    const maxEditLength = Math.max(100, Math.floor(MINIMAL_DIFF_BUDGET / lineCount));
    const hunks = structuredPatch(`a/${path}`, `b/${path}`, before, after, undefined, undefined, { context: CONTEXT, maxEditLength })?.hunks ?? [oneHunk(before, after)];
    const paint = (code, line) => (style.color ? `${code}${line}${ANSI.reset}` : line);
    const out = [paint(ANSI.bold, `--- a/${path}`), paint(ANSI.bold, `+++ b/${path}`)];
    for (const hunk of hunks) {
        out.push(paint(ANSI.cyan, `@@ -${range(hunk.oldStart, hunk.oldLines)} +${range(hunk.newStart, hunk.newLines)} @@`));
        for (const line of hunk.lines) {
            const code = line.startsWith('+') ? ANSI.green : line.startsWith('-') ? ANSI.red : '';
            out.push(code ? paint(code, line) : line);
        }
    }
    return `${out.join('\n')}\n`;
}
function countLines(text) {
    let lines = 1;
    for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1))
        lines++;
    return lines;
}
function range(start, lines) {
    // An empty range is reported at the line before it, as diff(1) does.
    if (lines === 0)
        return `${Math.max(0, start - 1)},0`;
    return lines === 1 ? `${start}` : `${start},${lines}`;
}
/** Lines with their endings; the last one may have none. */
function linesOf(text) {
    const lines = text.split(/(?<=\n)/);
    return lines[lines.length - 1] === '' ? lines.slice(0, -1) : lines;
}
/** One hunk that replaces everything between the common first and last lines, with context around it. */
function oneHunk(before, after) {
    const a = linesOf(before);
    const b = linesOf(after);
    let common = 0;
    while (common < a.length && common < b.length && a[common] === b[common])
        common++;
    let tail = 0;
    while (tail < a.length - common && tail < b.length - common && a[a.length - 1 - tail] === b[b.length - 1 - tail])
        tail++;
    const start = Math.max(0, common - CONTEXT);
    const trailing = Math.min(tail, CONTEXT);
    const marked = (mark, lines) => lines.flatMap((line) => (line.endsWith('\n') ? [mark + line.slice(0, -1)] : [mark + line, '\\ No newline at end of file']));
    return {
        oldStart: start + 1,
        oldLines: a.length - tail + trailing - start,
        newStart: start + 1,
        newLines: b.length - tail + trailing - start,
        lines: [
            ...marked(' ', a.slice(start, common)),
            ...marked('-', a.slice(common, a.length - tail)),
            ...marked('+', b.slice(common, b.length - tail)),
            ...marked(' ', a.slice(a.length - tail, a.length - tail + trailing)),
        ],
    };
}
//# sourceMappingURL=diff.js.map