import { resolve } from 'node:path';
import { outputBytes, transformBytes } from '../engine/process-files.js';
import { verifiedResult, type BuildKit } from '../engine/verify.js';
import { Reporter, type ReportFormat } from '../output/reporter.js';
import type { Mode } from '../output/types.js';
import type { RunSettings } from '../config/settings.js';
import { EXIT, type CliEnvironment } from './environment.js';
import { packageVersion } from './version.js';

async function readAll(stream: AsyncIterable<Buffer | string>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}

/**
 * Editor and pre-commit integration: one Dockerfile on stdin, reported under `path` by the same
 * formatters as files on disk; in the text format the result is the rewritten file itself.
 */
export async function runOnStdin(path: string, mode: Mode, settings: RunSettings<ReportFormat>, environment: CliEnvironment, buildkit?: BuildKit): Promise<number> {
  const { stdout, stderr } = environment;
  if (mode === 'write') {
    stderr.write('dockerfile-codemod: --write does not go with --stdin-filepath: the result is printed on stdout\n');
    return EXIT.failure;
  }
  const bytes = await readAll(environment.stdin ?? process.stdin);
  const absolutePath = resolve(environment.cwd, path);
  // An ignored path comes back as it was, as Prettier does: editors send every file.
  const plan = settings.config?.isIgnored(absolutePath) ? { transforms: [] } : settings.planFor(absolutePath);
  const transformed = transformBytes(path, bytes, plan.transforms, plan.options, { allowInvalidUtf8: settings.allowInvalidUtf8 });
  const result = buildkit ? await verifiedResult(transformed, buildkit) : transformed;
  const reporter = new Reporter(settings.format, {
    mode,
    color: false,
    verbosity: 'quiet',
    stdout,
    stderr,
    toolVersion: packageVersion(),
    transforms: settings.transforms,
    // Bytes: a file that is not UTF-8 (--allow-invalid-utf8, or an error) comes back byte for byte.
    stdin: { output: outputBytes(result) ?? bytes },
  });
  reporter.file(result);
  reporter.finish();
  if (result.status === 'error') return EXIT.failure;
  if ((mode === 'check' || mode === 'list-different') && result.status === 'changed') return EXIT.wouldChange;
  return EXIT.ok;
}
