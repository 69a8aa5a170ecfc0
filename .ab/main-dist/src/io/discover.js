import { execFile } from 'node:child_process';
import { readdirSync, realpathSync, statSync } from 'node:fs';
import { lstat, readFile, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { promisify } from 'node:util';
import fg from 'fast-glob';
import ignore from 'ignore';
import { describeFsError } from './read.js';
const run = promisify(execFile);
/** Names that make a file a Dockerfile, matched case-insensitively. */
export const DOCKERFILE_PATTERNS = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*'];
const DOCKERFILE_NAME = /^(dockerfile|containerfile)(\..+)?$|^.+\.dockerfile$/i;
const NOT_A_DOCKERFILE = /\.dockerignore$/i;
const SKIPPED_DIRECTORIES = new Set(['node_modules', '.git']);
export const IGNORE_FILE = '.dockerfile-codemodignore';
function toPosix(path) {
    return path.replace(/\\/g, '/');
}
export function isDockerfileName(name) {
    return DOCKERFILE_NAME.test(name) && !NOT_A_DOCKERFILE.test(name);
}
/** Paths inside `cwd` are shown relative to it, like git does; others stay absolute. */
function display(path, cwd) {
    const absolute = resolve(cwd, path);
    const inside = relative(cwd, absolute);
    return toPosix(inside === '' ? '.' : inside.startsWith('..') || isAbsolute(inside) ? absolute : inside);
}
function inSkippedDirectory(path) {
    return toPosix(path).split('/').slice(0, -1).some((segment) => SKIPPED_DIRECTORIES.has(segment));
}
/** The files git would list under `dir` (tracked and untracked, not ignored), or undefined outside a work tree. */
async function gitFiles(dir) {
    try {
        // core.fsmonitor in a repository's .git/config is a command git would run: never run one from the data.
        // Empty (not `false`, which git before 2.36 takes for a hook path) disables it in every version.
        const { stdout } = await run('git', ['-c', 'core.fsmonitor=', '-C', dir, 'ls-files', '-co', '--exclude-standard', '-z'], { maxBuffer: 1 << 30 });
        return stdout.split('\0').filter(Boolean);
    }
    catch {
        return undefined;
    }
}
/**
 * Walks `dir` without git, following symlinks only when asked and never twice into one directory.
 * A directory that cannot be read is reported: its Dockerfiles would silently go unprocessed.
 */
function walk(dir, followSymlinks, found, unreadable, visited = new Set()) {
    let key = dir;
    if (followSymlinks) {
        try {
            key = realpathSync(dir);
        }
        catch {
            return;
        }
    }
    if (visited.has(key))
        return;
    visited.add(key);
    let entries;
    try {
        entries = readdirSync(dir, { withFileTypes: true });
    }
    catch (error) {
        unreadable(dir, `cannot read this directory: ${describeFsError(error)}`);
        return;
    }
    for (const entry of entries) {
        const path = join(dir, entry.name);
        let isDirectory = entry.isDirectory();
        let isFile = entry.isFile();
        if (entry.isSymbolicLink()) {
            if (!followSymlinks)
                continue;
            let target;
            try {
                target = statSync(path, { throwIfNoEntry: false });
            }
            catch {
                // A symlink loop (ELOOP) or an unreachable target: skipped, like a dangling link.
            }
            isDirectory = target?.isDirectory() ?? false;
            isFile = target?.isFile() ?? false;
        }
        if (isDirectory && !SKIPPED_DIRECTORIES.has(entry.name))
            walk(path, followSymlinks, found, unreadable, visited);
        else if (isFile && isDockerfileName(entry.name))
            found.push(path);
    }
}
/** .dockerfile-codemodignore in `cwd` plus `--ignore` patterns, as one gitignore-style filter. */
async function ignoreFilter(cwd, patterns) {
    const filter = ignore();
    const file = await readFile(join(cwd, IGNORE_FILE), 'utf8').catch(() => '');
    return filter.add(file).add([...patterns]);
}
/**
 * Expands the operands of the command line: directories are searched for Dockerfiles (through git
 * inside a work tree, so .gitignore applies), explicit files are taken as they are whatever their
 * name, anything else is a glob.
 */
export async function discover(operands, cwd, options = {}) {
    const followSymlinks = options.followSymlinks ?? false;
    const found = new Set();
    const problems = [];
    const filter = await ignoreFilter(cwd, options.ignore ?? []);
    const keep = (path) => {
        const shown = display(path, cwd);
        if (shown.startsWith('/') || shown.startsWith('..') || !filter.ignores(shown))
            found.add(shown);
    };
    for (const operand of operands.length > 0 ? operands : ['.']) {
        const absolute = resolve(cwd, operand);
        let info;
        try {
            info = await lstat(absolute);
        }
        catch (caught) {
            const error = caught;
            if (fg.isDynamicPattern(operand)) {
                const matches = await fg(toPosix(operand), { cwd, dot: true, caseSensitiveMatch: false, followSymbolicLinks: followSymlinks, onlyFiles: true, ignore: ['**/node_modules/**', '**/.git/**'] });
                if (matches.length === 0)
                    problems.push({ operand, message: 'no files match this pattern' });
                for (const match of matches)
                    keep(match);
            }
            else {
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
                    if (!isDockerfileName(name) || inSkippedDirectory(file))
                        continue;
                    const path = join(absolute, file);
                    if (!followSymlinks && (await lstat(path).catch(() => undefined))?.isSymbolicLink())
                        continue;
                    keep(path);
                }
            }
            else {
                const files = [];
                walk(absolute, followSymlinks, files, (dir, message) => problems.push({ operand: display(dir, cwd), message }));
                files.forEach(keep);
            }
        }
        else {
            // An explicit file is taken whatever its name; reading it reports dangling links and the like.
            keep(absolute);
        }
    }
    return { files: [...found].sort(), problems };
}
//# sourceMappingURL=discover.js.map