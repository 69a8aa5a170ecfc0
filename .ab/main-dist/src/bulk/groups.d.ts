/** Partitions files for one pull request per group: by directory prefix, by CODEOWNERS, or not at all. */
export type GroupBy = {
    readonly kind: 'none';
} | {
    readonly kind: 'dir';
    readonly depth: number;
} | {
    readonly kind: 'codeowners';
};
export declare function parseGroupBy(value: string): GroupBy | undefined;
interface OwnerRule {
    readonly matches: (path: string) => boolean;
    readonly owners: readonly string[];
}
/** CODEOWNERS rules as GitHub reads them: gitignore-style patterns, the last matching rule wins. */
export declare function parseCodeowners(text: string): OwnerRule[];
export declare function ownersOf(rules: readonly OwnerRule[], path: string): readonly string[];
/** Returns a function from a file path (relative to `cwd`) to its group name. */
export declare function grouper(groupBy: GroupBy, cwd: string): Promise<(path: string) => string>;
export {};
