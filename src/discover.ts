import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve } from 'node:path';
import fg from 'fast-glob';

/** Names that make a file a Dockerfile, matched case-insensitively. */
export const DOCKERFILE_PATTERNS = ['Dockerfile', 'Dockerfile.*', '*.Dockerfile', '*.dockerfile', 'Containerfile', 'Containerfile.*'];
const EXCLUDED = ['**/node_modules/**', '**/.git/**', '**/*.dockerignore'];

export interface DiscoveryResult {
  /** Files to process, sorted, as paths relative to `cwd` when they are inside it. */
  readonly files: string[];
  /** Operands that matched nothing or could not be read, with the reason. */
  readonly problems: { readonly operand: string; readonly message: string }[];
}

function toPosix(path: string): string {
  return path.replace(/\\/g, '/');
}

/**
 * Expands the operands of the command line: directories are searched for Dockerfiles, explicit
 * files are taken as they are whatever their name, anything else is treated as a glob.
 */
export async function discover(operands: readonly string[], cwd: string): Promise<DiscoveryResult> {
  const found = new Set<string>();
  const problems: { operand: string; message: string }[] = [];
  const globOptions = { cwd, dot: true, caseSensitiveMatch: false, followSymbolicLinks: false, onlyFiles: true, ignore: EXCLUDED } as const;
  for (const operand of operands.length > 0 ? operands : ['.']) {
    const info = await stat(resolve(cwd, operand)).catch((error: NodeJS.ErrnoException) => error);
    if (!(info instanceof Error)) {
      if (info.isDirectory()) {
        const base = fg.convertPathToPattern(toPosix(operand)).replace(/\/+$/, '');
        const patterns = DOCKERFILE_PATTERNS.map((name) => (base === '.' ? `**/${name}` : `${base}/**/${name}`));
        for (const file of await fg(patterns, globOptions)) found.add(normalize(file, cwd));
      } else {
        found.add(normalize(operand, cwd));
      }
      continue;
    }
    if (fg.isDynamicPattern(operand)) {
      const matches = await fg(toPosix(operand), globOptions);
      if (matches.length === 0) problems.push({ operand, message: 'no files match this pattern' });
      for (const file of matches) found.add(normalize(file, cwd));
      continue;
    }
    problems.push({ operand, message: info.code === 'ENOENT' ? 'no such file or directory' : info.message });
  }
  return { files: [...found].sort(), problems };
}

/** Paths inside `cwd` are shown relative to it, like git does; others stay absolute. */
function normalize(path: string, cwd: string): string {
  const absolute = resolve(cwd, path);
  const inside = relative(cwd, absolute);
  return toPosix(inside.startsWith('..') || isAbsolute(inside) ? absolute : inside);
}
