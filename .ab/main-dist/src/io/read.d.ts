/** Files larger than this are refused: real Dockerfiles are a few kilobytes, and a pathological 1 MiB one takes seconds and a few hundred MB. */
export declare const DEFAULT_MAX_FILE_BYTES: number;
/** How a file's bytes became text: UTF-8, or Latin-1 (one character per byte) for a file that is not UTF-8. */
export type TextEncoding = 'utf8' | 'latin1';
export interface ReadOptions {
    readonly maxBytes?: number;
    /** Decode a file that is not UTF-8 as Latin-1, so that writing it back restores every byte. */
    readonly allowInvalidUtf8?: boolean;
    /** Read through a symlink; otherwise a path whose last component is a symlink is refused. */
    readonly followSymlinks?: boolean;
}
export interface ReadFile {
    readonly content: string;
    readonly encoding: TextEncoding;
    /** The bytes as read, so that a write can tell whether the file changed since. */
    readonly bytes: Buffer;
    readonly mode: number;
    readonly uid: number;
    readonly gid: number;
}
export interface DecodedText {
    readonly content: string;
    readonly encoding: TextEncoding;
}
/**
 * Reads a Dockerfile as text; throws an Error whose message says why it cannot be used.
 * Synchronous on purpose: for thousands of small files, one system call each beats a thread-pool
 * round trip each, and the CLI has nothing else to do meanwhile.
 */
export declare function readDockerfile(path: string, options?: ReadOptions): ReadFile;
/** The text of a Dockerfile's bytes; throws an Error saying why they are not Dockerfile text. */
export declare function decodeDockerfile(bytes: Uint8Array, options?: {
    allowInvalidUtf8?: boolean;
}): DecodedText;
/** The bytes of content decoded by `decodeDockerfile`. */
export declare function encodeDockerfile(content: string, encoding: TextEncoding): Buffer;
export declare function describeFsError(error: NodeJS.ErrnoException): string;
