import { cacheMounts } from './cache-mounts/index.js';
import { noCacheFlags } from './no-cache-flags/index.js';
import { syntax } from './syntax/index.js';
/**
 * Built-in transforms in their default order: no-cache-flags acts on the mounts cache-mounts added,
 * and `syntax` runs last so that in `auto` mode it sees them too.
 */
export const BUILTIN_TRANSFORMS = [cacheMounts, noCacheFlags, syntax];
export function findTransform(id) {
    return BUILTIN_TRANSFORMS.find((transform) => transform.id === id);
}
//# sourceMappingURL=index.js.map