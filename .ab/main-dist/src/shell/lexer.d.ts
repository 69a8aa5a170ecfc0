/**
 * A POSIX-shell tokenizer that keeps source offsets, so that commands can be found wherever a
 * shell would run them and, later, edited in place. It understands quoting, escapes, comments,
 * operators, `$(...)`, backticks, `${...}` and here-documents; it does not expand anything.
 */
export interface WordToken {
    readonly kind: 'word';
    readonly start: number;
    readonly end: number;
    /** The word with quotes and escapes removed; `$VAR` and `$(...)` are kept as written. */
    readonly value: string;
    /** True when any part of the word was quoted or escaped. */
    readonly quoted: boolean;
    /** The text between the quotes when the whole word is one single-quoted string. */
    readonly singleQuotedBody?: {
        readonly start: number;
        readonly end: number;
    };
    /** Inner ranges of `$(...)` and backtick substitutions: commands the shell also runs. */
    readonly substitutions: readonly {
        readonly start: number;
        readonly end: number;
    }[];
}
export interface OperatorToken {
    readonly kind: 'op';
    readonly start: number;
    readonly end: number;
    readonly value: string;
}
export interface NewlineToken {
    readonly kind: 'newline';
    readonly start: number;
    readonly end: number;
}
export type Token = WordToken | OperatorToken | NewlineToken;
export interface LexOptions {
    /** Whether here-document bodies follow their `<<` line in this text (false when already cut out). */
    readonly heredocBodiesInline?: boolean;
}
export declare function lex(text: string, options?: LexOptions): Token[];
