import type { Transform } from '../src/toolkit.js';
/**
 * Built-in transforms in their default order: no-cache-flags acts on the mounts cache-mounts added,
 * and `syntax` runs last so that in `auto` mode it sees them too.
 */
export declare const BUILTIN_TRANSFORMS: readonly Transform[];
export declare function findTransform(id: string): Transform | undefined;
