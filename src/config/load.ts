import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname, extname, isAbsolute, relative, resolve, sep } from 'node:path';
import ignore, { type Ignore } from 'ignore';
import { defaultLoaders, lilconfig, type Loader } from 'lilconfig';
import { parse as parseYaml } from 'yaml';
import { parseByteSize } from './byte-size.js';
import { didYouMean } from '../shared/suggest.js';
import type { TransformOptions } from '../engine/options.js';

/** Where a config file is looked for, in each directory from the working directory up. JSON and YAML only: nothing found by searching is ever executed. */
export const CONFIG_SEARCH_PLACES = [
  'package.json',
  'dockerfile-codemod.config.json',
  '.dockerfile-codemodrc',
  '.dockerfile-codemodrc.json',
  '.dockerfile-codemodrc.yaml',
  '.dockerfile-codemodrc.yml',
] as const;

/** The key of a package.json that holds the config. */
export const PACKAGE_JSON_KEY = 'dockerfile-codemod';

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
  readonly verbose?: boolean;
  readonly groupBy?: string;
  readonly patchDir?: string;
  readonly verify?: boolean;
  readonly verifyTimeout?: number;
  readonly overrides?: readonly ConfigOverride[];
}

type ValueKind = 'boolean' | 'seconds' | 'string' | 'strings' | 'size' | 'format' | 'options' | 'overrides';

/** Every key a config file may have: the single source for validation, the JSON Schema and the README. */
export const CONFIG_KEYS: readonly { key: keyof Config | '$schema'; kind: ValueKind; description: string }[] = [
  { key: '$schema', kind: 'string', description: 'The JSON Schema of this file, for editors.' },
  { key: 'transforms', kind: 'strings', description: 'Transforms to run, in order: built-in ids, or paths of custom transform modules relative to this file (--transform).' },
  { key: 'options', kind: 'options', description: 'Option values per transform id, e.g. {"cache-mounts": {"pipCacheTarget": "/root/.cache"}} (--pip-cache-target and the other transform flags).' },
  { key: 'ignore', kind: 'strings', description: 'gitignore-style patterns, relative to this file, of Dockerfiles to leave out (--ignore).' },
  { key: 'followSymlinks', kind: 'boolean', description: 'Follow symlinked files and directories (--follow-symlinks).' },
  { key: 'maxFileSize', kind: 'size', description: 'Refuse files larger than this: bytes, or a string with a k or m suffix (--max-file-size).' },
  { key: 'allowInvalidUtf8', kind: 'boolean', description: 'Transform files that are not valid UTF-8, keeping their bytes (--allow-invalid-utf8).' },
  { key: 'format', kind: 'format', description: 'Report format (--format).' },
  { key: 'color', kind: 'boolean', description: 'Color the diff (--color / --no-color).' },
  { key: 'quiet', kind: 'boolean', description: 'Print only errors and the summary besides the diff or report (--quiet).' },
  { key: 'verbose', kind: 'boolean', description: 'Explain each change in text and github output: why a setup command, flag or rm goes with it (--verbose).' },
  { key: 'groupBy', kind: 'string', description: 'dir:<depth>, codeowners or none (--group-by).' },
  { key: 'patchDir', kind: 'string', description: 'Directory for per-group patches, relative to this file (--patch-dir).' },
  { key: 'verify', kind: 'boolean', description: 'Check each changed file with the Docker engine\'s BuildKit before writing or printing it (--verify).' },
  { key: 'verifyTimeout', kind: 'seconds', description: 'Seconds to wait for each BuildKit check (--verify-timeout; default 30).' },
  { key: 'overrides', kind: 'overrides', description: 'Settings for some files: [{"files": ["teams/ml/**"], "transforms": [...], "options": {...}}]; later entries win.' },
];

const OVERRIDE_KEYS = ['files', 'transforms', 'options'] as const;

export class ConfigError extends Error {}

/** A loaded config: the file it came from, its content, and the matchers derived from it. */
export class LoadedConfig {
  readonly directory: string;
  private readonly ignored: Ignore;
  private readonly overrideMatchers: readonly { override: ConfigOverride; matcher: Ignore }[];

  constructor(
    readonly path: string,
    readonly config: Config,
  ) {
    this.directory = dirname(path);
    this.ignored = ignore().add([...(config.ignore ?? [])]);
    this.overrideMatchers = (config.overrides ?? []).map((override) => ({ override, matcher: ignore().add([...override.files]) }));
  }

  /** The path of `file` relative to the config's directory, or undefined when outside it. */
  private relative(file: string): string | undefined {
    const path = relative(this.directory, file);
    return path === '' || path.startsWith('..') || isAbsolute(path) ? undefined : path.split(sep).join('/');
  }

  isIgnored(absolutePath: string): boolean {
    const path = this.relative(absolutePath);
    return path !== undefined && this.ignored.ignores(path);
  }

  /** The overrides that apply to a file, in file order (later ones win). */
  overridesFor(absolutePath: string): ConfigOverride[] {
    const path = this.relative(absolutePath);
    if (path === undefined) return [];
    return this.overrideMatchers.filter(({ matcher }) => matcher.ignores(path)).map(({ override }) => override);
  }
}

/** A loader whose syntax errors name the file (lilconfig's do not) in one line. */
function parsing(parse: (content: string) => unknown): Loader {
  return (path, content) => {
    try {
      return parse(content);
    } catch (error) {
      throw new ConfigError(`${path}: not valid ${parse === JSON.parse ? 'JSON' : 'YAML'}: ${(error as Error).message.split('\n')[0]}`);
    }
  };
}

