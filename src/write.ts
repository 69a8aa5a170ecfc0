import { randomBytes } from 'node:crypto';
import { open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { describeFsError, type ReadFile } from './read.js';

/**
 * Replaces a file's content atomically: a temporary file in the same directory (same mode),
 * flushed to disk, then renamed over the original, so a reader sees the old or the new file,
 * never half of one. A symlink is written through to its target, keeping the link.
 * Refuses when the file changed on disk since it was read.
 */
export async function writeAtomically(path: string, content: string, before: ReadFile): Promise<void> {
  const target = await realpath(path).catch((error: NodeJS.ErrnoException) => {
    throw new Error(describeFsError(error));
  });
  const now = await stat(target);
  if (now.mtimeMs !== before.mtimeMs || now.size !== before.size) {
    throw new Error('file changed on disk since it was read; not overwriting it');
  }
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.dockerfile-codemod.tmp`);
  try {
    const handle = await open(temporary, 'wx', now.mode & 0o7777);
    try {
      await handle.writeFile(content, 'utf8');
      // The umask may have narrowed the mode given to open(): set it exactly.
      await handle.chmod(now.mode & 0o7777);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new Error(`could not write: ${describeFsError(error as NodeJS.ErrnoException)}`);
  }
}
