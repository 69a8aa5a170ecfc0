import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs from 'yargs';
import { ConfigError } from '../config/load.js';
import { discover } from '../io/discover.js';
import { explainTransform } from './explain.js';
import { grouper } from '../bulk/groups.js';
import { flagName } from '../engine/options.js';
import { PatchDirectory } from '../bulk/patch-dir.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { REPORT_FORMATS, Reporter, type Mode, type Output } from '../output/reporter.js';
import { unifiedDiff } from '../output/diff.js';
import { outputBytes, processFiles, transformBytes } from '../engine/pipeline.js';
import { resolveSettings, UsageError, type RunSettings, type SettingFlags } from '../config/settings.js';
import { didYouMean } from '../shared/suggest.js';

export interface CliEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Output & { readonly isTTY?: boolean; write(data: string | Uint8Array): void };
  readonly stderr: Output & { readonly isTTY?: boolean };
  /** Standard input, for --stdin-filepath. */
  readonly stdin?: AsyncIterable<Buffer | string>;
}

/** Files after which a progress line is worth showing. */
const PROGRESS_THRESHOLD = 300;

/** A `done/total` line on a terminal's stderr for long runs; never in pipes, CI or JSON output. */
class Progress {
  private done = 0;
  private changed = 0;
  private shown = false;
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly environment: CliEnvironment,
    json: boolean,
  ) {
    const ci = environment.env.CI !== undefined && environment.env.CI !== '' && environment.env.CI !== 'false';
    this.enabled = total > PROGRESS_THRESHOLD && environment.stderr.isTTY === true && !ci && !json;
  }

  tick(changed: boolean): void {
    this.done++;
    if (changed) this.changed++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && this.done < this.total) return;
    this.lastDraw = now;
    this.environment.stderr.write(`\r${this.done}/${this.total} files, ${this.changed} changed`);
    this.shown = true;
  }

  /** Erases the line so that other output starts at column 0. */
  clear(): void {
    if (!this.shown) return;
    this.environment.stderr.write('\r\u001b[K');
    this.shown = false;
  }
}

export const EXIT = { ok: 0, wouldChange: 1, failure: 2 } as const;

/** The package's version; package.json is one level up from src/, two from dist/src/. */
function packageVersion(): string {
  for (const candidate of ['../package.json', '../../package.json', '../../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (manifest.name === 'dockerfile-codemod') return manifest.version;
    } catch {
      // Not at this level.
    }
  }
  return 'unknown';
}

/** Honours NO_COLOR and FORCE_COLOR (https://no-color.org), then the TTY. */
function useColor(flag: boolean | undefined, environment: CliEnvironment): boolean {
  if (flag !== undefined) return flag;
  if (environment.env.FORCE_COLOR !== undefined && environment.env.FORCE_COLOR !== '0') return true;
  if (environment.env.NO_COLOR !== undefined && environment.env.NO_COLOR !== '') return false;
  return environment.stdout.isTTY === true;
}

/** The flags of the built-in transforms' options, one group per transform. */
function transformOptionFlags(): Record<string, import('yargs').Options> {
  const flags: Record<string, import('yargs').Options> = {};
  for (const transform of BUILTIN_TRANSFORMS) {
    for (const spec of transform.options) {
      flags[flagName(spec.name)] = {
        type: spec.type,
        description: `${spec.description} (default: ${String(spec.default)})`,
        ...(spec.choices ? { choices: [...spec.choices] } : {}),
        group: `Options of ${transform.id}:`,
      };
    }
  }
  return flags;
}

