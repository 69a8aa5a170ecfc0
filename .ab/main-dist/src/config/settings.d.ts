import { type LoadedConfig } from './load.js';
import type { FilePlan } from '../engine/process-files.js';
import type { Transform } from '../engine/transform.js';
/** A mistake on the command line: reported with the usage hint, exit 2. */
export declare class UsageError extends Error {
}
/** The flags that settings come from (yargs' camelCase keys); undefined means not given. */
export interface SettingFlags {
    readonly transform?: string | readonly string[];
    readonly config?: string | false;
    readonly ignore?: string | readonly string[];
    readonly followSymlinks?: boolean;
    readonly maxFileSize?: string;
    readonly allowInvalidUtf8?: boolean;
    readonly format?: string;
    readonly color?: boolean;
    readonly quiet?: boolean;
    readonly groupBy?: string;
    readonly patchDir?: string;
    /** Transform option flags, by option name. */
    readonly [option: string]: unknown;
}
/** Everything a run needs, from flags over the config file over defaults; `Format` is the names of the output formats. */
export interface RunSettings<Format extends string = string> {
    readonly config?: LoadedConfig;
    readonly format: Format;
    readonly color?: boolean;
    readonly quiet: boolean;
    /** --ignore patterns, relative to the working directory (the config's own are in `config`). */
    readonly ignore: readonly string[];
    readonly followSymlinks: boolean;
    readonly maxFileBytes?: number;
    readonly allowInvalidUtf8: boolean;
    /** As written (`dir:2`, `codeowners`); the bulk module reads it. */
    readonly groupBy?: string;
    /** Absolute. */
    readonly patchDir?: string;
    /** Built-in and loaded custom transforms. */
    readonly transforms: readonly Transform[];
    /** The transforms and option values for one file, overrides applied. */
    planFor(absolutePath: string): FilePlan;
}
/** Settings for a run in `cwd`: the flags win over the config file, which wins over defaults. */
export declare function resolveSettings<Format extends string>(flags: SettingFlags, cwd: string, { formats }: {
    formats: readonly Format[];
}): Promise<RunSettings<Format>>;
