import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs from 'yargs';
import { discover } from './discover.js';
import { grouper, parseGroupBy, type GroupBy } from './groups.js';
import { PatchDirectory } from './patch-dir.js';
import { BUILTIN_TRANSFORMS, findTransform } from './registry.js';
import { REPORT_FORMATS, Reporter, type Mode, type Output, type ReportFormat } from './report.js';
import { unifiedDiff } from './diff.js';
import { processFiles, transformBytes, type TransformOptions } from './run.js';
import type { OptionSpec, OptionValue, Transform } from './transform.js';

export interface CliEnvironment {
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly stdout: Output & { readonly isTTY?: boolean };
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
  for (const candidate of ['../package.json', '../../package.json']) {
    try {
      const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8')) as { name?: string; version: string };
      if (manifest.name === 'dockerfile-codemod') return manifest.version;
    } catch {
      // Not at this level.
    }
  }
  return 'unknown';
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}

/** Honours NO_COLOR and FORCE_COLOR (https://no-color.org), then the TTY. */
function useColor(flag: boolean | undefined, environment: CliEnvironment): boolean {
  if (flag !== undefined) return flag;
  if (environment.env.FORCE_COLOR !== undefined && environment.env.FORCE_COLOR !== '0') return true;
  if (environment.env.NO_COLOR !== undefined && environment.env.NO_COLOR !== '') return false;
  return environment.stdout.isTTY === true;
}

function closestId(id: string): string | undefined {
  const ids = BUILTIN_TRANSFORMS.map((transform) => transform.id);
  return ids.find((candidate) => candidate.startsWith(id.slice(0, 3)) || id.startsWith(candidate.slice(0, 3)));
}

function parser() {
  let cli = yargs()
    .scriptName('dockerfile-codemod')
    .usage('$0 [paths or globs...] [options]\n\nFind Dockerfiles and rewrite them with lossless transforms. Prints a unified diff by default; writes nothing unless --write.')
    .version(packageVersion())
    .strictOptions()
    .recommendCommands()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .option('write', { alias: 'w', type: 'boolean', description: 'Apply the changes (atomically)', group: 'Mode:' })
    .option('check', { alias: 'c', type: 'boolean', description: 'Write nothing; exit 1 if any file would change', group: 'Mode:' })
    .option('list-different', { alias: 'l', type: 'boolean', description: 'Print only the paths of files that would change (exit 1 if any)', group: 'Mode:' })
    .option('format', { type: 'string', choices: [...REPORT_FORMATS], default: 'text', description: 'Report format; patch is exactly what git apply takes; sarif for code scanning; github for Actions annotations', group: 'Output:' })
    .option('color', { type: 'boolean', description: 'Color the diff (default: when stdout is a terminal; honours NO_COLOR and FORCE_COLOR)', group: 'Output:' })
    .option('quiet', { alias: 'q', type: 'boolean', default: false, description: 'Print no per-line change and skip notes in text format', group: 'Output:' })
    .option('ignore', { type: 'string', description: 'Leave out files matching this gitignore-style pattern (repeatable); .gitignore and .dockerfile-codemodignore also apply', group: 'Files:' })
    .option('follow-symlinks', { type: 'boolean', description: 'Follow symlinked files and directories (loops are detected); off by default', group: 'Files:' })
    .option('max-file-size', { type: 'string', description: 'Refuse files larger than this: bytes, or with a k/m suffix (default: 5m)', group: 'Files:' })
    .option('allow-invalid-utf8', { type: 'boolean', description: 'Transform files that are not valid UTF-8, keeping every byte that is not edited as it was (default: report and skip them)', group: 'Files:' })
    .option('stdin-filepath', { type: 'string', description: 'Read one Dockerfile from stdin, reported under this path; print the result (or, with --format patch/json/sarif/github, the diff or report) to stdout', group: 'Files:' })
    .option('group-by', { type: 'string', description: 'Partition changed files for one pull request each: dir:<depth>, codeowners (last matching rule wins) or none', group: 'Bulk pull requests:' })
    .option('patch-dir', { type: 'string', description: 'Write <group>.patch (for git apply) and <group>.md (pull-request title and body) per group into this directory', group: 'Bulk pull requests:' })
    .option('transform', {
      alias: 't',
      type: 'string',
      // Not `array: true`, which would swallow the paths that follow; repeating the flag collects values.
      description: `Transforms to run, in this order (repeatable). Default: ${BUILTIN_TRANSFORMS.filter((t) => t.defaultOn).map((t) => t.id).join(', ')}`,
      group: 'Transforms:',
    })
    .conflicts('write', 'check')
    .conflicts('check', 'list-different')
    .example('$0', 'Show the diff for every Dockerfile under the current directory')
    .example('$0 --write services/', 'Apply the changes to the Dockerfiles under services/')
    .example('$0 --check', 'Fail CI while any Dockerfile is left to migrate')
    .example('$0 --format patch | git apply', 'Apply through git, exactly as --write would')
    .example("$0 -t cache-mounts --pip-cache-target /root/.cache '**/Dockerfile.prod'", 'One transform, one option, a glob')
    .epilog('Exit codes: 0 success, 1 --check/--list-different found files to change, 2 usage error or a file that could not be read, parsed or written.');
  for (const transform of BUILTIN_TRANSFORMS) {
    for (const spec of transform.options) {
      cli = cli.option(kebab(spec.name), {
        type: spec.type,
        description: `${spec.description} (default: ${String(spec.default)})`,
        ...(spec.choices ? { choices: [...spec.choices] } : {}),
        group: `Options of ${transform.id}:`,
      });
    }
  }
  return cli;
}

