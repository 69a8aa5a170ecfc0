import { unifiedDiff } from '../diff.js';
import { summaryLine, warningLines } from '../summary.js';
import type { Formatter, FormatterContext } from '../types.js';

/** Exactly what `git apply` takes on stdout; errors and the summary on stderr. */
export function patchFormatter({ stdout, stderr, mode, stdin }: FormatterContext): Formatter {
  return {
    file(result) {
      stderr.write(warningLines(result));
      if (result.status === 'error') stderr.write(`${result.path}: error: ${result.error}\n`);
      else if (result.status === 'changed') stdout.write(unifiedDiff(result.path, result.original!, result.output!));
    },
    finish(summary) {
      if (!stdin) stderr.write(`${summaryLine(summary, mode)}\n`);
    },
  };
}
