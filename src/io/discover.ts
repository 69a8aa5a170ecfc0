import { execFile } from 'node:child_process';
import { readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import fg from 'fast-glob';
import ignore, { type Ignore } from 'ignore';
import { describeFsError } from './read.js';

const run = promisify(execFile);

/** Names that make a file a Dockerfile, matched case-insensitively. */
export const DOCKERFILE_PATTERNS = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*'];
const DOCKERFILE_NAME = /^(dockerfile|containerfile)(\..+)?$|^.+\.dockerfile$/i;
const NOT_A_DOCKERFILE = /\.dockerignore$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
export const IGNORE_FILE = '.dockerfile-codemodignore';

export interface DiscoveryOptions {
  /** gitignore-style patterns to leave out, on top of .gitignore and .dockerfile-codemodignore. */
  readonly ignore?: readonly string[];
  /** Follow symlinked files and directories (loops are detected). */
  readonly followSymlinks?: boolean;
}

export interface DiscoveryResult {
  /** Files to process, sorted, as paths relative to `cwd` when they are inside it. */
  readonly files: string[];
  /** Operands that matched nothing or could not be read, with the reason. */
  readonly problems: { readonly operand: string; readonly message: string }[];
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

export function isDockerfileName(name: string): boolean {
  return DOCKERFILE_NAME.test(name) && !NOT_A_DOCKERFILE.test(name);
}

/** Paths inside `cwd` are shown relative to it, like git does; others stay absolute. */
function display(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  return toPosix(inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? absolute : inside);
}

function inSkippedDirectory(path: string): boolean {
  return toPosix(path).split('/').slice(0, -1).some((segment) => SKIPPED_DIRECTORIES.has(segment));
}

/** The files git would list under `dir` (tracked and untracked, not ignored), or undefined outside a work tree. */
async function gitFiles(dir: string): Promise<string[] | undefined> {
  try {
    // core.fsmonitor in a repository's .git/config is a command git would run: never run one from the data.
    // Empty (not `false`, which git before 2.36 takes for a hook path) disables it in every version.
    const { stdout } = await run('git', ['-c', 'core.fsmonitor=', '-C', dir, 'ls-files', '-co', '--exclude-standard', '-z'], { maxBuffer: 1 << 30 });
    return stdout.split('\0').filter(Boolean);
  } catch {
    return undefined;
  }
}

/**
 * Walks `dir` without git, following symlinks only when asked and never twice into one directory.
 * A directory that cannot be read is reported: its Dockerfiles would silently go unprocessed.
 */
function walk(dir: string, followSymlinks: boolean, found: string[], unreadable: (dir: string, reason: string) => void, visited = new Set<string>()): void {
  let key = dir;
  if (followSymlinks) {
    try {
      key = realpathSync(dir);
    } catch {
      return;
    }
  }
  if (visited.has(key)) return;
  visited.add(key);
  let entries: Dirent[];
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    unreadable(dir, `cannot read this directory: ${describeFsError(error as NodeJS.ErrnoException)}`);
    return;
  }
  for (const entry of entries) {
    const path = join(dir, entry.name);
    let isDirectory = entry.isDirectory();
    let isFile = entry.isFile();
    if (entry.isSymbolicLink()) {
      if (!followSymlinks) continue;
      let target: Stats | undefined;
      try {
        target = statSync(path, { throwIfNoEntry: false });
      } catch {
        // A symlink loop (ELOOP) or an unreachable target: skipped, like a dangling link.
      }
      isDirectory = target?.isDirectory() ?? false;
      isFile = target?.isFile() ?? false;
    }
    if (isDirectory && !SKIPPED_DIRECTORIES.has(entry.name)) walk(path, followSymlinks, found, unreadable, visited);
    else if (isFile && isDockerfileName(entry.name)) found.push(path);
  }
}

/** .dockerfile-codemodignore in `cwd` plus `--ignore` patterns, as one gitignore-style filter. */
async function ignoreFilter(cwd: string, patterns: readonly string[]): Promise<Ignore> {
  const filter = ignore();
  const file = await readFile(join(cwd, IGNORE_FILE), 'utf8').catch(() => '');
  return filter.add(file).add([...patterns]);
}

/**
 * Expands the operands of the command line: directories are searched for Dockerfiles (through git
 * inside a work tree, so .gitignore applies), explicit files are taken as they are whatever their
 * name, anything else is a glob.
 */
export async function discover(operands: readonly string[], cwd: string, options: DiscoveryOptions = {}): Promise<DiscoveryResult> {
  const followSymlinks = options.followSymlinks ?? false;
  const found = new Set<string>();
  const problems: { operand: string; message: string }[] = [];
  const filter = await ignoreFilter(cwd, options.ignore ?? []);
  const keep = (path: string) => {
    const shown = display(path, cwd);
    if (shown.startsWith('/') || shown.startsWith('..') || !filter.ignores(shown)) found.add(shown);
  };
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const absolute = resolve(cwd, operand);
    let info: Stats;
    try {
      info = await lstat(absolute);
    } catch (caught) {
      const error = caught as NodeJS.ErrnoException;
      if (fg.isDynamicPattern(operand)) {
        const matches = await fg(toPosix(operand), { cwd, dot: true, caseSensitiveMatch: false, followSymbolicLinks: followSymlinks, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
        if (matches.length === 0) problems.push({ operand, message: 'no files match this pattern' });
        for (const match of matches) keep(match);
      } else {
        problems.push({ operand, message: error.code === 'ENOENT' ? 'no such file or directory' : error.message });
      }
      continue;
    }
    const target = info.isSymbolicLink() ? await stat(absolute).catch(() => undefined) : info;
    if (target?.isDirectory()) {
      if (info.isSymbolicLink() && !followSymlinks) {
        problems.push({ operand, message: 'is a symlink to a directory; pass --follow-symlinks to search it' });
        continue;
      }
      const listed = await gitFiles(absolute);
      if (listed) {
        for (const file of listed) {
          const name = file.slice(file.lastIndexOf('/') + 1);
          if (!isDockerfileName(name) || inSkippedDirectory(file)) continue;
          const path = join(absolute, file);
          if (!followSymlinks && (await lstat(path).catch(() => undefined))?.isSymbolicLink()) continue;
          keep(path);
        }
      } else {
        const files: string[] = [];
        walk(absolute, followSymlinks, files, (dir, message) => problems.push({ operand: display(dir, cwd), message }));
        files.forEach(keep);
      }
    } else {
      // An explicit file is taken whatever its name; reading it reports dangling links and the like.
      keep(absolute);
    }
  }
  return { files: [...found].sort(), problems };
}
