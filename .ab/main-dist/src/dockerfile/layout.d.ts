/**
 * How inserted text is laid out in a RUN: new flags and setup commands follow the file's own
 * continuation style (escape character, indentation, `&&` at line starts or line ends, each
 * line's own line ending) and go on lines of their own when one line would grow too long.
 * Everything is an insertion: the original bytes stay, in order.
 */
import type { Run } from 'dockerfile-ast';
import type { DockerfileDocument } from './document.js';
import { type TextEdit } from './text-edit.js';
import type { RunAnalysis, ShellScript } from './run.js';
import type { SimpleCommand } from '../shell/commands.js';
/** Lines past this many columns get inserted text on lines of their own. */
export declare const MAX_LINE_WIDTH = 100;
/** How a file continues its RUN instructions over several lines. */
export interface ContinuationStyle {
    /** `\`, or the backtick under `# escape=\``. */
    readonly escape: string;
    /** Leading whitespace of continuation lines. */
    readonly indent: string;
    /** `&& cmd` at the start of a continuation line, or `cmd && \` at the end of a line. */
    readonly chaining: 'leading' | 'trailing';
}
/** Display width of a line, tabs expanded to the next tab stop. */
export declare function lineColumns(line: string): number;
/**
 * The RUN's own continuation style; where it has none (a one-line RUN), the style most of the
 * file's RUNs use; else 4 spaces and a trailing `&& \`. The indentation is that of the lines
 * that start a command, where there are any: not that of a package list indented deeper.
 */
export declare function continuationStyle(document: DockerfileDocument, run: Run): ContinuationStyle;
export interface LayoutContext {
    /** The flags `insertRunFlags` adds to the same RUN in the same change set: they decide whether the command starts a line. */
    readonly addedFlags?: readonly string[];
    /** Other edits to the same RUN in the same change set (a word added to a command): they widen their lines. */
    readonly otherEdits?: readonly TextEdit[];
}
/**
 * Edits that add `flags` (whole words such as `--mount=type=cache,target=/x`) to a RUN, after its
 * existing flags: `edits[i]` adds `flags[i]`. One new flag on a line that stays within
 * MAX_LINE_WIDTH columns goes inline; otherwise each flag gets a continuation line of its own and
 * the command starts on its own line after them, as in Docker's documentation:
 *
 *     RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
 *         --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
 *         apt-get update && apt-get install -y curl
 *
 * Works for shell form, exec form and heredocs (BuildKit joins continuation lines before it
 * looks for the JSON array or the heredoc marker).
 */
export declare function insertRunFlags(document: DockerfileDocument, analysis: RunAnalysis, flags: readonly string[], context?: Omit<LayoutContext, 'addedFlags'>): TextEdit[];
/** A command the setup can go before: one the RUN's shell runs directly, at a known place in the file. */
export interface CommandTarget {
    readonly script?: ShellScript;
    readonly command?: SimpleCommand;
}
/**
 * Inserts `setup && ` before `target`, a command the RUN's shell runs directly (not one inside
 * `sh -c "..."`, `$(...)` or after a pipe: undefined then). On a one-line RUN that stays within
 * MAX_LINE_WIDTH columns it goes inline; otherwise on continuation line(s) of its own, joined
 * with `&&` in the RUN's own chaining style. Only layout differs: the shell always reads
 * `setup && <the command and the rest>`.
 */
export declare function insertCommandBefore(document: DockerfileDocument, analysis: RunAnalysis, target: CommandTarget, setup: string, context?: LayoutContext): TextEdit | undefined;
/**
 * Inserts `setup && ` before the first command of the RUN's script: its command line, or the
 * heredoc script of `RUN <<EOF`. Undefined for exec form, or a script that does not start with a
 * command. Laid out as `insertCommandBefore`.
 */
export declare function insertCommandFirst(document: DockerfileDocument, analysis: RunAnalysis, setup: string, context?: LayoutContext): TextEdit | undefined;
