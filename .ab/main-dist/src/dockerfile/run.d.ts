import type { Run } from 'dockerfile-ast';
import type { DockerfileDocument } from './document.js';
import { type SimpleCommand } from '../shell/commands.js';
import { type Invocation } from '../shell/invocations.js';
import { type ExistingFlag } from './flags.js';
import { type MountOptions } from './mount.js';
/**
 * Shell text with Dockerfile line continuations and the comment lines inside them removed, as
 * the shell will see it, plus a map from each of its offsets back to the file.
 */
export interface LogicalText {
    readonly text: string;
    /** `sourceOffsets[i]` is the file offset of `text[i]`; one extra entry maps `text.length`. */
    readonly sourceOffsets: readonly number[];
}
/** Shell text that runs in a RUN (its command line, or a heredoc script), with its simple commands. */
export interface ShellScript {
    readonly text: string;
    readonly commands: readonly SimpleCommand[];
    /** The file offset of an offset in `text`. */
    toSource(offset: number): number;
}
/** An invocation plus the script it was found in, so that its words can be edited in the file. */
export interface LocatedInvocation extends Invocation {
    readonly script?: ShellScript;
}
export interface SourceRange {
    readonly start: number;
    readonly end: number;
}
/** File range of a range of script text, or undefined when the text is not a verbatim slice of the file (`sh -c "..."`). */
export declare function sourceRange(script: ShellScript | undefined, command: SimpleCommand | undefined, start: number, end: number): SourceRange | undefined;
/** File range of the invocation's word at `index` (0 is the program). */
export declare function wordRange(invocation: LocatedInvocation, index: number): SourceRange | undefined;
export interface RunAnalysis {
    readonly instruction: Run;
    /** 0-based line of the RUN keyword. */
    readonly line: number;
    readonly form: 'shell' | 'exec' | 'heredoc';
    readonly flags: readonly ExistingFlag[];
    readonly mounts: readonly MountOptions[];
    /** Where new flags go: after the last existing flag, or right after the RUN keyword. */
    readonly flagInsertOffset: number;
    /** The shell scripts of the RUN: its command line (heredoc bodies cut out) and any heredoc script. */
    readonly scripts: readonly ShellScript[];
    readonly invocations: readonly LocatedInvocation[];
}
export declare function analyzeRun(document: DockerfileDocument, run: Run): RunAnalysis;
/** Builds the shell's view of `[start, end)`: continuations joined, comment and blank lines inside them dropped. */
export declare function logicalText(document: DockerfileDocument, start: number, end: number, escape: string, skippedLines?: ReadonlySet<number>): LogicalText;
