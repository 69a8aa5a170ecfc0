import type { TextEdit } from './text-edit.js';
import type { SimpleCommand } from '../shell/commands.js';
import { type ShellScript } from './run.js';
/** A simple command of a RUN's script to cut out. */
export interface CommandRemoval {
    readonly script: ShellScript;
    readonly command: SimpleCommand;
}
/**
 * Cuts commands out of their `&&`/`;` chains. Neighbouring removals are merged; a run of removed
 * commands takes the connector (and any continuation) before it, or after it when it starts the
 * script. Commands joined by `||` or `|`, inside `if`/`for` or strings, or alone in the RUN stay,
 * with the reason.
 */
export declare function removeCommands<T extends CommandRemoval>(removals: readonly T[]): {
    edits: {
        group: T[];
        edit: TextEdit;
    }[];
    kept: {
        removal: T;
        why: string;
    }[];
};
