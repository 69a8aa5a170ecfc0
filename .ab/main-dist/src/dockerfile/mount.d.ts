/**
 * `--mount` values as BuildKit reads them: RFC-4180 CSV of `key=value` fields, keys
 * case-insensitive, no trimming, a later duplicate key wins, default type `bind`.
 */
export type MountOptions = ReadonlyMap<string, string | true>;
export declare function parseMountValue(value: string): MountOptions;
export declare function mountType(options: MountOptions): string;
export declare function mountTarget(options: MountOptions): string | undefined;
/** A cache mount to add. Fields are emitted in one canonical order. */
export interface CacheMountSpec {
    readonly target: string;
    /** The cache's identity when it is not the target path (BuildKit's default id). */
    readonly id?: string;
    readonly sharing?: 'shared' | 'private' | 'locked';
    readonly uid?: number;
    readonly gid?: number;
    readonly mode?: string;
}
/** The `--mount=` flag for a cache mount; paths are validated elsewhere to need no CSV quoting. */
export declare function formatCacheMount(spec: CacheMountSpec): string;
/** True for a path that can be written into a mount flag as is: absolute, no CSV or shell specials. */
export declare function isPlainAbsolutePath(path: string): boolean;
