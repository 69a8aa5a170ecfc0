import type { FileResult } from '../../engine/pipeline.js';
import { unifiedDiff } from '../diff.js';
import { summaryLine, warningLines } from '../summary.js';
import type { Formatter, FormatterContext, Summary } from '../types.js';

/**
 * The default: diffs on stdout (dry run), per-line notes and the summary on stderr; paths only
 * with -l. For stdin, the rewritten file itself on stdout.
 */
export function textFormatter({ stdout, stderr, mode, quiet, color, stdin }: FormatterContext): Formatter {
  return {
    file(result: FileResult) {
      if (stdin && mode === 'dry-run') stdout.write(stdin.output);
      stderr.write(warningLines(result));
      if (result.status === 'error') {
        stderr.write(`${result.path}: error: ${result.error}\n`);
        return;
      }
      if (result.status === 'skipped') {
        if (!quiet || stdin) stderr.write(`${result.path}: skipped: ${result.error}\n`);
        return;
      }
      if (mode === 'list-different') {
        if (result.status === 'changed') stdout.write(`${result.path}\n`);
        return;
      }
      if (!quiet) {
        for (const change of result.changes) stderr.write(`${result.path}:${change.line}: ${change.transform}: ${change.message}\n`);
        for (const skip of result.skipped) stderr.write(`${result.path}:${skip.line}: ${skip.transform}: skipped: ${skip.message}\n`);
      }
      if (mode === 'dry-run' && result.status === 'changed' && !stdin) stdout.write(unifiedDiff(result.path, result.original!, result.output!, { color }));
    },
    finish(summary: Summary) {
      if (mode !== 'list-different' && !stdin) stderr.write(`${summaryLine(summary, mode)}\n`);
    },
  };
}
