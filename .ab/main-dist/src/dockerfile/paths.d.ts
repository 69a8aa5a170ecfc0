/** A clean absolute path; relative paths are resolved against `workdir` as BuildKit does. */
export declare function resolvePath(path: string, workdir?: string): string;
/** True when `inner` is `outer` or lies below it. */
export declare function isWithin(inner: string, outer: string): boolean;
/** The directories above an absolute path, nearest first, without the root: /a/b/c → /a/b, /a. */
export declare function ancestors(path: string): string[];
