import type { FileResult } from '../../engine/pipeline.js';
import type { Formatter, FormatterContext } from '../types.js';
/** The JSON report's entry for one file (`--format json`); fields are only ever added. */
export declare function jsonEntry(result: FileResult, group?: string): Record<string, unknown>;
/** The report for scripts, streamed entry by entry so that memory does not grow with the file count. */
export declare function jsonFormatter({ stdout }: FormatterContext): Formatter;
