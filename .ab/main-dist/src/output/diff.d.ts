export interface DiffStyle {
    readonly color: boolean;
}
/**
 * A unified diff with git-style `a/` and `b/` headers, exactly as `git apply` takes it. Line
 * endings are part of each line, so CRLF files diff and apply byte for byte.
 */
export declare function unifiedDiff(path: string, before: string, after: string, style?: DiffStyle): string;
