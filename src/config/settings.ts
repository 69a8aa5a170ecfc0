import { resolve } from 'node:path';
import { ConfigError, isSeconds, loadConfig, type ConfigOverride, type LoadedConfig } from './load.js';
import { isModulePath, loadTransform } from './custom-transforms.js';
import { parseByteSize } from './byte-size.js';
import { flagName, mergeOptions, optionProblem, optionProblems, ruleById, selectionOf, transformEntries, type TransformOptions } from '../engine/options.js';
import { ruleIds } from '../engine/ignores.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { orderTransforms } from '../engine/ordering.js';
import type { FilePlan } from '../engine/process-files.js';
import type { OptionValue, SubRuleSelection, Transform } from '../engine/transform.js';

/** A mistake on the command line: reported with the usage hint, exit 2. */
export class UsageError extends Error {}

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
  readonly verbose?: boolean;
  readonly groupBy?: string;
  readonly patchDir?: string;
  readonly errorOnUnmatchedPattern?: boolean;
  readonly includeGenerated?: boolean;
  readonly verify?: boolean;
  readonly verifyTimeout?: number;
  /** Transform option flags, by option name. */
  readonly [option: string]: unknown;
}

/** Everything a run needs, from flags over the config file over defaults; `Format` is the names of the output formats. */
export interface RunSettings<Format extends string = string> {
  readonly config?: LoadedConfig;
  readonly format: Format;
  readonly color?: boolean;
  /** How much the human-readable formats say besides the result: errors and the summary only, a line per change, or with details. */
  readonly verbosity: 'quiet' | 'normal' | 'verbose';
  /** --ignore patterns, relative to the working directory (the config's own are in `config`). */
  readonly ignore: readonly string[];
  readonly followSymlinks: boolean;
  readonly maxFileBytes?: number;
  readonly allowInvalidUtf8: boolean;
  /** As written (`dir:2`, `codeowners`); the bulk module reads it. */
  readonly groupBy?: string;
  /** Absolute. */
  readonly patchDir?: string;
  /** An operand (directory, glob, path) that yields no file is an error. */
  readonly errorOnUnmatchedPattern: boolean;
  /** Transform generated files, templates and backups: all (true), none (false), or only those named (undefined). */
  readonly includeGenerated?: boolean;
  /** Check each changed file with BuildKit before writing or printing it. */
  readonly verify: boolean;
  /** Per BuildKit check; BuildKit's default otherwise. */
  readonly verifyTimeoutMs?: number;
  /** Built-in and loaded custom transforms. */
  readonly transforms: readonly Transform[];
  /** Their rule ids (transforms and sub-rules): what ignore comments may name. */
  readonly ruleIds: ReadonlySet<string>;
  /** The transforms and option values for one file, overrides applied. */
  planFor(absolutePath: string): FilePlan;
}

/** Transforms to run, and the sub-rules where only some of a transform's were named. */
interface Selection {
  readonly transforms: readonly Transform[];
  readonly subRules?: SubRuleSelection;
}

const list = (value: string | readonly string[] | undefined): string[] => (value === undefined ? [] : [value].flat());

/** Where a transform was named: a flag (relative to the working directory) or the config file. */
interface Origin {
  readonly base: string;
  /** The config file, when it named it. */
  readonly file?: string;
}

/** A setup mistake as the user sees it: with the config file's path when it came from there. */
function setupError(origin: Origin, message: string): Error {
  return origin.file ? new ConfigError(`${origin.file}: ${message}`) : new UsageError(message);
}

/** Runs `step`, turning its error into a setup error of `origin`. */
async function from<T>(origin: Origin, step: () => T | Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError) throw error;
    throw setupError(origin, (error as Error).message);
  }
}

/**
 * Loads custom transform modules named by path, once each, and checks that every id is unique.
 * `requests` pairs each specifier with where it was named.
 */
async function loadCustomTransforms(requests: readonly { specifier: string; origin: Origin }[]): Promise<Map<string, Transform>> {
  const byPath = new Map<string, Transform>();
  const ids = new Map<string, string>(BUILTIN_TRANSFORMS.map((transform) => [transform.id, 'a built-in transform']));
  for (const { specifier, origin } of requests) {
    const path = resolve(origin.base, specifier);
    if (byPath.has(path)) continue;
    const transform = await from(origin, () => loadTransform(specifier, origin.base));
    const holder = ids.get(transform.id);
    if (holder) throw setupError(origin, `${specifier}: transform id "${transform.id}" is already taken by ${holder}`);
    ids.set(transform.id, specifier);
    byPath.set(path, transform);
  }
  return byPath;
}

/** Transform option values given as flags (built-in transforms' options only). */
function optionsFromFlags(flags: SettingFlags): TransformOptions {
  const options: Record<string, Record<string, OptionValue>> = {};
  for (const transform of BUILTIN_TRANSFORMS) {
    for (const spec of transform.options) {
      const value = flags[spec.name];
      if (value === undefined) continue;
      const problem = optionProblem(spec, value);
      if (problem) throw new UsageError(`--${flagName(spec.name)} ${String(value)}: ${problem}`);
      (options[transform.id] ??= {})[spec.name] = value as OptionValue;
    }
  }
  return options;
}

