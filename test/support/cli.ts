import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root and the built binary (npm test builds before jest runs). */
export const repo = fileURLToPath(new URL('../..', import.meta.url));
export const bin = join(repo, 'dist', 'cli.mjs');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the built CLI as a user would, without the caller's color settings. */
export function runCli(args: readonly string[], options: { cwd: string; input?: string; env?: Record<string, string> }): CliRun {
  const { FORCE_COLOR: _force, NO_COLOR: _no, ...env } = process.env;
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: options.cwd,
    encoding: 'utf8',
    input: options.input,
    env: { ...env, ...options.env },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
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
