import { cacheMounts } from '../transforms/cache-mounts/index.js';
import { syntax } from '../transforms/syntax/index.js';
import type { Transform } from './transform.js';

/**
 * Built-in transforms in their default order. `syntax` runs last so that in `auto` mode it sees
 * the mounts the other transforms added.
 */
export const BUILTIN_TRANSFORMS: readonly Transform[] = [cacheMounts, syntax];

export function findTransform(id: string): Transform | undefined {
  return BUILTIN_TRANSFORMS.find((transform) => transform.id === id);
}
