import { resolve } from 'node:path';
import { grouper, parseGroupBy } from '../bulk/groups.js';
import { PatchDirectory } from '../bulk/patch-dir.js';
import { ConfigError } from '../config/load.js';
import { resolveSettings, UsageError, type RunSettings, type SettingFlags } from '../config/settings.js';
import { processFiles } from '../engine/process-files.js';
import { BuildKit, EngineError } from '../engine/verify.js';
import { discover } from '../io/discover.js';
import { REPORT_FORMATS, Reporter, type ReportFormat } from '../output/reporter.js';
import type { Mode } from '../output/types.js';
import { bulkPrCommand } from './bulk-pr.js';
import { EXIT, type CliEnvironment } from './environment.js';
import { explain } from './explain.js';
import { parser, usageMessage } from './flags.js';
import { Progress } from './progress.js';
import { runOnStdin } from './stdin.js';
import { packageVersion } from './version.js';

/** Honours NO_COLOR and FORCE_COLOR (https://no-color.org), then the TTY. */
function useColor(flag: boolean | undefined, environment: CliEnvironment): boolean {
  if (flag !== undefined) return flag;
  if (environment.env.FORCE_COLOR !== undefined && environment.env.FORCE_COLOR !== '0') return true;
  if (environment.env.NO_COLOR !== undefined && environment.env.NO_COLOR !== '') return false;
  return environment.stdout.isTTY === true;
}

/** The engine's BuildKit for --verify; says on stderr when its frontend cannot check mount options. */
async function connectForVerify(settings: RunSettings<ReportFormat>, environment: CliEnvironment): Promise<BuildKit> {
  const buildkit = await BuildKit.connect({ env: environment.env, ...(settings.verifyTimeoutMs !== undefined ? { timeoutMs: settings.verifyTimeoutMs } : {}) });
  if (!buildkit.checksMountOptions) {
    environment.stderr.write(`dockerfile-codemod: --verify: the Dockerfile frontend of the engine at ${buildkit.address.url} checks RUN --mount options only in stages it builds, so the check covers every instruction and flag but not mount options\n`);
  }
  return buildkit;
}

/** Runs the command line; returns the exit code. Never calls process.exit, so it can be tested in-process. */
export async function main(args: readonly string[], environment: CliEnvironment): Promise<number> {
  if (args[0] === 'bulk-pr') return bulkPrCommand(args.slice(1), environment, main);
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
    stderr.write(`dockerfile-codemod: ${usageMessage((error as Error).message)}\nRun dockerfile-codemod --help for usage.\n`);
    return EXIT.failure;
  }
  if (helpText !== '') {
    stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  let settings: RunSettings<ReportFormat>;
  try {
    settings = await resolveSettings(argv as SettingFlags, environment.cwd, { formats: REPORT_FORMATS });
  } catch (error) {
    if (!(error instanceof UsageError || error instanceof ConfigError)) throw error;
    stderr.write(`dockerfile-codemod: ${(error as Error).message}\n`);
    return EXIT.failure;
  }
  if (typeof argv.explain === 'string') return explain(argv.explain, settings.transforms, environment);
  const write = argv.write === true;
  const mode: Mode = write ? 'write' : argv.check === true ? 'check' : argv['list-different'] === true ? 'list-different' : 'dry-run';
  let buildkit: BuildKit | undefined;
  if (settings.verify) {
    try {
      buildkit = await connectForVerify(settings, environment);
    } catch (error) {
      if (!(error instanceof EngineError)) throw error;
      stderr.write(`dockerfile-codemod: --verify: ${error.message}\n`);
      return EXIT.failure;
    }
  }
  if (typeof argv['stdin-filepath'] === 'string') return runOnStdin(argv['stdin-filepath'], mode, settings, environment, buildkit);
  const groupBy = settings.groupBy === undefined ? { kind: 'none' as const } : parseGroupBy(settings.groupBy);
  if (!groupBy) {
    stderr.write(`dockerfile-codemod: --group-by ${settings.groupBy}: expected dir:<depth> (e.g. dir:2), codeowners or none\n`);
    return EXIT.failure;
  }
  const reporter = new Reporter(settings.format, {
    mode,
    color: useColor(settings.color, environment),
    verbosity: settings.verbosity,
    stdout,
    stderr,
    toolVersion: packageVersion(),
    transforms: settings.transforms,
  });
  const operands = ((argv._ as (string | number)[]) ?? []).map(String);
  const { files, problems } = await discover(operands, environment.cwd, { ignore: settings.ignore, followSymlinks: settings.followSymlinks });
  for (const problem of problems) reporter.operandError(problem.operand, problem.message);
  const selected = files.map((path) => ({ path, absolutePath: resolve(environment.cwd, path) })).filter(({ absolutePath }) => !settings.config?.isIgnored(absolutePath));
  const { groupOf, warning } = await grouper(groupBy, environment.cwd);
  if (warning) stderr.write(`dockerfile-codemod: warning: ${warning}\n`);
  const patches = settings.patchDir ? new PatchDirectory(settings.patchDir, packageVersion(), settings.transforms) : undefined;
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
      ...(buildkit ? { buildkit } : {}),
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
  if (written && settings.format !== 'json') environment.stderr.write(`patches: ${written.length === 0 ? 'none (nothing to change)' : written.map(({ group }) => `${group}.patch`).join(', ')} in ${argv['patch-dir'] ?? settings.patchDir}\n`);
  reporter.finish();
  const { summary } = reporter;
  if (summary.errors > 0) return EXIT.failure;
  if (!write && (mode === 'check' || mode === 'list-different') && summary.changed > 0) return EXIT.wouldChange;
  return EXIT.ok;
}
