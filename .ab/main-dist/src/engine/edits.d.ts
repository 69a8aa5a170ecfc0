import type { TextEdit } from '../dockerfile/text-edit.js';
export { insertAt, type TextEdit } from '../dockerfile/text-edit.js';
/**
 * Apply non-overlapping edits. Inserts at the same offset keep the order they were given in.
 * Overlapping edits are a transform bug: they would make the result depend on edit order.
 */
export declare function applyEdits(text: string, edits: readonly TextEdit[]): string;
/**
 * Maps 1-based line numbers of an edited text back to the text before the edits, so that every
 * change is reported at its line in the file on disk even after earlier transforms moved lines.
 */
export declare class LineMap {
    /** Sorted by `newLine`: from that line on (in the edited text), lines shift by `delta`. */
    private readonly shifts;
    constructor(original: string, edits: readonly TextEdit[]);
    toOriginal(line: number): number;
}
