import { BuildKit } from '../io/buildkit.js';
import { encodeDockerfile } from '../io/read.js';
import type { FileResult } from './pipeline.js';

export { BuildKit, EngineError, type BuildKitOptions, type BuildKitVerdict, type EngineAddress } from '../io/buildkit.js';

/**
 * A changed file as BuildKit judges it: as it was when BuildKit accepts the output; otherwise an
 * error with BuildKit's message and without the output, so that nothing writes or prints it. When the
 * output is rejected, the original is checked too, to tell the user whether the rewrite is to blame.
 */
export async function verifiedResult(result: FileResult, buildkit: BuildKit): Promise<FileResult> {
  if (result.status !== 'changed' || result.output === undefined) return result;
  // The bytes --write would put on disk.
  const bytes = (text: string) => encodeDockerfile(text, result.encoding ?? 'utf8');
  try {
    const verdict = await buildkit.check(bytes(result.output));
    if (verdict.accepted) return result;
    const before = result.original === undefined ? undefined : await buildkit.check(bytes(result.original));
    // Then the file on disk is at fault, and its own line numbers are the ones to give.
    if (before && !before.accepted) return rejected(result, `BuildKit rejects this file before the rewrite too: ${before.message}${frontendNote(verdict)}`);
    return rejected(result, `BuildKit rejects the rewritten file: ${verdict.message}${quotedLine(verdict.message, result.output)}${frontendNote(verdict)}`);
  } catch (error) {
    return rejected(result, `--verify: ${(error as Error).message}`);
  }
}

function rejected(result: FileResult, error: string): FileResult {
  return { ...result, status: 'error', output: undefined, error };
}

/** The rewritten line BuildKit names: the user never sees the rewritten file otherwise. */
function quotedLine(message: string, output: string): string {
  const line = /\bline (\d+)/.exec(message);
  const text = line ? output.split('\n')[Number(line[1]) - 1]?.trim() : undefined;
  if (!text) return '';
  return ` (line ${line![1]} of the rewritten file: ${text.length > 120 ? `${text.slice(0, 117)}...` : text})`;
}

/** Heredocs and newer flags need the frontend the directive names; the engine's own may be older. */
function frontendNote(verdict: { readonly syntax?: string }): string {
  return verdict.syntax === undefined ? '' : ` (checked with the engine's built-in Dockerfile frontend, not ${verdict.syntax} that # syntax names)`;
}
