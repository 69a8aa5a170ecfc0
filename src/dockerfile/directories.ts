import { basename, readScript } from '../shell/invocations.js';
import { ancestors, resolvePath } from './paths.js';

/** How the paths of a RUN are read: its working directory and variables. */
export interface PathContext {
  readonly workdir: string;
  /** Expands `$VAR` and `~`; undefined when the path cannot be known. */
  readonly expand: (word: string) => string | undefined;
}

const MKDIR_VALUED = new Set(['-m', '--mode', '--context']);
const INSTALL_VALUED = new Set(['-o', '--owner', '-g', '--group', '-m', '--mode', '-S', '--suffix', '-t', '--target-directory', '--context']);

/**
 * The directories a RUN makes with `mkdir` or `install -d`, with the ancestors `-p` makes. Whoever
 * made them, they exist afterwards, which is what a cache mount for a non-root user needs: BuildKit
 * creates a missing mount point owned by root and leaves it in the image.
 */
export function directoriesMadeBy(runArguments: string, context: PathContext): string[] {
  const made: string[] = [];
  for (const invocation of readScript(runArguments).invocations) {
    const [program = '', ...args] = invocation.argv;
    const name = basename(program);
    const hasOption = (long: string, short: string) => args.some((arg) => arg === long || new RegExp(`^-[A-Za-z]*${short}`).test(arg));
    if (name !== 'mkdir' && !(name === 'install' && hasOption('--directory', 'd'))) continue;
    // install -d always makes the parents.
    const makesParents = name === 'install' || hasOption('--parents', 'p');
    const valued = name === 'mkdir' ? MKDIR_VALUED : INSTALL_VALUED;
    for (const [i, word] of args.entries()) {
      if (word.startsWith('-') || valued.has(args[i - 1] ?? '')) continue;
      const expanded = context.expand(word);
      // Globs and unknown variables name directories this model cannot know.
      if (expanded === undefined || /[*?[]/.test(expanded)) continue;
      const path = resolvePath(expanded, context.workdir);
      made.push(path);
      if (makesParents) made.push(...ancestors(path));
    }
  }
  return made;
}