class UsageError extends Error {}

function selectTransforms(value: string | string[] | undefined): Transform[] {
  const ids = value === undefined ? [] : [value].flat();
  if (ids.length === 0) return BUILTIN_TRANSFORMS.filter((transform) => transform.defaultOn);
  return ids.flatMap((id) => id.split(',')).map((id) => {
    const transform = findTransform(id.trim());
    if (!transform) {
      const suggestion = closestId(id);
      throw new UsageError(`unknown transform "${id}"${suggestion ? ` (did you mean "${suggestion}"?)` : ''}; known: ${BUILTIN_TRANSFORMS.map((t) => t.id).join(', ')}`);
    }
    return transform;
  });
}

function transformOptions(argv: Record<string, unknown>): TransformOptions {
  const options: Record<string, Record<string, OptionValue>> = {};
  for (const transform of BUILTIN_TRANSFORMS) {
    const values: Record<string, OptionValue> = {};
    for (const spec of transform.options) {
      const value = argv[spec.name] ?? argv[kebab(spec.name)];
      if (value === undefined) continue;
      checkOption(spec, value as OptionValue);
      values[spec.name] = value as OptionValue;
    }
    options[transform.id] = values;
  }
  return options;
}

/** `--max-file-size`: bytes, or a number with a k or m suffix (binary units, as `du` uses). */
export function parseByteSize(text: string): number | undefined {
  const match = /^(\d+(?:\.\d+)?)\s*([km]?)b?$/i.exec(text.trim());
  if (!match) return undefined;
  const unit = { '': 1, k: 1024, m: 1024 * 1024 }[match[2]!.toLowerCase() as '' | 'k' | 'm'];
  const bytes = Math.floor(Number(match[1]) * unit);
  return bytes > 0 ? bytes : undefined;
}

