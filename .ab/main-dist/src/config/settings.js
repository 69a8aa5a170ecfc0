import { resolve } from 'node:path';
import { ConfigError, loadConfig } from './load.js';
import { isModulePath, loadTransform } from './custom-transforms.js';
import { parseByteSize } from './byte-size.js';
import { flagName, mergeOptions, optionProblem, optionProblems, transformById, transformEntries } from '../engine/options.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';
/** A mistake on the command line: reported with the usage hint, exit 2. */
export class UsageError extends Error {
}
const list = (value) => (value === undefined ? [] : [value].flat());
/** A setup mistake as the user sees it: with the config file's path when it came from there. */
function setupError(origin, message) {
    return origin.file ? new ConfigError(`${origin.file}: ${message}`) : new UsageError(message);
}
/** Runs `step`, turning its error into a setup error of `origin`. */
async function from(origin, step) {
    try {
        return await step();
    }
    catch (error) {
        if (error instanceof UsageError || error instanceof ConfigError)
            throw error;
        throw setupError(origin, error.message);
    }
}
/**
 * Loads custom transform modules named by path, once each, and checks that every id is unique.
 * `requests` pairs each specifier with where it was named.
 */
async function loadCustomTransforms(requests) {
    const byPath = new Map();
    const ids = new Map(BUILTIN_TRANSFORMS.map((transform) => [transform.id, 'a built-in transform']));
    for (const { specifier, origin } of requests) {
        const path = resolve(origin.base, specifier);
        if (byPath.has(path))
            continue;
        const transform = await from(origin, () => loadTransform(specifier, origin.base));
        const holder = ids.get(transform.id);
        if (holder)
            throw setupError(origin, `${specifier}: transform id "${transform.id}" is already taken by ${holder}`);
        ids.set(transform.id, specifier);
        byPath.set(path, transform);
    }
    return byPath;
}
/** Transform option values given as flags (built-in transforms' options only). */
function optionsFromFlags(flags) {
    const options = {};
    for (const transform of BUILTIN_TRANSFORMS) {
        for (const spec of transform.options) {
            const value = flags[spec.name];
            if (value === undefined)
                continue;
            const problem = optionProblem(spec, value);
            if (problem)
                throw new UsageError(`--${flagName(spec.name)} ${String(value)}: ${problem}`);
            (options[transform.id] ??= {})[spec.name] = value;
        }
    }
    return options;
}
/** Settings for a run in `cwd`: the flags win over the config file, which wins over defaults. */
export async function resolveSettings(flags, cwd, { formats }) {
    const config = flags.config === false ? undefined : await loadConfig(cwd, flags.config, formats);
    const configFile = config?.config ?? {};
    const flagOrigin = { base: cwd };
    const configOrigin = config ? { base: config.directory, file: config.path } : flagOrigin;
    const modules = (entries, origin) => transformEntries(entries ?? []).filter(isModulePath).map((specifier) => ({ specifier, origin }));
    const custom = await loadCustomTransforms([
        ...modules(list(flags.transform), flagOrigin),
        ...modules(configFile.transforms, configOrigin),
        ...(configFile.overrides ?? []).flatMap((override) => modules(override.transforms, configOrigin)),
    ]);
    const transforms = [...BUILTIN_TRANSFORMS, ...custom.values()];
    /** A transform list: ids, or module paths relative to where it was named. */
    const select = (entries, origin) => from(origin, () => transformEntries(entries).map((entry) => (isModulePath(entry) ? custom.get(resolve(origin.base, entry)) : transformById(entry, transforms))));
    if (config) {
        const configProblem = (where, options) => {
            const [first] = optionProblems(options ?? {}, transforms);
            if (first)
                throw new ConfigError(`${config.path}: "${where}.${first.key}": ${first.problem}`);
        };
        configProblem('options', configFile.options);
        (configFile.overrides ?? []).forEach((override, index) => configProblem(`overrides[${index}].options`, override.options));
    }
    const cliTransforms = flags.transform === undefined ? undefined : await select(list(flags.transform), flagOrigin);
    const baseTransforms = cliTransforms ?? (configFile.transforms ? await select(configFile.transforms, configOrigin) : BUILTIN_TRANSFORMS.filter((t) => t.defaultOn));
    // Resolved up front so that a bad id in any override fails the run before any file is read.
    const overrideTransforms = new Map();
    for (const override of configFile.overrides ?? [])
        if (override.transforms)
            overrideTransforms.set(override, await select(override.transforms, configOrigin));
    const cliOptions = optionsFromFlags(flags);
    const maxFileSize = flags.maxFileSize ?? configFile.maxFileSize;
    const maxFileBytes = maxFileSize === undefined ? undefined : parseByteSize(maxFileSize);
    if (maxFileSize !== undefined && maxFileBytes === undefined)
        throw new UsageError(`--max-file-size ${maxFileSize}: expected a size such as 200000, 512k or 5m`);
    const groupBy = flags.groupBy ?? configFile.groupBy;
    const patchDir = flags.patchDir !== undefined ? resolve(cwd, flags.patchDir) : configFile.patchDir !== undefined ? resolve(configOrigin.base, configFile.patchDir) : undefined;
    const color = flags.color ?? configFile.color;
    return {
        ...(config ? { config } : {}),
        // The flag's choices and the config's validation both check against `formats`.
        format: (flags.format ?? configFile.format ?? formats[0]),
        ...(color !== undefined ? { color } : {}),
        quiet: flags.quiet ?? configFile.quiet ?? false,
        ignore: list(flags.ignore),
        followSymlinks: flags.followSymlinks ?? configFile.followSymlinks ?? false,
        ...(maxFileBytes !== undefined ? { maxFileBytes } : {}),
        allowInvalidUtf8: flags.allowInvalidUtf8 ?? configFile.allowInvalidUtf8 ?? false,
        ...(groupBy !== undefined ? { groupBy } : {}),
        ...(patchDir ? { patchDir } : {}),
        transforms,
        planFor(absolutePath) {
            const overrides = config?.overridesFor(absolutePath) ?? [];
            const overridden = overrides.findLast((override) => override.transforms !== undefined);
            return {
                transforms: cliTransforms ?? (overridden ? overrideTransforms.get(overridden) : baseTransforms),
                options: mergeOptions(configFile.options, ...overrides.map((override) => override.options), cliOptions),
            };
        },
    };
}
//# sourceMappingURL=settings.js.map