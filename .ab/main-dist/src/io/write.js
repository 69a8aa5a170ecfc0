import { randomBytes } from 'node:crypto';
import { closeSync, fchmodSync, fchownSync, fstatSync, fsync, lstatSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { describeFsError } from './read.js';
const fsyncAsync = promisify(fsync);
/** Temporary files created and not yet renamed over their target: what an interrupt must remove. */
const inFlight = new Set();
/**
 * Removes the temporary files of the writes in progress. Synchronous, for a signal handler: the
 * targets of those writes keep their old content, since only the rename would replace it.
 */
export function removeTemporaryFiles() {
    for (const temporary of inFlight) {
        try {
            unlinkSync(temporary);
        }
        catch {
            // Already renamed or removed.
        }
    }
    inFlight.clear();
}
/**
 * Replaces a file's content atomically: a temporary file in the same directory, with the same
 * mode and (where permitted) owner, flushed to disk, then renamed over the original, so a reader
 * sees the old or the new file, never half of one. Refuses when the file changed on disk since
 * it was read (`before`). Only the flush is asynchronous: creating, checking and renaming happen
 * in one go, so an interrupt handler never runs between a file's creation and its tracking, nor
 * between the last check and the rename.
 */
export async function writeAtomically(path, bytes, before, options = {}) {
    let target;
    try {
        target = options.followSymlinks ? realpathSync(path) : path;
        if (lstatSync(target).isSymbolicLink())
            throw new Error('it was replaced by a symbolic link since it was read; not writing through it');
    }
    catch (error) {
        throw writeError(error);
    }
    const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.dockerfile-codemod.tmp`);
    let fd;
    inFlight.add(temporary);
    try {
        fd = openSync(temporary, 'wx', 0o600);
        writeFileSync(fd, bytes);
        keepOwner(fd, before);
        // After chown, which clears the set-user-ID and set-group-ID bits.
        fchmodSync(fd, before.mode & 0o7777);
        await fsyncAsync(fd);
        closeSync(fd);
        fd = undefined;
        assertUnchanged(target, before);
        renameSync(temporary, target);
        inFlight.delete(temporary);
    }
    catch (error) {
        if (fd !== undefined)
            closeSync(fd);
        inFlight.delete(temporary);
        try {
            unlinkSync(temporary);
        }
        catch {
            // Never created, or an interrupt removed it.
        }
        throw writeError(error);
    }
}
function writeError(error) {
    const { code } = error;
    if (code === undefined)
        return error;
    // The temporary file's directory exists (the file was just read there): the file itself is gone.
    if (code === 'ENOENT')
        return new Error('file was deleted since it was read; not recreating it');
    return new Error(`could not write: ${describeFsError(error)}`);
}
/** Gives the new file the old one's owner: always possible as root; otherwise only the group, and only a group of ours. */
function keepOwner(fd, before) {
    const created = fstatSync(fd);
    if (created.uid === before.uid && created.gid === before.gid)
        return;
    try {
        fchownSync(fd, before.uid, before.gid);
    }
    catch {
        try {
            fchownSync(fd, created.uid, before.gid);
        }
        catch {
            // Not permitted: the file gets the writer's owner, as an editor's save would give it.
        }
    }
}
/** Throws unless the file still holds the bytes it was read with. */
function assertUnchanged(target, before) {
    const now = readFileSync(target);
    if (!now.equals(before.bytes))
        throw new Error('file changed on disk since it was read; not overwriting it');
}
//# sourceMappingURL=write.js.map