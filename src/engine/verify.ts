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
    const cause = before && !before.accepted ? 'BuildKit rejects this file before the rewrite too' : 'BuildKit rejects the rewritten file';
    // Heredocs and newer flags need the frontend the directive names; the engine's own may be older.
    const frontend = verdict.syntax === undefined ? '' : ` (checked with the engine's built-in Dockerfile frontend, not ${verdict.syntax} that # syntax names)`;
    return { ...result, status: 'error', output: undefined, error: `${cause}: ${verdict.message}${frontend}` };
  } catch (error) {
    return { ...result, status: 'error', output: undefined, error: `--verify: ${(error as Error).message}` };
  }
}
