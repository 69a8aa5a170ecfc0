import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { chownSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bin, UNPRIVILEGED, writeTree, type CliResult } from '../support/cli.js';
import { run } from '../support/invariants.js';

export { repo, runCli as cli, treeBytes, UNPRIVILEGED, type CliResult } from '../support/cli.js';

/** A Dockerfile every default transform changes, and what they make of it. */
export const PIP = 'FROM python:3.12\nRUN pip install -r requirements.txt\n';
export const PIP_MIGRATED = run(PIP).output!;

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
