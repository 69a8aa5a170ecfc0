import type { TextEdit } from '../dockerfile/text-edit.js';

// Defined with the Dockerfile model, which lays out edits too (dockerfile/layout.ts).
export { insertAt, type TextEdit } from '../dockerfile/text-edit.js';

/**
 * Apply non-overlapping edits. Inserts at the same offset keep the order they were given in.
 * Overlapping edits are a transform bug: they would make the result depend on edit order.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
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

function countNewlines(text: string, from = 0, to = text.length): number {
  let count = 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) count++;
  return count;
}

/**
 * Maps 1-based line numbers of an edited text back to the text before the edits, so that every
 * change is reported at its line in the file on disk even after earlier transforms moved lines.
 */
export class LineMap {
  /**
   * Sorted by `newLine`: from that line on (in the edited text), lines shift by `delta`, or, for
   * lines that begin inside inserted text, belong to `line` of the original.
   */
  private readonly shifts: ({ newLine: number; delta: number } | { newLine: number; line: number })[] = [];

  constructor(original: string, edits: readonly TextEdit[]) {
    const sorted = [...edits].sort((a, b) => a.start - b.start);
    let delta = 0;
    // Newlines before `counted`, counted once across all edits: edits come sorted.
    let counted = 0;
    let newlines = 0;
    for (const edit of sorted) {
      const added = countNewlines(edit.newText);
      const removed = countNewlines(original, edit.start, edit.end);
      if (added === removed) continue;
      newlines += countNewlines(original, counted, edit.start);
      counted = edit.start;
      const startLine = newlines + 1;
      // The edited line holding the text before the edit, and the one holding the text after it.
      const head = startLine + delta;
      const tail = head + added;
      delta += added - removed;
      if (added > 1) this.shifts.push({ newLine: head + 1, line: startLine });
      // Where the edit joined two lines into one, the line is where its text starts: the head,
      // unless the edit starts a line (then nothing of the head is left on it).
      const joinedAtHead = added === 0 && edit.start > 0 && original.charCodeAt(edit.start - 1) !== 10;
      this.shifts.push({ newLine: joinedAtHead ? tail + 1 : tail, delta });
    }
  }

  toOriginal(line: number): number {
    // Binary search for the last shift at or before `line`: a file can have 100,000 of them.
    let low = 0;
    let high = this.shifts.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (this.shifts[mid]!.newLine <= line) low = mid + 1;
      else high = mid;
    }
    const shift = this.shifts[low - 1];
    if (shift === undefined) return line;
    return 'line' in shift ? shift.line : Math.max(1, line - shift.delta);
  }
}
