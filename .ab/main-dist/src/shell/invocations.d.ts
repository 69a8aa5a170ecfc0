import { type SimpleCommand } from './commands.js';
import type { WordToken } from './lexer.js';
/**
 * A program the shell will start, seen through wrappers such as `env`, `sudo` or `sh -c`:
 * `argv[0]` is the program itself.
 */
export interface Invocation {
    readonly argv: readonly string[];
    /** The words behind `argv`, when it came from shell text (absent for exec-form JSON). */
    readonly words?: readonly WordToken[];
    /** The simple command this invocation is part of, when it came from shell text. */
    readonly command?: SimpleCommand;
    /** Variables set for this command only (`FOO=1 pip ...`, `env FOO=1 pip ...`). */
    readonly env: ReadonlyMap<string, string>;
    /** Set when a wrapper runs the program as another user (`gosu app ...`): what that wrapper was. */
    readonly otherUser?: string;
    /** Set when `sudo` (without `-u`) runs the program as root whatever the stage's USER. */
    readonly asRoot?: boolean;
}
export declare function basename(path: string): string;
/** The invocations behind simple commands of shell text, following wrappers and `sh -c` scripts. */
export declare function invocationsOfCommands(root: string, commands: readonly SimpleCommand[]): Invocation[];
/** The invocations behind an exec-form argv (`RUN ["sh", "-c", "..."]`). */
export declare function invocationsOfArgv(argv: readonly string[]): Invocation[];
