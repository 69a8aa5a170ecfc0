import type { TransformOptions } from './options.js';
import type { Transform } from './transform.js';
export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';
/** A change or skip as reported: which transform, where in the file on disk, and what. */
export interface ReportedItem {
    readonly transform: string;
    readonly line: number;
    readonly message: string;
    readonly topic?: string;
}
export interface FileResult {
    readonly path: string;
    readonly status: FileStatus;
    readonly changes: readonly ReportedItem[];
    readonly skipped: readonly ReportedItem[];
    /** The file content before and after (BOM included); present unless reading failed. */
    readonly original?: string;
    readonly output?: string;
    /** Why the file is in error, or why it was skipped as a whole. */
    readonly error?: string;
    /** Set when the file is not UTF-8 and was read as Latin-1 (`allowInvalidUtf8`): how to turn `output` back into bytes. */
    readonly encoding?: 'latin1';
}
/**
 * Runs transforms in order over one file's content, re-parsing between them so each sees the
 * previous one's result. Pure: no I/O. A transform that throws puts the file in error.
 */
export declare function transformContent(path: string, content: string, transforms: readonly Transform[], options?: TransformOptions): FileResult;
