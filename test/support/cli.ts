import { spawnSync } from 'node:child_process';
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
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  const started = performance.now();
  const result = spawnSync(process.execPath, [...(options.measure ? ['--import', REPORT_RSS] : []), bin, ...args], {
    cwd: options.cwd,
    input: options.input,
    env: { ...env, ...options.env },
    stdio: ['pipe', 'pipe', 'pipe', ...(options.measure ? (['pipe'] as const) : [])],
    maxBuffer: 1 << 30,
    timeout: 60_000,
    ...(options.unprivileged ? UNPRIVILEGED : {}),
  });
  const wallMs = performance.now() - started;
  if (result.error) throw result.error;
  const stderr = result.stderr.toString('utf8');
  const rss = options.measure ? Number(result.output[3]?.toString()) : undefined;
  return {
    code: result.status,
    stdout: result.stdout.toString('utf8'),
    stdoutBytes: result.stdout,
    stderr,
    errorLines: stderr.split('\n').slice(0, -1),
    wallMs,
    ...(rss !== undefined ? { peakRssMiB: Math.round(rss / 1024) } : {}),
  };
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
