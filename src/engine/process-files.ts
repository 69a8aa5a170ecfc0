import { dirname, join, relative } from 'node:path';
import { findTemplate, generatedMarker, templateOrBackupName, templateSyntaxLine } from '../io/generated.js';
import { decodeDockerfile, encodeDockerfile, readDockerfile, type DecodedText, type ReadFile, type TextEncoding } from '../io/read.js';
import { writeAtomically } from '../io/write.js';
import type { TransformOptions } from './options.js';
import { transformContent, type FileResult, type RuleScope } from './pipeline.js';
import type { SubRuleSelection, Transform } from './transform.js';
import { verifiedResult, type BuildKit } from './verify.js';

/** The transforms, sub-rules and option values for one file. */
export interface FilePlan {
  readonly transforms: readonly Transform[];
  readonly options?: TransformOptions;
  readonly subRules?: SubRuleSelection;
}

/** A file to process; `named` when the user named it on the command line rather than it being found. */
export interface FileToProcess {
  readonly path: string;
  readonly absolutePath: string;
  readonly named?: boolean;
}

export interface ProcessOptions extends FilePlan {
  /** Per-file transforms and options (config overrides); `transforms` and `options` otherwise. */
  readonly planFor?: (absolutePath: string) => FilePlan;
  /** Apply changes to disk. */
  readonly write: boolean;
  readonly maxFileBytes?: number;
  /** Transform files that are not valid UTF-8, keeping their other bytes exactly. */
  readonly allowInvalidUtf8?: boolean;
  /** Read and write files through symlinks; otherwise a symlinked file is an error. */
  readonly followSymlinks?: boolean;
  /** How many files are read at once. */
  readonly concurrency?: number;
  /**
   * Files that look generated, templates and backups: true transforms them all, false none (even
   * named ones: pre-commit names every staged file), undefined only those named.
   */
  readonly includeGenerated?: boolean;
  /** The rule ids ignore comments may name without a warning: the run's every transform, selected or not. */
  readonly knownRules?: ReadonlySet<string>;
  /** Check each changed file with this BuildKit before writing or reporting it (--verify). */
  readonly buildkit?: BuildKit;
}

/**
 * Reads, transforms and (with `write`) writes files, a bounded number at a time. Results are
 * handed to `onResult` in the order of `files`, so output is deterministic, and are not kept:
 * memory stays flat however many files there are.
 */
export async function processFiles(
  files: readonly FileToProcess[],
  settings: ProcessOptions,
  onResult: (result: FileResult) => void,
): Promise<void> {
  const concurrency = settings.concurrency ?? 16;
  const pending = new Map<number, FileResult>();
  let next = 0;
  let emitted = 0;
  const flush = () => {
    while (pending.has(emitted)) {
      onResult(pending.get(emitted)!);
      pending.delete(emitted);
      emitted++;
    }
  };
  const worker = async () => {
    while (next < files.length) {
      const index = next++;
      pending.set(index, await processFile(files[index]!, settings));
      flush();
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, files.length) }, worker));
}

async function processFile(file: FileToProcess, settings: ProcessOptions): Promise<FileResult> {
  const { path, absolutePath } = file;
  const followSymlinks = settings.followSymlinks ?? false;
  const leaveGenerated = !(settings.includeGenerated ?? file.named ?? false);
  // By name first: a backup or an editor's swap file need not even be readable.
  const byName = leaveGenerated ? templateOrBackupName(path) : undefined;
  if (byName) return { path, status: 'skipped', changes: [], skipped: [], error: `${byName}${INCLUDE_HINT}` };
  let read: ReadFile;
  try {
    read = readDockerfile(absolutePath, { maxBytes: settings.maxFileBytes, allowInvalidUtf8: settings.allowInvalidUtf8, followSymlinks });
  } catch (error) {
    return { path, status: 'error', changes: [], skipped: [], error: (error as Error).message };
  }
  const generated = leaveGenerated ? whyGenerated(file, read.content) : undefined;
  if (generated) return { path, status: 'skipped', changes: [], skipped: [], original: read.content, output: read.content, error: generated };
  const plan = settings.planFor?.(absolutePath) ?? settings;
  const transformed = withEncoding(transformContent(path, read.content, plan.transforms, plan.options, scopeOf(plan, settings.knownRules)), read.encoding);
  const result = settings.buildkit ? await verifiedResult(transformed, settings.buildkit) : transformed;
  if (!settings.write || result.status !== 'changed' || result.output === undefined) return result;
  try {
    await writeAtomically(absolutePath, outputBytes(result)!, read, { followSymlinks });
    return result;
  } catch (error) {
    return { ...result, status: 'error', error: (error as Error).message };
  }
}

const INCLUDE_HINT = '; name it on the command line or pass --include-generated to transform it anyway';

/** Why a file's content marks it as generated or a template, pointing at its source when it can be found; undefined otherwise. */
function whyGenerated(file: FileToProcess, content: string): string | undefined {
  const marker = generatedMarker(content);
  const templateLine = marker ? undefined : templateSyntaxLine(content);
  if (!marker && templateLine === undefined) return undefined;
  const what = marker ? `generated file (line ${marker.line}: "${marker.text}")` : `a template (template syntax on line ${templateLine})`;
  const source = findTemplate(file.absolutePath);
  // Shown next to the file's own path, as the user sees it.
  const shown = (target: string) => join(dirname(file.path), relative(dirname(file.absolutePath), target)).replace(/\\/g, '/');
  const edit = source && source.templates.length > 0 ? `edit ${source.templates.map(shown).join(' or ')}` : undefined;
  const regenerate = source?.generator ? `run ${shown(source.generator)}` : undefined;
  const instead = edit || regenerate ? `: ${[edit, regenerate].filter(Boolean).join(' and ')} instead` : '';
  return `${what}${instead}${INCLUDE_HINT}`;
}

function scopeOf(plan: FilePlan, knownRules: ReadonlySet<string> | undefined): RuleScope {
  return { ...(plan.subRules ? { subRules: plan.subRules } : {}), ...(knownRules ? { knownRules } : {}) };
}

function withEncoding(result: FileResult, encoding: TextEncoding): FileResult {
  return encoding === 'latin1' ? { ...result, encoding } : result;
}

/** The bytes of a result's output, in the encoding its input was read with. */
export function outputBytes(result: FileResult): Uint8Array | undefined {
  return result.output === undefined ? undefined : encodeDockerfile(result.output, result.encoding ?? 'utf8');
}

/** `transformContent` for raw bytes (stdin): undecodable input is a file error, not an exception. */
export function transformBytes(path: string, bytes: Uint8Array, plan: FilePlan, decoding: { allowInvalidUtf8?: boolean; knownRules?: ReadonlySet<string> } = {}): FileResult {
  let decoded: DecodedText;
  try {
    decoded = decodeDockerfile(bytes, decoding);
  } catch (error) {
    return { path, status: 'error', changes: [], skipped: [], error: (error as Error).message };
  }
  const result = withEncoding(transformContent(path, decoded.content, plan.transforms, plan.options, scopeOf(plan, decoding.knownRules)), decoded.encoding);
  if (result.encoding === undefined) return result;
  // Text a Latin-1 file cannot hold (a transform inserted it) fails this input here, not when printing.
  try {
    outputBytes(result);
    return result;
  } catch (error) {
    return { ...result, status: 'error', output: undefined, error: (error as Error).message };
  }
}
