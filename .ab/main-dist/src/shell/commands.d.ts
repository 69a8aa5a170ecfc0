import { type LexOptions, type WordToken } from './lexer.js';
/**
 * A simple command as the shell would run it: its words after assignments and redirections
 * are set aside. Offsets refer to the text given to `findCommands`.
 */
export interface SimpleCommand {
    readonly words: readonly WordToken[];
    readonly argv: readonly string[];
    readonly assignments: readonly WordToken[];
    readonly start: number;
    readonly end: number;
    /** The operator joining this command to the previous one (`&&`, `;`, `|`, newline...), if any. */
    readonly before?: string;
    /** The operator after this command, if any. */
    readonly after?: string;
    /** True when offsets are exact in the analysed text (false inside `sh -c '...'` strings). */
    readonly exact: boolean;
    /** How the command was reached: directly, or through `sh -c`, `$(...)`. */
    readonly via: readonly string[];
    /** The files its output redirections write (`> file`, `>> file`, `&> file`), as written. */
    readonly writesTo: readonly string[];
}
export declare function findCommands(text: string, options?: LexOptions): SimpleCommand[];
/** Parse a script given as a string argument (`sh -c '...'`), keeping offsets when they are exact. */
export declare function findCommandsInScriptArgument(root: string, word: WordToken, via: readonly string[], outerExact: boolean): SimpleCommand[];
