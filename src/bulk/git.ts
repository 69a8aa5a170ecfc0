import { spawnSync } from 'node:child_process';

/** A command that failed, with what it printed: bulk-pr reports it in its own words. */
export class CommandError extends Error {
  constructor(
    readonly command: readonly string[],
    readonly output: string,
  ) {
    super(`${command.join(' ')} failed${output === '' ? '' : `: ${output}`}`);
  }
}

export interface RunOptions {
  readonly cwd: string;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** Runs a program with an argument array (never through a shell); returns its trimmed stdout or throws CommandError. */
export function run(program: string, args: readonly string[], options: RunOptions): string {
  const result = tryRun(program, args, options);
  if (!result.ok) throw new CommandError([program, ...args], result.output);
  return result.stdout;
}

/** As run, but a non-zero exit is an answer ("no such branch"), not an error. */
export function tryRun(program: string, args: readonly string[], options: RunOptions): { ok: boolean; stdout: string; output: string } {
  const result = spawnSync(program, args, { cwd: options.cwd, env: { ...process.env, ...options.env }, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (result.error) return { ok: false, stdout: '', output: result.error.message };
  return { ok: result.status === 0, stdout: result.stdout.trim(), output: `${result.stderr}${result.stdout}`.trim() };
}

/** git with repository hooks off: nothing from the repository runs. */
export function git(args: readonly string[], options: RunOptions): string {
  return run('git', ['-c', 'core.hooksPath=/dev/null', ...args], options);
}

export function tryGit(args: readonly string[], options: RunOptions): ReturnType<typeof tryRun> {
  return tryRun('git', ['-c', 'core.hooksPath=/dev/null', ...args], options);
}
