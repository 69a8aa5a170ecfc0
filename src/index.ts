/**
 * The library API: the engine and transforms the CLI uses, without any disk access.
 *
 *   import { transform } from 'dockerfile-codemod';
 *   const { output, changes, skipped } = transform(text);
 *   const checked = await transformAndVerify(text); // and BuildKit accepts the output
 *
 * Everything a transform may build on (`./toolkit.js`) is exported too, so that a custom
 * transform can do what the built-in ones do.
 */
export { transform, transformAndVerify, BuildKit, EngineError, type BuildKitOptions, type BuildKitVerdict, type TransformTextOptions, type TransformTextResult, type VerifyTextOptions } from './library.js';
export { TransformTester, type ExpectedItem, type TransformTestCase, type TransformTesterSettings } from './tester.js';
export { BUILTIN_TRANSFORMS as transforms, findTransform } from '../transforms/index.js';
export { transformContent, type FileResult, type FileStatus, type ReportedItem } from './engine/pipeline.js';
export type { TransformOptions } from './engine/options.js';
export { unifiedDiff } from './output/diff.js';
export * from './toolkit.js';
// What cache-mounts knows about package managers, which no-cache-flags builds on too.
export { PACKAGE_MANAGERS as packageManagers } from '../transforms/cache-mounts/package-managers/index.js';
export { detectAll, targetContextFor, type Detection, type PackageManager } from '../transforms/cache-mounts/package-manager.js';
