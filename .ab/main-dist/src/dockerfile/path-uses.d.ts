import { type Invocation } from '../shell/invocations.js';
/**
 * What a command does to a path it names:
 * - `delete`: removes it (`rm`, `rmdir`, `find ... -delete`);
 * - `move`: takes it away (`mv`'s sources);
 * - `write`: creates or overwrites it (`cp`, `mv`, `ln`, `install` destinations, `curl -o`, `git clone`);
 * - `extract`: unpacks an archive of unknown content into it (`tar -x -C`, `unzip -d`);
 * - `modify`: changes owners or modes below it (`chown -R`, `chmod -R`).
 */
export type PathUseKind = 'delete' | 'move' | 'write' | 'extract' | 'modify';
export interface PathUse {
    readonly kind: PathUseKind;
    /** The absolute path or glob, variables expanded; undefined when it cannot be known statically. */
    readonly pattern: string | undefined;
    /** The operand as written. */
    readonly written: string;
    readonly invocation: Invocation;
    /** Index of the operand in `invocation.argv`; -1 for the target of an output redirection. */
    readonly index: number;
    /**
     * An unpack into the working directory, no directory named (`tar xf src.tgz`): where files land
     * depends on the archive's own paths, usually a top folder of its own.
     */
    readonly implicit?: boolean;
}
/** Expands `~` and variables in a word for one command; undefined when a value is unknown. */
export type WordExpander = (word: string, invocation: Invocation) => string | undefined;
/**
 * Every path the commands of a RUN delete, move, write, unpack into or change recursively, in
 * command order, resolved against the working directory (followed through `cd`).
 */
export declare function pathUses(invocations: readonly Invocation[], workdir: string, expand: WordExpander): PathUse[];
/** True when the glob `pattern` can name `path` itself or a directory above it: deleting it takes `path` away. */
export declare function mayCover(pattern: string, path: string): boolean;
/** True when the glob `pattern` can name something strictly inside `path`. */
export declare function mayLieWithin(pattern: string, path: string): boolean;
/** True when `pattern` names exactly `path`, without any glob. */
export declare function isExactly(pattern: string, path: string): boolean;
