import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Transform } from '../engine/transform.js';

/** A `--transform` value that names a module file rather than a built-in id. */
export function isModulePath(value: string): boolean {
  return /^\.{1,2}[\\/]|^[\\/]|^[A-Za-z]:[\\/]/.test(value) || /\.[cm]?js$/.test(value);
}

/** Why `value` is not a Transform, or undefined when it is one. */
function shapeProblem(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null) return 'the module exports no transform (export it as default, or as `transform`)';
  const candidate = value as Partial<Record<keyof Transform, unknown>>;
  if (typeof candidate.id !== 'string' || !/^[a-z][a-z0-9-]*$/.test(candidate.id)) return '"id" must be a kebab-case string such as "pin-base-images"';
  if (typeof candidate.description !== 'string') return '"description" must be a string';
  if (typeof candidate.defaultOn !== 'boolean') return '"defaultOn" must be true or false';
  if (!Array.isArray(candidate.options)) return '"options" must be an array (empty when there are none)';
  for (const [index, option] of (candidate.options as unknown[]).entries()) {
    const spec = option as Record<string, unknown>;
    if (typeof spec?.name !== 'string' || !['string', 'number', 'boolean'].includes(spec.type as string) || typeof spec.default !== spec.type) {
      return `"options[${index}]" must have a name, a type (string, number or boolean) and a default of that type`;
    }
  }
  if (candidate.runsAfter !== undefined && !(Array.isArray(candidate.runsAfter) && candidate.runsAfter.every((id) => typeof id === 'string'))) {
    return '"runsAfter" must be an array of transform ids when present';
  }
  if (typeof candidate.apply !== 'function') return '"apply" must be a function (document, context) => { changes, skips }';
  if (candidate.mightApply !== undefined && typeof candidate.mightApply !== 'function') return '"mightApply" must be a function when present';
  return undefined;
}

/**
 * Imports a custom transform module: its default export (or its `transform` export) must
 * implement the Transform interface, as the built-ins do. `specifier` is relative to `baseDirectory`.
 * This runs the module's code: only modules the user named (a flag or their config file) get here.
 */
export async function loadTransform(specifier: string, baseDirectory: string): Promise<Transform> {
  const path = resolve(baseDirectory, specifier);
  let module: { default?: unknown; transform?: unknown };
  try {
    module = (await import(pathToFileURL(path).href)) as typeof module;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ERR_MODULE_NOT_FOUND' && (error as Error).message.includes(path) ? 'no such file' : (error as Error).message;
    throw new Error(`${specifier}: cannot load the transform module: ${reason}`);
  }
  // A CommonJS module's `module.exports = transform` arrives as the default export.
  const exported = module.default ?? module.transform;
  const problem = shapeProblem(exported);
  if (problem) throw new Error(`${specifier}: not a transform: ${problem}`);
  return exported as Transform;
}
