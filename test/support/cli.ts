import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the built binary (npm test builds before jest runs). */
export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(repo, 'dist', 'cli.mjs');

/** Root can read a chmod 000 file: tests of permissions run the CLI as nobody then. */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

export interface CliOptions {
  readonly cwd: string;
  readonly input?: string | Buffer;
  /** Added to the environment, which is the test's own without color settings. */
  readonly env?: Readonly<Record<string, string>>;
  /** Run as an unprivileged user when the tests run as root (permission tests). */
  readonly unprivileged?: boolean;
  /** Report the child's peak resident memory (resource bounds). */
  readonly measure?: boolean;
}

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stdoutBytes: Buffer;
  readonly stderr: string;
  /** Lines of stderr, without the empty one after the last newline. */
  readonly errorLines: string[];
  readonly wallMs: number;
  /** Peak resident set size in MiB, with `measure`. */
  readonly peakRssMiB?: number;
}

// Loaded before the CLI with --import: writes the peak RSS (KiB) to file descriptor 3 at exit.
const REPORT_RSS = `data:text/javascript,${encodeURIComponent("import { writeSync } from 'node:fs'; process.on('exit', () => writeSync(3, String(process.resourceUsage().maxRSS)));")}`;

/** Runs the built CLI in a child process, as a user would; stdout is also kept as bytes. */
export function runCli(args: readonly string[], options: CliOptions): CliResult {
  const started = performance.now();
  const result = spawnSync(process.execPath, [...(options.measure ? ['--import', REPORT_RSS] : []), bin, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: childEnv(options),
    stdio: ['pipe', 'pipe', 'pipe', ...(options.measure ? (['pipe'] as const) : [])],
    maxBuffer: 1 << 30,
    timeout: 60_000,
    ...(options.unprivileged ? UNPRIVILEGED : {}),
  });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  const rss = options.measure ? Number(result.output[3]?.toString()) : undefined;
  return { ...cliResult(result.status, result.stdout, result.stderr, wallMs), ...(rss !== undefined ? { peakRssMiB: Math.round(rss / 1024) } : {}) };
}

/** `runCli` without blocking this process: for tests that serve the CLI from here (a fake Docker engine). */
export function runCliAsync(args: readonly string[], options: Omit<CliOptions, 'measure' | 'unprivileged'>): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [bin, ...args], { cwd: options.cwd, env: childEnv(options), timeout: 60_000 });
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve(cliResult(code, Buffer.concat(stdout), Buffer.concat(stderr), performance.now() - started)));
    child.stdin.end(options.input);
  });
}

/** The test's own environment without color settings, plus `options.env`. */
function childEnv(options: Pick<CliOptions, 'env'>): NodeJS.ProcessEnv {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  return { ...env, ...options.env };
}

function cliResult(code: number | null, stdout: Buffer, stderrBytes: Buffer, wallMs: number): CliResult {
  const stderr = stderrBytes.toString('utf8');
  return { code, stdout: stdout.toString('utf8'), stdoutBytes: stdout, stderr, errorLines: stderr.split('\n').slice(0, -1), wallMs };
}

/** A scratch directory holding `files` (path → content), removed by the returned function. */
export function scratchTree(files: Readonly<Record<string, string>>, prefix = 'dockerfile-codemod-'): { dir: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeTree(dir, files);
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function writeTree(dir: string, files: Readonly<Record<string, string | Uint8Array>>): void {
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
}

/** Every regular file under `dir` (but .git), by relative path, as bytes. */
export function treeBytes(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    const path = join(entry.parentPath, entry.name);
    if (entry.isFile() && !path.includes('/.git/')) files.set(path.slice(dir.length + 1), readFileSync(path));
  }
  return files;
}