const loadYaml = parsing((content) => parseYaml(content) as unknown);
const loadJson = parsing(JSON.parse);

/**
 * The config for a run: the file given with --config (which may be JavaScript: the user named it),
 * else the first file found from `cwd` upwards (JSON or YAML only). Undefined when there is none.
 * Throws ConfigError naming the file and key for anything unusable.
 */
export async function loadConfig(cwd: string, explicitPath: string | undefined, formats: readonly string[]): Promise<LoadedConfig | undefined> {
  const explorer = lilconfig(PACKAGE_JSON_KEY, {
    searchPlaces: [...CONFIG_SEARCH_PLACES],
    loaders: { '.json': loadJson, '.yaml': loadYaml, '.yml': loadYaml, noExt: loadYaml, '.js': defaultLoaders['.js']!, '.mjs': defaultLoaders['.mjs']!, '.cjs': defaultLoaders['.cjs']! },
    cache: false,
  });
  let result;
  if (explicitPath !== undefined) {
    const path = resolve(cwd, explicitPath);
    // lilconfig reports a missing file with a bare ENOENT; say which.
    await access(path, constants.R_OK).catch((error: NodeJS.ErrnoException) => {
      throw new ConfigError(`${explicitPath}: cannot read the config file (${error.code === 'ENOENT' ? 'no such file' : error.message})`);
    });
    if (!['.json', '.yaml', '.yml', '', '.js', '.mjs', '.cjs'].includes(extname(path))) {
      throw new ConfigError(`${explicitPath}: unknown config file type; use .json, .yaml, .yml, .js, .mjs or .cjs`);
    }
    result = await explorer.load(path).catch((error: Error) => {
      throw error instanceof ConfigError ? error : new ConfigError(`${explicitPath}: ${error.message}`);
    });
  } else {
    result = await explorer.search(cwd);
  }
  if (!result) return undefined;
  // An empty file is an empty config. (JavaScript configs arrive here as their default export.)
  return new LoadedConfig(result.filepath, validateConfig((result.config as unknown) ?? {}, result.filepath, formats));
}

function kindProblem(kind: ValueKind, value: unknown, formats: readonly string[]): string | undefined {
  switch (kind) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'seconds':
      return isSeconds(value) ? undefined : 'expected a positive number of seconds';
    case 'string':
      return typeof value === 'string' ? undefined : 'expected a string';
    case 'strings':
      return typeof value === 'string' || (Array.isArray(value) && value.every((item) => typeof item === 'string')) ? undefined : 'expected a string or an array of strings';
    case 'size':
      return (typeof value === 'number' || typeof value === 'string') && parseByteSize(value) !== undefined
        ? undefined
        : 'expected a positive number of bytes, or a string such as "512k" or "5m"';
    case 'format':
      return typeof value === 'string' && formats.includes(value) ? undefined : `expected one of ${formats.join(', ')}`;
    case 'options':
      return isPlainObject(value) && Object.values(value).every(isPlainObject) ? undefined : 'expected an object of transform ids to objects of option values';
    case 'overrides':
      return Array.isArray(value) ? undefined : 'expected an array of {"files": ..., "transforms"?: ..., "options"?: ...}';
  }
}

/** A positive, finite number of seconds: what --verify-timeout takes. */
export function isSeconds(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const asList = (value: unknown): string[] => [value as string | string[]].flat();

/**
 * Checks a config's shape (keys and value types); option values are checked later, against the
 * transforms they belong to (custom ones are known only once loaded). `formats` are the
 * output formats' names, which the caller knows.
 */
export function validateConfig(raw: unknown, file: string, formats: readonly string[]): Config {
  const fail = (key: string, problem: string): never => {
    throw new ConfigError(`${file}: "${key}": ${problem}`);
  };
  if (!isPlainObject(raw)) throw new ConfigError(`${file}: expected an object of settings`);
  const known = CONFIG_KEYS.map(({ key }) => key as string);
  const config: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw)) {
    const spec = CONFIG_KEYS.find((candidate) => candidate.key === key);
    if (!spec) fail(key, `unknown key${didYouMean(key, known)}; known keys: ${known.join(', ')}`);
    const problem = kindProblem(spec!.kind, value, formats);
    if (problem) fail(key, problem);
    if (key === '$schema') continue;
    config[key] = spec!.kind === 'strings' ? asList(value) : value;
  }
  if (config.overrides) {
    config.overrides = (config.overrides as unknown[]).map((entry, index) => {
      const at = `overrides[${index}]`;
      if (!isPlainObject(entry)) return fail(at, 'expected an object with "files" and "transforms" or "options"');
      for (const [key, value] of Object.entries(entry)) {
        if (!(OVERRIDE_KEYS as readonly string[]).includes(key)) fail(`${at}.${key}`, `unknown key${didYouMean(key, OVERRIDE_KEYS)}; an override has ${OVERRIDE_KEYS.join(', ')}`);
        const problem = kindProblem(key === 'options' ? 'options' : 'strings', value, formats);
        if (problem) fail(`${at}.${key}`, problem);
      }
      if (entry.files === undefined || asList(entry.files).length === 0) fail(`${at}.files`, 'required: the files this override is for');
      return {
        files: asList(entry.files),
        ...(entry.transforms !== undefined ? { transforms: asList(entry.transforms) } : {}),
        ...(entry.options !== undefined ? { options: entry.options as TransformOptions } : {}),
      };
    });
  }
  return config as Config;
}
