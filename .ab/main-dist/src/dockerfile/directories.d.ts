/** How the paths of a RUN are read: its working directory and variables. */
export interface PathContext {
    readonly workdir: string;
    /** Expands `$VAR` and `~`; undefined when the path cannot be known. */
    readonly expand: (word: string) => string | undefined;
}
/**
 * The directories a RUN makes with `mkdir` or `install -d`, with the ancestors `-p` makes. Whoever
 * made them, they exist afterwards, which is what a cache mount for a non-root user needs: BuildKit
 * creates a missing mount point owned by root and leaves it in the image.
 */
export declare function directoriesMadeBy(runArguments: string, context: PathContext): string[];
