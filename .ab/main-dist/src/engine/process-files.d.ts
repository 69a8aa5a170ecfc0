import type { TransformOptions } from './options.js';
import { type FileResult } from './pipeline.js';
import type { Transform } from './transform.js';
/** The transforms and option values for one file. */
export interface FilePlan {
    readonly transforms: readonly Transform[];
    readonly options?: TransformOptions;
}
export interface ProcessOptions extends FilePlan {
    /** Per-file transforms and options (config overrides); `transforms` and `options` otherwise. */
    readonly planFor?: (absolutePath: string) => FilePlan;
    /** Apply changes to disk. */
    readonly write: boolean;
    readonly maxFileBytes?: number;
    /** Transform files that are not valid UTF-8, keeping their other bytes exactly. */
    readonly allowInvalidUtf8?: boolean;
    /** Read and write files through symlinks; otherwise a symlinked file is an error. */
    readonly followSymlinks?: boolean;
    /** How many files are read at once. */
    readonly concurrency?: number;
}
/**
 * Reads, transforms and (with `write`) writes files, a bounded number at a time. Results are
 * handed to `onResult` in the order of `files`, so output is deterministic, and are not kept:
 * memory stays flat however many files there are.
 */
export declare function processFiles(files: readonly {
    path: string;
    absolutePath: string;
}[], settings: ProcessOptions, onResult: (result: FileResult) => void): Promise<void>;
/** The bytes of a result's output, in the encoding its input was read with. */
export declare function outputBytes(result: FileResult): Uint8Array | undefined;
/** `transformContent` for raw bytes (stdin): undecodable input is a file error, not an exception. */
export declare function transformBytes(path: string, bytes: Uint8Array, transforms: readonly Transform[], options?: TransformOptions, decoding?: {
    allowInvalidUtf8?: boolean;
}): FileResult;
