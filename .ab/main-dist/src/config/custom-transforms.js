import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
/** A `--transform` value that names a module file rather than a built-in id. */
export function isModulePath(value) {
    return /^\.{1,2}[\\/]|^[\\/]|^[A-Za-z]:[\\/]/.test(value) || /\.[cm]?js$/.test(value);
}
/** Why `value` is not a Transform, or undefined when it is one. */
function shapeProblem(value) {
    if (typeof value !== 'object' || value === null)
        return 'the module exports no transform (export it as default, or as `transform`)';
    const candidate = value;
    if (typeof candidate.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(candidate.id))
        return '"id" must be a kebab-case string such as "pin-base-images"';
    if (typeof candidate.description !== 'string')
        return '"description" must be a string';
    if (typeof candidate.defaultOn !== 'boolean')
        return '"defaultOn" must be true or false';
    if (!Array.isArray(candidate.options))
        return '"options" must be an array (empty when there are none)';
    for (const [index, option] of candidate.options.entries()) {
        const spec = option;
        if (typeof spec?.name !== 'string' || !['string', 'number', 'boolean'].includes(spec.type) || typeof spec.default !== spec.type) {
            return `"options[${index}]" must have a name, a type (string, number or boolean) and a default of that type`;
        }
    }
    if (typeof candidate.apply !== 'function')
        return '"apply" must be a function (document, context) => { changes, skips }';
    if (candidate.mightApply !== undefined && typeof candidate.mightApply !== 'function')
        return '"mightApply" must be a function when present';
    return undefined;
}
/**
 * Imports a custom transform module: its default export (or its `transform` export) must
 * implement the Transform interface, as the built-ins do. `specifier` is relative to `baseDirectory`.
 * This runs the module's code: only modules the user named (a flag or their config file) get here.
 */
export async function loadTransform(specifier, baseDirectory) {
    const path = resolve(baseDirectory, specifier);
    let module;
    try {
        module = (await import(pathToFileURL(path).href));
    }
    catch (error) {
        const code = error.code;
        const reason = code === 'ERR_MODULE_NOT_FOUND' && error.message.includes(path) ? 'no such file' : error.message;
        throw new Error(`${specifier}: cannot load the transform module: ${reason}`);
    }
    // A CommonJS module's `module.exports = transform` arrives as the default export.
    const exported = module.default ?? module.transform;
    const problem = shapeProblem(exported);
    if (problem)
        throw new Error(`${specifier}: not a transform: ${problem}`);
    return exported;
}
//# sourceMappingURL=custom-transforms.js.map