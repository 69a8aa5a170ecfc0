/** Names that make a file a Dockerfile, matched case-insensitively. */
export declare const DOCKERFILE_PATTERNS: string[];
export declare const IGNORE_FILE = ".dockerfile-codemodignore";
export interface DiscoveryOptions {
    /** gitignore-style patterns to leave out, on top of .gitignore and .dockerfile-codemodignore. */
    readonly ignore?: readonly string[];
    /** Follow symlinked files and directories (loops are detected). */
    readonly followSymlinks?: boolean;
}
export interface DiscoveryResult {
    /** Files to process, sorted, as paths relative to `cwd` when they are inside it. */
    readonly files: string[];
    /** Operands that matched nothing or could not be read, with the reason. */
    readonly problems: {
        readonly operand: string;
        readonly message: string;
    }[];
}
export declare function isDockerfileName(name: string): boolean;
/**
 * Expands the operands of the command line: directories are searched for Dockerfiles (through git
 * inside a work tree, so .gitignore applies), explicit files are taken as they are whatever their
 * name, anything else is a glob.
 */
export declare function discover(operands: readonly string[], cwd: string, options?: DiscoveryOptions): Promise<DiscoveryResult>;
