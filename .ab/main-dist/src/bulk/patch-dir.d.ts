import type { FileResult } from '../engine/pipeline.js';
/**
 * Writes one `<group>.patch` (what `git apply` takes) and one `<group>.md` (a pull-request title on
 * the first line, then its body) per group. Diffs are appended as results arrive, so only the
 * per-file change lists stay in memory.
 */
export declare class PatchDirectory {
    private readonly dir;
    private readonly version;
    private readonly groups;
    private pending;
    constructor(dir: string, version: string);
    add(result: FileResult, group: string): void;
    finish(): Promise<string[]>;
}