/** Every flag, declared once: yargs gets them all, and unknown-flag suggestions come from them. */
const FLAGS: Record<string, import('yargs').Options> = {
  write: { alias: 'w', type: 'boolean', description: 'Apply the changes (atomically)', group: 'Mode:' },
  check: { alias: 'c', type: 'boolean', description: 'Write nothing; exit 1 if any file would change', group: 'Mode:' },
  'list-different': { alias: 'l', type: 'boolean', description: 'Print only the paths of files that would change (exit 1 if any)', group: 'Mode:' },
  format: { type: 'string', choices: [...REPORT_FORMATS], description: 'Report format (default text); patch is exactly what git apply takes; sarif for code scanning; github for Actions annotations', group: 'Output:' },
  color: { type: 'boolean', description: 'Color the diff (default: when stdout is a terminal; honours NO_COLOR and FORCE_COLOR)', group: 'Output:' },
  quiet: { alias: 'q', type: 'boolean', description: 'Print no per-line change and skip notes in text format', group: 'Output:' },
  transform: {
    alias: 't',
    type: 'string',
    // Not `array: true`, which would swallow the paths that follow; repeating the flag collects values.
    description: `Transforms to run, in this order (repeatable): built-in ids or ./paths of custom transform modules. Default: ${BUILTIN_TRANSFORMS.filter((t) => t.defaultOn).map((t) => t.id).join(', ')}`,
    group: 'Transforms:',
  },
  explain: { type: 'string', description: 'Explain a transform: what it does, its options, the facts behind it (no id: list them)', group: 'Transforms:' },
  config: { type: 'string', description: 'Use this config file (JSON, YAML, or JavaScript); --no-config: none. Default: the nearest dockerfile-codemod.config.json, .dockerfile-codemodrc[.json|.yaml] or package.json "dockerfile-codemod" key', group: 'Configuration:' },
  ignore: { type: 'string', description: 'Leave out files matching this gitignore-style pattern (repeatable); .gitignore and .dockerfile-codemodignore also apply', group: 'Files:' },
  'follow-symlinks': { type: 'boolean', description: 'Follow symlinked files and directories (loops are detected); off by default', group: 'Files:' },
  'max-file-size': { type: 'string', description: 'Refuse files larger than this: bytes, or with a k/m suffix (default: 1m)', group: 'Files:' },
  'allow-invalid-utf8': { type: 'boolean', description: 'Transform files that are not valid UTF-8, keeping every byte that is not edited as it was (default: report them as errors)', group: 'Files:' },
  'stdin-filepath': { type: 'string', description: 'Read one Dockerfile from stdin, reported under this path; print the result (or, with --format patch/json/sarif/github, the diff or report) to stdout', group: 'Files:' },
  'group-by': { type: 'string', description: 'Partition changed files for one pull request each: dir:<depth>, codeowners (last matching rule wins) or none', group: 'Bulk pull requests:' },
  'patch-dir': { type: 'string', description: 'Write <group>.patch (for git apply) and <group>.md (pull-request title and body) per group into this directory', group: 'Bulk pull requests:' },
  ...transformOptionFlags(),
};

function parser() {
  return yargs()
    .scriptName('dockerfile-codemod')
    .usage('$0 [paths or globs...] [options]\n\nFind Dockerfiles and rewrite them with lossless transforms. Prints a unified diff by default; writes nothing unless --write.')
    .version(packageVersion())
    .strictOptions()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .options(FLAGS)
    .conflicts('write', 'check')
    .conflicts('check', 'list-different')
    .example('$0', 'Show the diff for every Dockerfile under the current directory')
    .example('$0 --write services/', 'Apply the changes to the Dockerfiles under services/')
    .example('$0 --check --format github', 'Fail CI, with annotations, while any Dockerfile is left to migrate')
    .example('$0 --format patch | git apply', 'Apply through git, exactly as --write would')
    .example("$0 -t cache-mounts --pip-cache-target /root/.cache '**/Dockerfile.prod'", 'One transform, one option, a glob')
    .example('$0 -t cache-mounts -t ./tools/pin-images.mjs', 'A built-in transform, then a custom one')
    .example('$0 --explain cache-mounts', 'Where each package manager keeps its cache, and when a RUN is skipped')
    .epilog(
      'Configuration: flags override dockerfile-codemod.config.json (or .dockerfile-codemodrc[.json|.yaml], or a "dockerfile-codemod" key in package.json), found from the working directory upwards.\n\nExit codes: 0 success, 1 --check/--list-different found files to change, 2 usage or config error, or a file that could not be read, parsed or written.',
    );
}

/** yargs' "Unknown arguments: wirte, chek" with the flag each most likely meant. */
function withSuggestions(message: string): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (!match) return message;
  const known = Object.entries(FLAGS).flatMap(([name, flag]) => [name, ...[flag.alias ?? []].flat()]);
  return match[1]!
    .split(', ')
    .map((argument) => `unknown option ${argument.length === 1 ? '-' : '--'}${argument}${didYouMean(argument, known, (flag) => (flag.length === 1 ? `-${flag}` : `--${flag}`))}`)
    .join('; ');
}

