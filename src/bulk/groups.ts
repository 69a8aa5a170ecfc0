import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';

/** Partitions files for one pull request per group: by directory prefix, by CODEOWNERS, or not at all. */
export type GroupBy = { readonly kind: 'none' } | { readonly kind: 'dir'; readonly depth: number } | { readonly kind: 'codeowners' };

export function parseGroupBy(value: string): GroupBy | undefined {
  if (value === 'none') return { kind: 'none' };
  if (value === 'codeowners') return { kind: 'codeowners' };
  const match = /^dir:(\d+)$/.exec(value);
  return match && Number(match[1]) >= 1 ? { kind: 'dir', depth: Number(match[1]) } : undefined;
}

interface OwnerRule {
  readonly matches: (path: string) => boolean;
  readonly owners: readonly string[];
}

/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];

/** CODEOWNERS rules as GitHub reads them: gitignore-style patterns, the last matching rule wins. */
export function parseCodeowners(text: string): OwnerRule[] {
  const rules: OwnerRule[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.replace(/(^|\s)#.*$/, '').trim();
    if (line === '') continue;
    const [pattern, ...owners] = line.split(/\s+/);
    const matcher = ignore().add(pattern!);
    rules.push({ matches: (path) => matcher.ignores(path), owners });
  }
  return rules;
}

export function ownersOf(rules: readonly OwnerRule[], path: string): readonly string[] {
  for (let i = rules.length - 1; i >= 0; i--) if (rules[i]!.matches(path)) return rules[i]!.owners;
  return [];
}

/** A file-name-safe group name. */
function slug(text: string): string {
  return text.replace(/^@/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
}

/** The top of the git work tree holding `cwd` (a `.git` directory or file), or `cwd` outside git. */
export function repositoryRoot(cwd: string): { readonly root: string; readonly inGit: boolean } {
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    if (existsSync(join(dir, '.git'))) return { root: dir, inGit: true };
    if (dirname(dir) === dir) return { root: resolve(cwd), inGit: false };
  }
}

export interface Grouping {
  /** From a file path (relative to `cwd`) to its group name. */
  readonly groupOf: (path: string) => string;
  /** Something the user should know about the grouping (no CODEOWNERS found). */
  readonly warning?: string;
}

export async function grouper(groupBy: GroupBy, cwd: string): Promise<Grouping> {
  switch (groupBy.kind) {
    case 'none':
      return { groupOf: () => 'all' };
    case 'dir':
      return {
        groupOf: (path) => {
          const directories = path.split('/').slice(0, -1);
          return directories.length === 0 ? 'root' : slug(directories.slice(0, groupBy.depth).join('-'));
        },
      };
    case 'codeowners': {
      // GitHub reads CODEOWNERS at the repository root and matches paths from there, wherever the tool runs.
      const { root, inGit } = repositoryRoot(cwd);
      let text: string | undefined;
      for (const location of CODEOWNERS_LOCATIONS) {
        text = await readFile(join(root, location), 'utf8').catch(() => undefined);
        if (text !== undefined) break;
      }
      const rules = parseCodeowners(text ?? '');
      const fromRoot = (path: string) => relative(root, resolve(cwd, path)).split(sep).join('/');
      return {
        groupOf: (path) => {
          const inRepository = fromRoot(path);
          // A file outside the repository (an operand like ../other/Dockerfile) has no owner here.
          const owners = inRepository.startsWith('../') ? [] : ownersOf(rules, inRepository);
          return owners.length === 0 ? 'unowned' : slug(owners.join('_'));
        },
        ...(text === undefined
          ? {
              warning:
                `--group-by codeowners: no CODEOWNERS file in ${root} (${CODEOWNERS_LOCATIONS.join(', ')})${inGit ? '' : ', not a git repository'}: ` +
                'every file goes to the group "unowned". Add one, or group with --group-by dir:<depth>.',
            }
          : {}),
      };
    }
  }
}
