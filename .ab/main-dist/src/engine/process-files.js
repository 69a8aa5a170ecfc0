import { decodeDockerfile, encodeDockerfile, readDockerfile } from '../io/read.js';
import { writeAtomically } from '../io/write.js';
import { transformContent } from './pipeline.js';
/**
 * Reads, transforms and (with `write`) writes files, a bounded number at a time. Results are
 * handed to `onResult` in the order of `files`, so output is deterministic, and are not kept:
 * memory stays flat however many files there are.
 */
export async function processFiles(files, settings, onResult) {
    const concurrency = settings.concurrency ?? 16;
    const pending = new Map();
    let next = 0;
    let emitted = 0;
    const flush = () => {
        while (pending.has(emitted)) {
            onResult(pending.get(emitted));
            pending.delete(emitted);
            emitted++;
        }
    };
    const worker = async () => {
        while (next < files.length) {
            const index = next++;
            pending.set(index, await processFile(files[index], settings));
            flush();
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
}
async function processFile(file, settings) {
    const { path, absolutePath } = file;
    const followSymlinks = settings.followSymlinks ?? false;
    let read;
    try {
        read = readDockerfile(absolutePath, { maxBytes: settings.maxFileBytes, allowInvalidUtf8: settings.allowInvalidUtf8, followSymlinks });
    }
    catch (error) {
        return { path, status: 'error', changes: [], skipped: [], error: error.message };
    }
    const plan = settings.planFor?.(absolutePath) ?? settings;
    const result = withEncoding(transformContent(path, read.content, plan.transforms, plan.options), read.encoding);
    if (!settings.write || result.status !== 'changed' || result.output === undefined)
        return result;
    try {
        await writeAtomically(absolutePath, outputBytes(result), read, { followSymlinks });
        return result;
    }
    catch (error) {
        return { ...result, status: 'error', error: error.message };
    }
}
function withEncoding(result, encoding) {
    return encoding === 'latin1' ? { ...result, encoding } : result;
}
/** The bytes of a result's output, in the encoding its input was read with. */
export function outputBytes(result) {
    return result.output === undefined ? undefined : encodeDockerfile(result.output, result.encoding ?? 'utf8');
}
/** `transformContent` for raw bytes (stdin): undecodable input is a file error, not an exception. */
export function transformBytes(path, bytes, transforms, options = {}, decoding = {}) {
    let decoded;
    try {
        decoded = decodeDockerfile(bytes, decoding);
    }
    catch (error) {
        return { path, status: 'error', changes: [], skipped: [], error: error.message };
    }
    const result = withEncoding(transformContent(path, decoded.content, transforms, options), decoded.encoding);
    if (result.encoding === undefined)
        return result;
    // Text a Latin-1 file cannot hold (a transform inserted it) fails this input here, not when printing.
    try {
        outputBytes(result);
        return result;
    }
    catch (error) {
        return { ...result, status: 'error', output: undefined, error: error.message };
    }
}
//# sourceMappingURL=process-files.js.map