import { closeSync, constants, fstatSync, openSync, readFileSync } from 'node:fs';
/** Files larger than this are refused: real Dockerfiles are a few kilobytes, and a pathological 1 MiB one takes seconds and a few hundred MB. */
export const DEFAULT_MAX_FILE_BYTES = 1024 * 1024;
// ignoreBOM keeps a byte order mark in the text (by default TextDecoder drops it), so that a write keeps it too.
const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const BOM = '\uFEFF';
/**
 * Reads a Dockerfile as text; throws an Error whose message says why it cannot be used.
 * Synchronous on purpose: for thousands of small files, one system call each beats a thread-pool
 * round trip each, and the CLI has nothing else to do meanwhile.
 */
export function readDockerfile(path, options = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_FILE_BYTES;
    // O_NONBLOCK: opening a FIFO named Dockerfile must not wait for a writer; fstat then refuses it.
    const flags = constants.O_RDONLY | constants.O_NONBLOCK | (options.followSymlinks ? 0 : constants.O_NOFOLLOW);
    let fd;
    try {
        fd = openSync(path, flags);
    }
    catch (error) {
        const code = error.code;
        // With O_NOFOLLOW, ELOOP means the last component is a symlink (dangling or not).
        if (code === 'ELOOP' && !options.followSymlinks)
            throw new Error('is a symbolic link; pass --follow-symlinks to process the file it points to');
        throw new Error(describeFsError(error));
    }
    try {
        const info = fstatSync(fd);
        if (!info.isFile())
            throw new Error(notRegular(info));
        if (info.size > maxBytes)
            throw new Error(tooLarge(info.size, maxBytes));
        const bytes = readFileSync(fd);
        // The file may have grown since fstat.
        if (bytes.length > maxBytes)
            throw new Error(tooLarge(bytes.length, maxBytes));
        return { ...decodeDockerfile(bytes, options), bytes, mode: info.mode, uid: info.uid, gid: info.gid };
    }
    catch (error) {
        const code = error.code;
        throw code ? new Error(describeFsError(error)) : error;
    }
    finally {
        closeSync(fd);
    }
}
function notRegular(info) {
    if (info.isDirectory())
        return 'is a directory';
    const kind = info.isFIFO() ? 'a named pipe' : info.isSocket() ? 'a socket' : info.isCharacterDevice() || info.isBlockDevice() ? 'a device' : 'a special file';
    return `not a regular file (${kind})`;
}
function tooLarge(size, maxBytes) {
    return `file is ${size} bytes, over the ${formatBytes(maxBytes)} limit (--max-file-size raises it)`;
}
function formatBytes(bytes) {
    if (bytes % (1024 * 1024) === 0)
        return `${bytes / (1024 * 1024)} MiB`;
    if (bytes % 1024 === 0)
        return `${bytes / 1024} KiB`;
    return `${bytes}-byte`;
}
/** The text of a Dockerfile's bytes; throws an Error saying why they are not Dockerfile text. */
export function decodeDockerfile(bytes, options = {}) {
    const nul = bytes.indexOf(0);
    if (nul >= 0)
        throw new Error(`binary file (NUL byte at offset ${nul})`);
    try {
        return { content: utf8.decode(bytes), encoding: 'utf8' };
    }
    catch {
        if (options.allowInvalidUtf8) {
            // A UTF-8 BOM stays a BOM, so the document sees it as it would in a UTF-8 file.
            const bom = UTF8_BOM.equals(bytes.subarray(0, 3));
            return { content: (bom ? BOM : '') + Buffer.from(bytes.buffer, bytes.byteOffset + (bom ? 3 : 0), bytes.length - (bom ? 3 : 0)).toString('latin1'), encoding: 'latin1' };
        }
        const offset = invalidUtf8Offset(bytes);
        const line = bytes.subarray(0, offset).filter((byte) => byte === 0x0a).length + 1;
        const byte = bytes[offset].toString(16).toUpperCase().padStart(2, '0');
        throw new Error(`not valid UTF-8 (byte 0x${byte} at offset ${offset}, line ${line}); --allow-invalid-utf8 processes it, keeping its bytes`);
    }
}
/** The bytes of content decoded by `decodeDockerfile`. */
export function encodeDockerfile(content, encoding) {
    if (encoding === 'utf8')
        return Buffer.from(content, 'utf8');
    const bom = content.startsWith(BOM);
    const text = bom ? content.slice(1) : content;
    // Latin-1 holds U+0000-U+00FF only; Buffer would silently truncate anything above.
    const wide = /[^\u0000-\u00FF]/.exec(text);
    if (wide)
        throw new Error(`the new text has ${JSON.stringify(wide[0])} at offset ${wide.index}, which a file that is not UTF-8 cannot hold`);
    return bom ? Buffer.concat([UTF8_BOM, Buffer.from(text, 'latin1')]) : Buffer.from(text, 'latin1');
}
/** Offset of the first byte that does not start a well-formed UTF-8 sequence (no overlongs, surrogates or values past U+10FFFF). */
function invalidUtf8Offset(bytes) {
    let i = 0;
    while (i < bytes.length) {
        const lead = bytes[i];
        if (lead < 0x80) {
            i++;
            continue;
        }
        // Continuation bytes needed, and the range of the first one (narrower after E0, ED, F0, F4).
        let [need, low, high] = [0, 0x80, 0xbf];
        if (lead >= 0xc2 && lead <= 0xdf)
            need = 1;
        else if (lead >= 0xe0 && lead <= 0xef)
            [need, low, high] = [2, lead === 0xe0 ? 0xa0 : 0x80, lead === 0xed ? 0x9f : 0xbf];
        else if (lead >= 0xf0 && lead <= 0xf4)
            [need, low, high] = [3, lead === 0xf0 ? 0x90 : 0x80, lead === 0xf4 ? 0x8f : 0xbf];
        else
            return i;
        const first = bytes[i + 1];
        if (first === undefined || first < low || first > high)
            return i;
        for (let k = 2; k <= need; k++)
            if (((bytes[i + k] ?? 0) & 0xc0) !== 0x80)
                return i;
        i += need + 1;
    }
    return bytes.length;
}
export function describeFsError(error) {
    switch (error.code) {
        case 'ENOENT':
            return 'no such file (a dangling symlink?)';
        case 'EACCES':
        case 'EPERM':
            return 'permission denied';
        case 'EISDIR':
            return 'is a directory';
        case 'ELOOP':
            return 'too many levels of symbolic links';
        case 'ENXIO':
            return 'not a regular file (a socket?)';
        default:
            return error.message;
    }
}
//# sourceMappingURL=read.js.map