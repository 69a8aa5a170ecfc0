import type { Transform } from '../engine/transform.js';
/** A `--transform` value that names a module file rather than a built-in id. */
export declare function isModulePath(value: string): boolean;
/**
 * Imports a custom transform module: its default export (or its `transform` export) must
 * implement the Transform interface, as the built-ins do. `specifier` is relative to `baseDirectory`.
 * This runs the module's code: only modules the user named (a flag or their config file) get here.
 */
export declare function loadTransform(specifier: string, baseDirectory: string): Promise<Transform>;
