import { posix } from 'node:path';
import { basename, type Invocation } from '../shell/invocations.js';
import { optionValue } from '../shell/options.js';
import { resolvePath } from './paths.js';

/**
 * What a command does to a path it names:
 * - `delete`: removes it (`rm`, `rmdir`, `find ... -delete`);
 * - `move`: takes it away (`mv`'s sources);
 * - `write`: creates or overwrites it (`cp`, `mv`, `ln`, `install` destinations, `curl -o`, `git clone`);
 * - `extract`: unpacks an archive of unknown content into it (`tar -x -C`, `unzip -d`);
 * - `modify`: changes owners or modes below it (`chown -R`, `chmod -R`).
 */
export type PathUseKind = 'delete' | 'move' | 'write' | 'extract' | 'modify';

export interface PathUse {
  readonly kind: PathUseKind;
  /** The absolute path or glob, variables expanded; undefined when it cannot be known statically. */
  readonly pattern: string | undefined;
  /** The operand as written. */
  readonly written: string;
  readonly invocation: Invocation;
  /** Index of the operand in `invocation.argv`; -1 for the target of an output redirection. */
  readonly index: number;
  /**
   * An unpack into the working directory, no directory named (`tar xf src.tgz`): where files land
   * depends on the archive's own paths, usually a top folder of its own.
   */
  readonly implicit?: boolean;
}

/** Expands `~` and variables in a word for one command; undefined when a value is unknown. */
export type WordExpander = (word: string, invocation: Invocation) => string | undefined;

/** Options of the commands read here that take a separate value. */
const VALUED: Readonly<Record<string, ReadonlySet<string>>> = {
  cp: new Set(['-t', '--target-directory', '-S', '--suffix']),
  mv: new Set(['-t', '--target-directory', '-S', '--suffix']),
  ln: new Set(['-t', '--target-directory', '-S', '--suffix']),
  install: new Set(['-t', '--target-directory', '-m', '--mode', '-o', '--owner', '-g', '--group', '-S', '--suffix']),
  chown: new Set(['--reference', '--from']),
  chmod: new Set(['--reference']),
  chgrp: new Set(['--reference']),
  git: new Set(['-C', '-c', '--branch', '-b', '--depth', '--origin', '-o', '--reference', '--separate-git-dir', '--filter', '-j', '--jobs', '--config', '-u', '--upload-pack', '--template']),
};

/** Operands of a command: its arguments that are not options or option values (`--` ends options). */
function operands(args: readonly string[], valued: ReadonlySet<string> = new Set()): { value: string; index: number }[] {
  const found: { value: string; index: number }[] = [];
  let optionsEnded = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (!optionsEnded && arg === '--') {
      optionsEnded = true;
      continue;
    }
    if (!optionsEnded && arg.startsWith('-') && arg.length > 1) {
      if (valued.has(arg)) i++;
      continue;
    }
    found.push({ value: arg, index: i + 1 });
  }
  return found;
}


/** Letters of tar's old-style bundle (`tar xzCf dir file`) that take the next argument, in order. */
const TAR_LETTERS_WITH_VALUE = new Set(['f', 'b', 'C', 'T', 'X', 'g', 'K', 'L', 'N', 'V', 'F']);

/** Where tar extracts to: `-C dir`, `--directory[=]dir`, `-xzC dir` or the old-style `tar xJC dir`. */
function tarDirectory(args: readonly string[]): { value: string; index: number } | undefined {
  const mode = args[0] && !args[0].startsWith('-') ? args[0] : undefined;
  if (mode?.includes('C')) {
    let next = 1;
    for (const letter of mode) {
      if (!TAR_LETTERS_WITH_VALUE.has(letter)) continue;
      if (letter === 'C') return args[next] === undefined ? undefined : { value: args[next]!, index: next };
      next++;
    }
  }
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg.startsWith('--directory=')) return { value: arg.slice('--directory='.length), index: i };
    if ((arg === '--directory' || /^-[A-Za-z]*C$/.test(arg)) && args[i + 1] !== undefined) return { value: args[i + 1]!, index: i + 1 };
  }
  return undefined;
}

interface RawUse {
  readonly kind: PathUseKind;
  readonly written: string;
  readonly index: number;
  readonly implicit?: boolean;
}

