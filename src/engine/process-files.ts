import { decodeDockerfile, encodeDockerfile, readDockerfile, type DecodedText, type ReadFile, type TextEncoding } from '../io/read.js';
import { writeAtomically } from '../io/write.js';
import type { TransformOptions } from './options.js';
import { transformContent, type FileResult } from './pipeline.js';
import type { Transform } from './transform.js';
import { verifiedResult, type BuildKit } from './verify.js';

/** The transforms and option values for one file. */
export interface FilePlan {
  readonly transforms: readonly Transform[];
  readonly options?: TransformOptions;
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
  /** Check each changed file with this BuildKit before writing or reporting it (--verify). */
  readonly buildkit?: BuildKit;
}

/**
 * Reads, transforms and (with `write`) writes files, a bounded number at a time. Results are
 * handed to `onResult` in the order of `files`, so output is deterministic, and are not kept:
 * memory stays flat however many files there are.
 */
export async function processFiles(
  files: readonly { path: string; absolutePath: string }[],
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

async function processFile(file: { path: string; absolutePath: string }, settings: ProcessOptions): Promise<FileResult> {
  const { path, absolutePath } = file;
  const followSymlinks = settings.followSymlinks ?? false;
  let read: ReadFile;
  try {
    read = readDockerfile(absolutePath, { maxBytes: settings.maxFileBytes, allowInvalidUtf8: settings.allowInvalidUtf8, followSymlinks });
  } catch (error) {
    return { path, status: 'error', changes: [], skipped: [], error: (error as Error).message };
  }
  const plan = settings.planFor?.(absolutePath) ?? settings;
  const transformed = withEncoding(transformContent(path, read.content, plan.transforms, plan.options), read.encoding);
  const result = settings.buildkit ? await verifiedResult(transformed, settings.buildkit) : transformed;
  if (!settings.write || result.status !== 'changed' || result.output === undefined) return result;
  try {
    await writeAtomically(absolutePath, outputBytes(result)!, read, { followSymlinks });
    return result;
  } catch (error) {
    return { ...result, status: 'error', error: (error as Error).message };
  }
}

function withEncoding(result: FileResult, encoding: TextEncoding): FileResult {
  return encoding === 'latin1' ? { ...result, encoding } : result;
}

/** The bytes of a result's output, in the encoding its input was read with. */
export function outputBytes(result: FileResult): Uint8Array | undefined {
  return result.output === undefined ? undefined : encodeDockerfile(result.output, result.encoding ?? 'utf8');
}

/** `transformContent` for raw bytes (stdin): undecodable input is a file error, not an exception. */
export function transformBytes(
  path: string,
  bytes: Uint8Array,
  transforms: readonly Transform[],
  options: TransformOptions = {},
  decoding: { allowInvalidUtf8?: boolean } = {},
): FileResult {
  let decoded: DecodedText;
  try {
    decoded = decodeDockerfile(bytes, decoding);
  } catch (error) {
    return { path, status: 'error', changes: [], skipped: [], error: (error as Error).message };
  }
  const result = withEncoding(transformContent(path, decoded.content, transforms, options), decoded.encoding);
  if (result.encoding === undefined) return result;
  // Text a Latin-1 file cannot hold (a transform inserted it) fails this input here, not when printing.
  try {
    outputBytes(result);
    return result;
  } catch (error) {
    return { ...result, status: 'error', output: undefined, error: (error as Error).message };
  }
}
