import { type ReadFile } from './read.js';
/**
 * Removes the temporary files of the writes in progress. Synchronous, for a signal handler: the
 * targets of those writes keep their old content, since only the rename would replace it.
 */
export declare function removeTemporaryFiles(): void;
export interface WriteOptions {
    /** Write through a symlink to its target (keeping the link); otherwise a symlink is refused. */
    readonly followSymlinks?: boolean;
}
/**
 * Replaces a file's content atomically: a temporary file in the same directory, with the same
 * mode and (where permitted) owner, flushed to disk, then renamed over the original, so a reader
 * sees the old or the new file, never half of one. Refuses when the file changed on disk since
 * it was read (`before`). Only the flush is asynchronous: creating, checking and renaming happen
 * in one go, so an interrupt handler never runs between a file's creation and its tracking, nor
 * between the last check and the rename.
 */
export declare function writeAtomically(path: string, bytes: Uint8Array, before: ReadFile, options?: WriteOptions): Promise<void>;
