import type { TransformOptions } from '../engine/options.js';
/** Where a config file is looked for, in each directory from the working directory up. JSON and YAML only: nothing found by searching is ever executed. */
export declare const CONFIG_SEARCH_PLACES: readonly ["package.json", "dockerfile-codemod.config.json", ".dockerfile-codemodrc", ".dockerfile-codemodrc.json", ".dockerfile-codemodrc.yaml", ".dockerfile-codemodrc.yml"];
/** The key of a package.json that holds the config. */
export declare const PACKAGE_JSON_KEY = "dockerfile-codemod";
/** An entry of `overrides`: settings for the files matching `files`. */
export interface ConfigOverride {
    /** gitignore-style patterns, relative to the config file's directory. */
    readonly files: readonly string[];
    readonly transforms?: readonly string[];
    readonly options?: TransformOptions;
}
/** A config file's content, validated. Keys are the camelCase names of the command-line flags. */
export interface Config {
    /** Built-in transform ids and paths of custom transform modules (relative to the config file). */
    readonly transforms?: readonly string[];
    readonly options?: TransformOptions;
    readonly ignore?: readonly string[];
    readonly followSymlinks?: boolean;
    readonly maxFileSize?: string | number;
    readonly allowInvalidUtf8?: boolean;
    readonly format?: string;
    readonly color?: boolean;
    readonly quiet?: boolean;
    readonly groupBy?: string;
    readonly patchDir?: string;
    readonly overrides?: readonly ConfigOverride[];
}
type ValueKind = 'boolean' | 'string' | 'strings' | 'size' | 'format' | 'options' | 'overrides';
/** Every key a config file may have: the single source for validation, the JSON Schema and the README. */
export declare const CONFIG_KEYS: readonly {
    key: keyof Config | '$schema';
    kind: ValueKind;
    description: string;
}[];
export declare class ConfigError extends Error {
}
/** A loaded config: the file it came from, its content, and the matchers derived from it. */
export declare class LoadedConfig {
    readonly path: string;
    readonly config: Config;
    readonly directory: string;
    private readonly ignored;
    private readonly overrideMatchers;
    constructor(path: string, config: Config);
    /** The path of `file` relative to the config's directory, or undefined when outside it. */
    private relative;
    isIgnored(absolutePath: string): boolean;
    /** The overrides that apply to a file, in file order (later ones win). */
    overridesFor(absolutePath: string): ConfigOverride[];
}
/**
 * The config for a run: the file given with --config (which may be JavaScript: the user named it),
 * else the first file found from `cwd` upwards (JSON or YAML only). Undefined when there is none.
 * Throws ConfigError naming the file and key for anything unusable.
 */
export declare function loadConfig(cwd: string, explicitPath: string | undefined, formats: readonly string[]): Promise<LoadedConfig | undefined>;
/**
 * Checks a config's shape (keys and value types); option values are checked later, against the
 * transforms they belong to (custom ones are known only once loaded). `formats` are the
 * output formats' names, which the caller knows.
 */
export declare function validateConfig(raw: unknown, file: string, formats: readonly string[]): Config;
export {};
