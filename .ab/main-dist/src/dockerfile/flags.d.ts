/**
 * Flags of an instruction (`RUN --mount=... --network=host cmd`), read from the file's text.
 * dockerfile-ast's getFlags() splits the instruction's whole argument list first, which is the
 * slowest part of working with its tree; flags only ever lead the arguments, so reading them here
 * touches a few dozen characters. test/unit/flags.test.ts checks that both agree.
 */
export interface ExistingFlag {
    /** The name without the leading dashes, as written. */
    readonly name: string;
    /** Everything after the first `=`, quotes included; null for a bare `--flag`. */
    readonly value: string | null;
    /** File offsets of the whole `--name=value` word. */
    readonly start: number;
    readonly end: number;
}
/** The offset after a line continuation (escape, blanks, line break) at `offset`, or undefined when there is none. */
export declare function lineContinuationEnd(text: string, offset: number, escape: string): number | undefined;
/**
 * From the start of a line inside a continuation, the offset after the empty and comment lines
 * Docker drops there. `keep` stops at a line that is not the continuation's (a heredoc body).
 */
export declare function droppedLinesEnd(text: string, from: number, to: number, keep?: (offset: number) => boolean): number;
/** The flags between `from` (just after the keyword) and `to` (the end of the instruction). */
export declare function readFlags(text: string, from: number, to: number, escape: string): ExistingFlag[];