/** Settings for a run in `cwd`: the flags win over the config file, which wins over defaults. */
export async function resolveSettings<Format extends string>(flags: SettingFlags, cwd: string, { formats }: { /** Output format names, the default first. */ formats: readonly Format[] }): Promise<RunSettings<Format>> {
  const config = flags.config === false ? undefined : await loadConfig(cwd, flags.config, formats);
  const configFile = config?.config ?? {};
  const flagOrigin: Origin = { base: cwd };
  const configOrigin: Origin = config ? { base: config.directory, file: config.path } : flagOrigin;
  const modules = (entries: readonly string[] | undefined, origin: Origin) =>
    transformEntries(entries ?? []).filter(isModulePath).map((specifier) => ({ specifier, origin }));
  const custom = await loadCustomTransforms([
    ...modules(list(flags.transform), flagOrigin),
    ...modules(configFile.transforms, configOrigin),
    ...(configFile.overrides ?? []).flatMap((override) => modules(override.transforms, configOrigin)),
  ]);
  const transforms = [...BUILTIN_TRANSFORMS, ...custom.values()];
  /** A transform list: transform and sub-rule ids, or module paths relative to where it was named; the engine's order. */
  const select = (entries: readonly string[], origin: Origin): Promise<Selection> =>
    from(origin, () => {
      const selection = selectionOf(transformEntries(entries).map((entry) => (isModulePath(entry) ? { transform: custom.get(resolve(origin.base, entry))! } : ruleById(entry, transforms))));
      return { ...selection, transforms: orderTransforms(selection.transforms, transforms) };
    });

  if (config) {
    const configProblem = (where: string, options: TransformOptions | undefined) => {
      const [first] = optionProblems(options ?? {}, transforms);
      if (first) throw new ConfigError(`${config.path}: "${where}.${first.key}": ${first.problem}`);
    };
    configProblem('options', configFile.options);
    (configFile.overrides ?? []).forEach((override, index) => configProblem(`overrides[${index}].options`, override.options));
  }
  const cliTransforms = flags.transform === undefined ? undefined : await select(list(flags.transform), flagOrigin);
  const baseTransforms = cliTransforms ?? (configFile.transforms ? await select(configFile.transforms, configOrigin) : { transforms: BUILTIN_TRANSFORMS.filter((t) => t.defaultOn) });
  // Resolved up front so that a bad id in any override fails the run before any file is read.
  const overrideTransforms = new Map<ConfigOverride, Selection>();
  for (const override of configFile.overrides ?? []) if (override.transforms) overrideTransforms.set(override, await select(override.transforms, configOrigin));
  const cliOptions = optionsFromFlags(flags);

  const maxFileSize = flags.maxFileSize ?? configFile.maxFileSize;
  const maxFileBytes = maxFileSize === undefined ? undefined : parseByteSize(maxFileSize);
  if (maxFileSize !== undefined && maxFileBytes === undefined) throw new UsageError(`--max-file-size ${maxFileSize}: expected a size such as 200000, 512k or 5m`);
  const groupBy = flags.groupBy ?? configFile.groupBy;
  const patchDir = flags.patchDir !== undefined ? resolve(cwd, flags.patchDir) : configFile.patchDir !== undefined ? resolve(configOrigin.base, configFile.patchDir) : undefined;
  const color = flags.color ?? configFile.color;
  // --quiet and --verbose are one setting: either flag replaces what the file says about both.
  const verbosityOrigin = flags.quiet !== undefined || flags.verbose !== undefined ? { source: flags, origin: flagOrigin } : { source: configFile, origin: configOrigin };
  const { quiet, verbose } = verbosityOrigin.source;
  if (quiet && verbose) throw setupError(verbosityOrigin.origin, 'quiet and verbose: choose one');
  const includeGenerated = flags.includeGenerated ?? configFile.includeGenerated;
  const verifyTimeout = flags.verifyTimeout ?? configFile.verifyTimeout;
  if (verifyTimeout !== undefined && !isSeconds(verifyTimeout)) throw new UsageError(`--verify-timeout ${String(verifyTimeout)}: expected a positive number of seconds`);

  return {
    ...(config ? { config } : {}),
    // The flag's choices and the config's validation both check against `formats`.
    format: (flags.format ?? configFile.format ?? formats[0]!) as Format,
    ...(color !== undefined ? { color } : {}),
    verbosity: quiet ? 'quiet' : verbose ? 'verbose' : 'normal',
    ignore: list(flags.ignore),
    followSymlinks: flags.followSymlinks ?? configFile.followSymlinks ?? false,
    ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
    allowInvalidUtf8: flags.allowInvalidUtf8 ?? configFile.allowInvalidUtf8 ?? false,
    ...(groupBy !== undefined ? { groupBy } : {}),
    ...(patchDir ? { patchDir } : {}),
    errorOnUnmatchedPattern: flags.errorOnUnmatchedPattern ?? configFile.errorOnUnmatchedPattern ?? true,
    ...(includeGenerated !== undefined ? { includeGenerated } : {}),
    verify: flags.verify ?? configFile.verify ?? false,
    ...(verifyTimeout !== undefined ? { verifyTimeoutMs: verifyTimeout * 1000 } : {}),
    transforms,
    ruleIds: ruleIds(transforms),
    planFor(absolutePath) {
      const overrides = config?.overridesFor(absolutePath) ?? [];
      const overridden = overrides.findLast((override) => override.transforms !== undefined);
      const chosen = cliTransforms ?? (overridden ? overrideTransforms.get(overridden)! : baseTransforms);
      return {
        ...chosen,
        options: mergeOptions(configFile.options, ...overrides.map((override) => override.options), cliOptions),
      };
    },
  };
}
