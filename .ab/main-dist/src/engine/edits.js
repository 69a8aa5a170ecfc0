// Defined with the Dockerfile model, which lays out edits too (dockerfile/layout.ts).
export { insertAt } from '../dockerfile/text-edit.js';
/**
 * Apply non-overlapping edits. Inserts at the same offset keep the order they were given in.
 * Overlapping edits are a transform bug: they would make the result depend on edit order.
 */
export function applyEdits(text, edits) {
    if (edits.length === 0)
        return text;
    const sorted = edits
        .map((edit, index) => ({ edit, index }))
        .sort((a, b) => a.edit.start - b.edit.start || a.edit.end - b.edit.end || a.index - b.index)
        .map(({ edit }) => edit);
    let out = '';
    let cursor = 0;
    for (const edit of sorted) {
        if (edit.start < cursor || edit.end < edit.start || edit.end > text.length) {
            throw new Error(`overlapping or out-of-range edit at offset ${edit.start}-${edit.end}`);
        }
        out += text.slice(cursor, edit.start) + edit.newText;
        cursor = edit.end;
    }
    return out + text.slice(cursor);
}
function countNewlines(text, from = 0, to = text.length) {
    let count = 0;
    for (let i = from; i < to; i++)
        if (text.charCodeAt(i) === 10)
            count++;
    return count;
}
/**
 * Maps 1-based line numbers of an edited text back to the text before the edits, so that every
 * change is reported at its line in the file on disk even after earlier transforms moved lines.
 */
export class LineMap {
    /** Sorted by `newLine`: from that line on (in the edited text), lines shift by `delta`. */
    shifts = [];
    constructor(original, edits) {
        const sorted = [...edits].sort((a, b) => a.start - b.start);
        let delta = 0;
        // Newlines before `counted`, counted once across all edits: edits come sorted.
        let counted = 0;
        let newlines = 0;
        for (const edit of sorted) {
            const added = countNewlines(edit.newText);
            const removed = countNewlines(original, edit.start, edit.end);
            if (added === removed)
                continue;
            newlines += countNewlines(original, counted, edit.end);
            counted = edit.end;
            const originalLine = newlines + 1;
            delta += added - removed;
            this.shifts.push({ newLine: originalLine + delta, delta });
        }
    }
    toOriginal(line) {
        // Binary search for the last shift at or before `line`: a file can have 100,000 of them.
        let low = 0;
        let high = this.shifts.length;
        while (low < high) {
            const mid = (low + high) >> 1;
            if (this.shifts[mid].newLine <= line)
                low = mid + 1;
            else
                high = mid;
        }
        return Math.max(1, line - (low > 0 ? this.shifts[low - 1].delta : 0));
    }
}
//# sourceMappingURL=edits.js.map