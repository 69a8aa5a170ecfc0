import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, writeTree } from '../support/cli.js';
import { run } from '../support/invariants.js';

export { repo } from '../support/cli.js';

/** A Dockerfile every default transform changes, and what they make of it. */
export const PIP = 'FROM python:3.12\nRUN pip install -r requirements.txt\n';
export const PIP_MIGRATED = run(PIP).output!;

/** Root can read a chmod 000 file: tests of permissions run the CLI as nobody then. */
export const UNPRIVILEGED = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;

/** A fresh scratch directory per test, under the system temp directory, removed afterwards. */
export function useScratch(prefix = 'dockerfile-codemod-robustness-'): () => string {
  let dir: string | undefined;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterEach(() => {
    if (!dir) return;
    // Tests take permissions away (chmod 000, 0555): give them back so that a non-root user can remove it all.
    spawnSync('chmod', ['-R', 'u+rwX', dir]);
    rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });
  return () => dir!;
}

/** `writeTree`, then everything handed to the unprivileged user when the CLI will run as it. */
export function writeTreeFor(dir: string, files: Readonly<Record<string, string | Uint8Array>>, options: { unprivileged?: boolean } = {}): void {
  writeTree(dir, files);
  if (options.unprivileged && UNPRIVILEGED) {
    chownSync(dir, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
    for (const path of walk(dir)) chownSync(path, UNPRIVILEGED.uid, UNPRIVILEGED.gid);
  }
}

export interface CliOptions {
  readonly cwd: string;
  readonly input?: string | Buffer;
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

/** Runs the built CLI in a child process, stdout kept as bytes. */
export function cli(args: readonly string[], options: CliOptions): CliResult {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  const started = performance.now();
  const result = spawnSync(process.execPath, [...(options.measure ? ['--import', REPORT_RSS] : []), bin, ...args], {
    cwd: options.cwd,
    input: options.input,
    env,
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

/** Starts the built CLI without waiting for it: for tests that signal it. */
export function startCli(args: readonly string[], cwd: string): { child: ChildProcess; exited: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn(process.execPath, [bin, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<{ code: number | null; stderr: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr }));
  });
  return { child, exited };
}

/** Every file and directory under `dir` (symlinks not followed). */
function walk(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).map((entry) => join(entry.parentPath, entry.name));
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

/** Temporary files of interrupted or failed writes left under `dir`. */
export function temporaries(dir: string): string[] {
  return walk(dir).filter((path) => path.endsWith('.dockerfile-codemod.tmp'));
}

/** The one stderr line about `path`; fails when there are none or several. */
export function lineAbout(result: CliResult, path: string): string {
  const lines = result.errorLines.filter((line) => line.startsWith(`${path}: `));
  expect(lines).toHaveLength(1);
  return lines[0]!;
}
