import { type TransformOptions } from './engine/options.js';
import { type ReportedItem } from './engine/pipeline.js';
import type { Transform } from './engine/transform.js';
export interface TransformTextOptions {
    /** Transforms to run, in order: built-in ids or Transform objects. Default: the default-on built-ins. */
    readonly transforms?: readonly (string | Transform)[];
    /** Option values per transform id, e.g. `{ 'cache-mounts': { pipCacheTarget: '/root/.cache' } }`. */
    readonly options?: TransformOptions;
    /** The file's path, used in messages only. */
    readonly path?: string;
}
export interface TransformTextResult {
    /** The rewritten text (the input itself when nothing changed). */
    readonly output: string;
    readonly changed: boolean;
    /** What changed, with 1-based lines of the input. */
    readonly changes: readonly ReportedItem[];
    /** What was deliberately left alone, and why. */
    readonly skipped: readonly ReportedItem[];
    /** Why the whole text was left alone (empty, not a Dockerfile, a template...), if it was. */
    readonly reason?: string;
}
/**
 * Runs transforms over one Dockerfile's text, without touching the disk: the CLI's engine for
 * scripts and editors. Throws on an unknown transform id, a bad option value, or a transform
 * that fails.
 */
export declare function transform(source: string, settings?: TransformTextOptions): TransformTextResult;
