import { optionProblems, ruleById, selectionOf, transformEntries, type TransformOptions } from './engine/options.js';
import { ruleIds, type FileWarning } from './engine/ignores.js';
import { BUILTIN_TRANSFORMS } from '../transforms/index.js';
import { orderTransforms } from './engine/ordering.js';
import { transformContent, type FileResult, type ReportedItem } from './engine/pipeline.js';
import type { Transform } from './engine/transform.js';
import { BuildKit, verifiedResult } from './engine/verify.js';

export { BuildKit, EngineError, type BuildKitOptions, type BuildKitVerdict } from './engine/verify.js';

export interface TransformTextOptions {
  /** Transforms to run: built-in ids, sub-rule ids (`cache-mounts/pip`) or Transform objects, run in the order their `runsAfter` gives. Default: the default-on built-ins. */
  readonly transforms?: readonly (string | Transform)[];
  /** Option values per transform id, e.g. `{ 'cache-mounts': { pipCacheTarget: '/root/.cache' } }`. */
  readonly options?: TransformOptions;
  /** The file's path, used in messages only. */
  readonly path?: string;
}

export interface TransformTextResult {
  /** The rewritten text (the input itself when nothing changed). */
  readonly output: string;
  readonly changed: boolean;
  /** What changed, with 1-based lines of the input. */
  readonly changes: readonly ReportedItem[];
  /** What was deliberately left alone, and why. */
  readonly skipped: readonly ReportedItem[];
  /** Why the whole text was left alone (empty, not a Dockerfile, a template...), if it was. */
  readonly reason?: string;
  /** Problems that did not stop it: an unknown rule id in an ignore comment, with its 1-based line. */
  readonly warnings: readonly FileWarning[];
}

/**
 * Runs transforms over one Dockerfile's text, without touching the disk: the CLI's engine for
 * scripts and editors. Throws on an unknown transform id, a bad option value, or a transform
 * that fails.
 */
export function transform(source: string, settings: TransformTextOptions = {}): TransformTextResult {
  return textResult(source, runTransforms(source, settings));
}

export interface VerifyTextOptions extends TransformTextOptions {
  /** The engine to check with (`await BuildKit.connect({ timeoutMs })`); by default the one DOCKER_HOST names, else /var/run/docker.sock. */
  readonly buildkit?: BuildKit;
}

/**
 * `transform`, then, when the text changed, BuildKit's check of the output (as --verify does):
 * throws with BuildKit's message when it rejects the output, and when no engine answers.
 * Connect once with `BuildKit.connect()` and pass it as `buildkit` to check many files.
 */
export async function transformAndVerify(source: string, settings: VerifyTextOptions = {}): Promise<TransformTextResult> {
  const result = runTransforms(source, settings);
  if (result.status !== 'changed') return textResult(source, result);
  return textResult(source, await verifiedResult(result, settings.buildkit ?? (await BuildKit.connect())));
}

function runTransforms(source: string, settings: TransformTextOptions): FileResult {
  const objects = settings.transforms?.filter((entry): entry is Transform => typeof entry !== 'string') ?? [];
  const known = [...BUILTIN_TRANSFORMS, ...objects];
  const { transforms: selected, subRules } = settings.transforms
    ? selectionOf(settings.transforms.flatMap((entry) => (typeof entry === 'string' ? transformEntries([entry]).map((id) => ruleById(id, known)) : [{ transform: entry }])))
    : { transforms: BUILTIN_TRANSFORMS.filter((candidate) => candidate.defaultOn), subRules: undefined };
  const [problem] = optionProblems(settings.options ?? {}, known);
  if (problem) throw new Error(`options "${problem.key}": ${problem.problem}`);
  return transformContent(settings.path ?? 'Dockerfile', source, orderTransforms(selected, known), settings.options, { ...(subRules ? { subRules } : {}), knownRules: ruleIds(known) });
}

function textResult(source: string, result: FileResult): TransformTextResult {
  if (result.status === 'error') throw new Error(`${result.path}: ${result.error}`);
  return {
    output: result.output ?? source,
    changed: result.status === 'changed',
    changes: result.changes,
    skipped: result.skipped,
    ...(result.status === 'skipped' && result.error ? { reason: result.error } : {}),
    warnings: result.warnings ?? [],
  };
}
