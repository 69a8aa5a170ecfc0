import { cacheMounts } from './cache-mounts/index.js';
import { noCacheFlags } from './no-cache-flags/index.js';
import { syntax } from './syntax/index.js';
import type { Transform } from '../src/toolkit.js';

/**
 * Built-in transforms in their default order: no-cache-flags acts on the mounts cache-mounts added,
 * and `syntax` runs last so that in `auto` mode it sees them too.
 */
export const BUILTIN_TRANSFORMS: readonly Transform[] = [cacheMounts, noCacheFlags, syntax];

export function findTransform(id: string): Transform | undefined {
  return BUILTIN_TRANSFORMS.find((transform) => transform.id === id);
}
