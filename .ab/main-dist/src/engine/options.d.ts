import type { OptionSpec, OptionValue, Transform } from './transform.js';
/** Option values per transform id, as given by flags, a config file or a library caller. */
export type TransformOptions = Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;
/** Why `value` is not acceptable for an option, or undefined when it is. */
export declare function optionProblem(spec: OptionSpec, value: unknown): string | undefined;
/** A problem with one option value: where (`cache-mounts.mountMode`) and what. */
export interface OptionProblem {
    readonly key: string;
    readonly problem: string;
}
/** Checks option values against the transforms' declarations. */
export declare function optionProblems(options: Readonly<Record<string, unknown>>, transforms: readonly Transform[]): OptionProblem[];
/** Layers option values: later layers win, key by key within each transform. */
export declare function mergeOptions(...layers: readonly (TransformOptions | undefined)[]): TransformOptions;
/** The entries of transform lists as given (repeated flags, commas inside one): trimmed, empty ones left out. */
export declare function transformEntries(values: readonly string[]): string[];
/** The transform with this id; throws, naming the known ones, when there is none. */
export declare function transformById(id: string, available: readonly Transform[]): Transform;
/** The command-line flag of an option: its camelCase name in kebab-case. */
export declare function flagName(name: string): string;