/** Runs the command line; returns the exit code. Never calls process.exit, so it can be tested in-process. */
export async function main(args: readonly string[], environment: CliEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  let argv: Record<string, unknown>;
  let helpText = '';
  let parseError: Error | undefined;
  try {
    argv = await parser().parseAsync([...args], {}, (error, _parsed, output) => {
      parseError = error ?? undefined;
      helpText = output;
    });
    if (parseError) throw parseError;
  } catch (error) {
    stderr.write(`dockerfile-codemod: ${withSuggestions((error as Error).message)}\nRun dockerfile-codemod --help for usage.\n`);
    return EXIT.failure;
  }
  if (helpText !== '') {
    stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  let settings: RunSettings;
  try {
    settings = await resolveSettings(argv as SettingFlags, environment.cwd);
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    stderr.write(`dockerfile-codemod: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  if (typeof argv.explain === 'string') return explain(argv.explain, settings, environment);
  const write = argv.write === true;
  const mode: Mode = write ? 'write' : argv.check === true ? 'check' : argv['list-different'] === true ? 'list-different' : 'dry-run';
  if (typeof argv['stdin-filepath'] === 'string') return runOnStdin(argv['stdin-filepath'], mode, settings, environment);
  const reporter = new Reporter({
    format: settings.format,
    mode,
    color: useColor(settings.color, environment),
    quiet: settings.quiet,
    stdout,
    stderr,
    toolVersion: packageVersion(),
  });
  const operands = ((argv._ as (string | number)[]) ?? []).map(String);
  const { files, problems } = await discover(operands, environment.cwd, { ignore: settings.ignore, followSymlinks: settings.followSymlinks });
  for (const problem of problems) reporter.operandError(problem.operand, problem.message);
  const selected = files.map((path) => ({ path, absolutePath: resolve(environment.cwd, path) })).filter(({ absolutePath }) => !settings.config?.isIgnored(absolutePath));
  const groupOf = await grouper(settings.groupBy ?? { kind: 'none' }, environment.cwd);
  const patches = settings.patchDir ? new PatchDirectory(settings.patchDir, packageVersion()) : undefined;
  const progress = new Progress(selected.length, environment, settings.format === 'json');
  await processFiles(
    selected,
    {
      transforms: [],
      planFor: settings.planFor,
      write,
      ...(settings.maxFileBytes !== undefined ? { maxFileBytes: settings.maxFileBytes } : {}),
      allowInvalidUtf8: settings.allowInvalidUtf8,
      followSymlinks: settings.followSymlinks,
    },
    (result) => {
      const group = groupOf(result.path);
      progress.clear();
      reporter.file(result, settings.groupBy ? group : undefined);
      patches?.add(result, group);
      progress.tick(result.status === 'changed');
    },
  );
  progress.clear();
  const written = await patches?.finish();
  if (written && settings.format !== 'json') environment.stderr.write(`patches: ${written.length === 0 ? 'none (nothing to change)' : written.map((group) => `${group}.patch`).join(', ')} in ${argv['patch-dir'] ?? settings.patchDir}\n`);
  reporter.finish();
  const { summary } = reporter;
  if (summary.errors > 0) return EXIT.failure;
  if (!write && (mode === 'check' || mode === 'list-different') && summary.changed > 0) return EXIT.wouldChange;
  return EXIT.ok;
}

/** `--explain <id>`, or the list of transforms for a bare `--explain`. */
function explain(id: string, settings: RunSettings, { stdout, stderr }: CliEnvironment): number {
  if (id === '') {
    for (const transform of settings.transforms) stdout.write(`${transform.id.padEnd(16)} ${transform.description}\n`);
    stdout.write('\nRun dockerfile-codemod --explain <id> for one of them.\n');
    return EXIT.ok;
  }
  const transform = settings.transforms.find((candidate) => candidate.id === id);
  if (!transform) {
    const ids = settings.transforms.map((candidate) => candidate.id);
    stderr.write(`dockerfile-codemod: --explain ${id}: unknown transform${didYouMean(id, ids)}; known: ${ids.join(', ')}\n`);
    return EXIT.failure;
  }
  stdout.write(explainTransform(transform));
  return EXIT.ok;
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Editor and pre-commit integration: one Dockerfile on stdin, the result on stdout. */
async function runOnStdin(path: string, mode: Mode, settings: RunSettings, environment: CliEnvironment): Promise<number> {
  const { stdout, stderr } = environment;
  const { format } = settings;
  if (mode === 'write') {
    stderr.write('dockerfile-codemod: --write does not go with --stdin-filepath: the result is printed on stdout\n');
    return EXIT.failure;
  }
  const bytes = await readAll(environment.stdin ?? process.stdin);
  const absolutePath = resolve(environment.cwd, path);
  // An ignored path comes back as it was, as Prettier does: editors send every file.
  const plan = settings.config?.isIgnored(absolutePath) ? { transforms: [] } : settings.planFor(absolutePath);
  const result = transformBytes(path, bytes, plan.transforms, plan.options, { allowInvalidUtf8: settings.allowInvalidUtf8 });
  // These formats report errors and skips themselves.
  const reported = format === 'json' || format === 'sarif' || format === 'github';
  if (reported) {
    const reporter = new Reporter({ format, mode, color: false, quiet: true, stdout, stderr, toolVersion: packageVersion() });
    reporter.file(result);
    reporter.finish();
  } else if (format === 'patch') {
    if (result.status === 'changed') stdout.write(unifiedDiff(path, result.original!, result.output!));
  } else if (mode === 'list-different') {
    if (result.status === 'changed') stdout.write(`${path}\n`);
  } else if (mode === 'dry-run') {
    // Bytes: a file that is not UTF-8 (--allow-invalid-utf8, or an error) comes back byte for byte.
    stdout.write(outputBytes(result) ?? bytes);
  }
  if (result.status === 'error') {
    if (!reported) stderr.write(`${path}: error: ${result.error}\n`);
    return EXIT.failure;
  }
  if (result.status === 'skipped' && !reported) stderr.write(`${path}: skipped: ${result.error}\n`);
  if ((mode === 'check' || mode === 'list-different') && result.status === 'changed') return EXIT.wouldChange;
  return EXIT.ok;
}