/** The paths one command deletes, moves, writes, unpacks into or changes, as written. */
function rawUses(argv: readonly string[], cwd: string | undefined): RawUse[] {
  const program = basename(argv[0] ?? '');
  const args = argv.slice(1);
  const valued = VALUED[program];
  const all = (kind: PathUseKind, list: { value: string; index: number }[]) => list.map(({ value, index }) => ({ kind, written: value, index }));
  switch (program) {
    case 'rm':
    case 'rmdir':
    case 'unlink':
    case 'shred':
      return all('delete', operands(args));
    case 'find': {
      const deletes = args.includes('-delete') || args.some((arg, i) => (arg === '-exec' || arg === '-execdir') && /^(rm|rmdir|unlink)$/.test(basename(args[i + 1] ?? '')));
      if (!deletes) return [];
      const paths: RawUse[] = [];
      for (let i = 0; i < args.length && !/^[-(!]/.test(args[i]!); i++) paths.push({ kind: 'delete', written: args[i]!, index: i + 1 });
      return paths.length > 0 ? paths : [{ kind: 'delete', written: '.', index: 0 }];
    }
    case 'mv':
    case 'cp':
    case 'ln':
    case 'install': {
      const list = operands(args, valued);
      const targetDirectory = optionValue(args, ['-t', '--target-directory']);
      const sources = targetDirectory === undefined ? list.slice(0, -1) : list;
      const destination = targetDirectory === undefined ? list[list.length - 1] : { value: targetDirectory, index: args.indexOf(targetDirectory) + 1 };
      // `install -d DIR...` only makes directories.
      if (program === 'install' && args.some((arg) => arg === '-d' || arg === '--directory')) return [];
      return [...(program === 'mv' ? all('move', sources) : []), ...(destination && list.length > 0 ? all('write', [destination]) : [])];
    }
    case 'tar': {
      const mode = args[0] && !args[0].startsWith('-') ? args[0] : '';
      const extracts = mode.includes('x') || args.some((arg) => arg === '--extract' || arg === '--get' || /^-[A-Za-z]*x/.test(arg));
      if (!extracts) return [];
      const directory = tarDirectory(args);
      if (directory === undefined) return [{ kind: 'extract', written: cwd ?? '.', index: 0, implicit: true }];
      return [{ kind: 'extract', written: directory.value, index: directory.index + 1 }];
    }
    case 'unzip': {
      const directory = optionValue(args, ['-d']);
      if (directory === undefined) return [{ kind: 'extract', written: cwd ?? '.', index: 0, implicit: true }];
      return [{ kind: 'extract', written: directory, index: args.indexOf(directory) + 1 }];
    }
    case 'chown':
    case 'chmod':
    case 'chgrp': {
      if (!args.some((arg) => arg === '-R' || arg === '--recursive' || /^-[A-Za-z]*R/.test(arg))) return [];
      const list = operands(args, valued);
      const hasReference = args.some((arg) => arg.startsWith('--reference'));
      return all('modify', hasReference ? list : list.slice(1));
    }
    case 'curl': {
      const output = optionValue(args, ['-o', '--output']);
      return output === undefined ? [] : [{ kind: 'write', written: output, index: args.indexOf(output) + 1 }];
    }
    case 'wget': {
      const output = optionValue(args, ['-O', '--output-document', '-P', '--directory-prefix']);
      return output === undefined ? [] : [{ kind: 'write', written: output, index: args.indexOf(output) + 1 }];
    }
    case 'git': {
      const list = operands(args, valued);
      if (list[0]?.value !== 'clone' || list.length < 2) return [];
      const destination = list[3] ?? list[2];
      return destination ? all('write', [destination]) : [];
    }
    default:
      return [];
  }
}

/**
 * Every path the commands of a RUN delete, move, write, unpack into or change recursively, in
 * command order, resolved against the working directory (followed through `cd`).
 */
export function pathUses(invocations: readonly Invocation[], workdir: string, expand: WordExpander): PathUse[] {
  const uses: PathUse[] = [];
  let cwd: string | undefined = workdir;
  for (const invocation of invocations) {
    const { argv } = invocation;
    if (basename(argv[0] ?? '') === 'cd') {
      const target = argv[1] === undefined ? undefined : expand(argv[1], invocation);
      cwd = target === undefined || cwd === undefined ? undefined : resolvePath(target, cwd);
      continue;
    }
    const redirected = (invocation.command?.writesTo ?? []).map((written): RawUse => ({ kind: 'write', written, index: -1 }));
    for (const use of [...rawUses(argv, cwd), ...redirected]) {
      const expanded = expand(use.written, invocation);
      const pattern = expanded === undefined ? undefined : expanded.startsWith('/') ? posix.normalize(expanded) : cwd === undefined ? undefined : resolvePath(expanded, cwd);
      const clean = pattern === '/' || pattern === undefined ? pattern : pattern.replace(/\/+$/, '');
      uses.push({ kind: use.kind, pattern: clean, written: use.written, invocation, index: use.index, ...(use.implicit ? { implicit: true } : {}) });
    }
  }
  return uses;
}

const GLOB = /[*?[]/;

/** A shell glob segment as a regular expression; `*` and `?` do not match a leading dot, as in sh. */
function segmentMatcher(segment: string): (name: string) => boolean {
  if (!GLOB.test(segment)) return (name) => name === segment;
  let source = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i]!;
    if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) source += '\\[';
      else {
        source += `[${segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\')}]`;
        i = close;
      }
    } else source += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  const regex = new RegExp(`^${source}$`);
  const dotAllowed = segment.startsWith('.');
  return (name) => (dotAllowed || !name.startsWith('.')) && regex.test(name);
}

const segments = (path: string) => path.split('/').filter((part) => part !== '');

function matchesPrefix(pattern: readonly string[], path: readonly string[]): boolean {
  return pattern.every((segment, i) => path[i] !== undefined && segmentMatcher(segment)(path[i]!));
}

/** True when the glob `pattern` can name `path` itself or a directory above it: deleting it takes `path` away. */
export function mayCover(pattern: string, path: string): boolean {
  const patternParts = segments(pattern);
  const pathParts = segments(path);
  return patternParts.length <= pathParts.length && matchesPrefix(patternParts, pathParts);
}

/** True when the glob `pattern` can name something strictly inside `path`. */
export function mayLieWithin(pattern: string, path: string): boolean {
  const patternParts = segments(pattern);
  const pathParts = segments(path);
  return patternParts.length > pathParts.length && matchesPrefix(patternParts.slice(0, pathParts.length), pathParts);
}

/** True when `pattern` names exactly `path`, without any glob. */
export function isExactly(pattern: string, path: string): boolean {
  return !GLOB.test(pattern) && posix.normalize(pattern) === posix.normalize(path).replace(/(.)\/+$/, '$1');
}
