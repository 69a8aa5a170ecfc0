import { posix } from 'node:path';
/** A clean absolute path; relative paths are resolved against `workdir` as BuildKit does. */
export function resolvePath(path, workdir = '/') {
    return posix.resolve(workdir, path);
}
/** True when `inner` is `outer` or lies below it. */
export function isWithin(inner, outer) {
    const a = posix.normalize(inner);
    const b = posix.normalize(outer);
    return a === b || a.startsWith(b.endsWith('/') ? b : `${b}/`);
}
/** The directories above an absolute path, nearest first, without the root: /a/b/c → /a/b, /a. */
export function ancestors(path) {
    const found = [];
    for (let child = path, parent = posix.dirname(path); parent !== child && parent !== '/'; child = parent, parent = posix.dirname(parent))
        found.push(parent);
    return found;
}
//# sourceMappingURL=paths.js.map