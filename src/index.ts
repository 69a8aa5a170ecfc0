/** The library API: the same engine and transforms the CLI uses, without any disk access. */
export { DockerfileDocument } from './document.js';
export { applyEdits, insertAt, type TextEdit } from './edits.js';
export { BUILTIN_TRANSFORMS as transforms, findTransform } from './registry.js';
export { transformContent, type FileResult, type FileStatus, type ReportedItem, type TransformOptions } from './run.js';
export { unifiedDiff } from './diff.js';
export type { Change, OptionSpec, OptionValue, Skip, Transform, TransformContext, TransformResult } from './transform.js';