function checkOption(spec: OptionSpec, value: OptionValue): void {
  const problem = spec.validate?.(value);
  if (problem) throw new UsageError(`--${kebab(spec.name)} ${String(value)}: ${problem}`);
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
    stderr.write(`dockerfile-codemod: ${(error as Error).message}\nRun dockerfile-codemod --help for usage.\n`);
    return EXIT.failure;
  }
  if (helpText !== '') {
    stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  let transforms: Transform[];
  let options: TransformOptions;
  let groupBy: GroupBy | undefined;
  let maxFileBytes: number | undefined;
  try {
    if (typeof argv['max-file-size'] === 'string') {
      maxFileBytes = parseByteSize(argv['max-file-size']);
      if (maxFileBytes === undefined) throw new UsageError(`--max-file-size ${argv['max-file-size']}: expected a size such as 200000, 512k or 5m`);
    }
    transforms = selectTransforms(argv.transform as string | string[] | undefined);
    options = transformOptions(argv);
    if (typeof argv['group-by'] === 'string') {
      groupBy = parseGroupBy(argv['group-by']);
      if (!groupBy) throw new UsageError(`--group-by ${argv['group-by']}: expected dir:<depth> (e.g. dir:2), codeowners or none`);
    }
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    stderr.write(`dockerfile-codemod: ${error.message}\n`);
    return EXIT.failure;
  }
  const write = argv.write === true;
  const allowInvalidUtf8 = argv['allow-invalid-utf8'] === true;
  const mode: Mode = write ? 'write' : argv.check === true ? 'check' : argv['list-different'] === true ? 'list-different' : 'dry-run';
  if (typeof argv['stdin-filepath'] === 'string') {
    return runOnStdin(argv['stdin-filepath'], mode, argv.format as ReportFormat, transforms, options, allowInvalidUtf8, environment);
  }
  const reporter = new Reporter({
    format: argv.format as ReportFormat,
    mode,
    color: useColor(argv.color as boolean | undefined, environment),
    quiet: argv.quiet === true,
    stdout,
    stderr,
    toolVersion: packageVersion(),
  });
  const operands = ((argv._ as (string | number)[]) ?? []).map(String);
  const { files, problems } = await discover(operands, environment.cwd, {
    ignore: [argv.ignore as string | string[] | undefined ?? []].flat(),
    followSymlinks: argv['follow-symlinks'] === true,
  });
  for (const problem of problems) reporter.operandError(problem.operand, problem.message);
  const groupOf = await grouper(groupBy ?? { kind: 'none' }, environment.cwd);
  const patches = typeof argv['patch-dir'] === 'string' ? new PatchDirectory(resolve(environment.cwd, argv['patch-dir']), packageVersion()) : undefined;
  const progress = new Progress(files.length, environment, argv.format === 'json');
  await processFiles(
    files.map((path) => ({ path, absolutePath: resolve(environment.cwd, path) })),
    { transforms, options, write, ...(maxFileBytes !== undefined ? { maxFileBytes } : {}), allowInvalidUtf8 },
    (result) => {
      const group = groupOf(result.path);
      progress.clear();
      reporter.file(result, groupBy ? group : undefined);
      patches?.add(result, group);
      progress.tick(result.status === 'changed');
    },
  );
  progress.clear();
  const written = await patches?.finish();
  if (written && argv.format !== 'json') environment.stderr.write(`patches: ${written.length === 0 ? 'none (nothing to change)' : written.map((group) => `${group}.patch`).join(', ')} in ${argv['patch-dir']}\n`);
  reporter.finish();
  const { summary } = reporter;
  if (summary.errors > 0) return EXIT.failure;
  if (!write && (mode === 'check' || argv['list-different'] === true) && summary.changed > 0) return EXIT.wouldChange;
  return EXIT.ok;
}

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/** Editor and pre-commit integration: one Dockerfile on stdin, the result on stdout. */
async function runOnStdin(
  path: string,
  mode: Mode,
  format: ReportFormat,
  transforms: readonly Transform[],
  options: TransformOptions,
  allowInvalidUtf8: boolean,
  environment: CliEnvironment,
): Promise<number> {
  const { stdout, stderr } = environment;
  if (mode === 'write') {
    stderr.write('dockerfile-codemod: --write does not go with --stdin-filepath: the result is printed on stdout\n');
    return EXIT.failure;
  }
  const bytes = await readAll(environment.stdin ?? process.stdin);
  const result = transformBytes(path, bytes, transforms, options, { allowInvalidUtf8 });
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
    stdout.write(result.output ?? bytes.toString('utf8'));
  }
  if (result.status === 'error') {
    if (!reported) stderr.write(`${path}: error: ${result.error}\n`);
    return EXIT.failure;
  }
  if (result.status === 'skipped' && !reported) stderr.write(`${path}: skipped: ${result.error}\n`);
  if ((mode === 'check' || mode === 'list-different') && result.status === 'changed') return EXIT.wouldChange;
  return EXIT.ok;
}
