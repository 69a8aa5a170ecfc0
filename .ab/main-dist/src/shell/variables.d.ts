import type { SimpleCommand } from './commands.js';
/** What a RUN's own assignments have set before a command: a value as written, or undefined when the text cannot tell it. */
export type LocalVariables = ReadonlyMap<string, string | undefined>;
/**
 * The variables a script's own assignments (`X=1;`, `export X=1`, `X="$(mktemp -d)"`) have set
 * before each of its commands, in order. A `$(mktemp ...)` value is a fresh path under /tmp; any
 * other command substitution is unknown. Assignments that prefix a command (`X=1 cmd`) only
 * apply to that command and are not counted here.
 */
export declare function assignmentsBefore(commands: readonly SimpleCommand[]): Map<SimpleCommand, LocalVariables>;
/** True when `word` expands the variable `name` (`$name`, `${name}`, `${name:-x}`). */
export declare function referencesVariable(word: string, name: string): boolean;
