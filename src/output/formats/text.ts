import type { FileResult } from '../../engine/pipeline.js';
import { unifiedDiff } from '../diff.js';
import { itemLine, listedItems } from '../items.js';
import { summaryLine } from '../summary.js';
import type { Formatter, FormatterContext, Summary } from '../types.js';

/**
 * The default: diffs on stdout (dry run); on stderr a line per change and skip (with --check, a
 * line per file that would change, as Prettier does), details with --verbose, and the summary.
 * Paths only with -l. For stdin, the rewritten file itself on stdout.
 */
export function textFormatter({ stdout, stderr, mode, verbosity, color, stdin }: FormatterContext): Formatter {
  const notes = verbosity !== 'quiet';
  // --check answers "which files?"; the changes themselves are one --verbose away.
  const perChange = verbosity === 'verbose' || (notes && mode !== 'check');
  const itemLines = (result: FileResult) =>
    listedItems(result).flatMap((listed) => [`${result.path}:${itemLine(listed)}\n`, ...(verbosity === 'verbose' && listed.detail ? [`    ${listed.detail}\n`] : [])]);
  return {
    file(result: FileResult) {
      if (stdin && mode === 'dry-run') stdout.write(stdin.output);
      if (result.status === 'error') {
        stderr.write(`${result.path}: error: ${result.error}\n`);
        return;
      }
      if (result.status === 'skipped') {
        if (notes || stdin) stderr.write(`${result.path}: skipped: ${result.error}\n`);
        return;
      }
      if (mode === 'list-different') {
        if (result.status === 'changed') stdout.write(`${result.path}\n`);
        return;
      }
      if (mode === 'check' && notes && result.status === 'changed') {
        stderr.write(`${result.path}: would change (${result.changes.length} change${result.changes.length === 1 ? '' : 's'})\n`);
      }
      if (perChange) stderr.write(itemLines(result).join(''));
      if (mode === 'dry-run' && result.status === 'changed' && !stdin) stdout.write(unifiedDiff(result.path, result.original!, result.output!, { color }));
    },
    finish(summary: Summary) {
      if (mode !== 'list-different' && !stdin) stderr.write(`${summaryLine(summary, mode)}\n`);
    },
  };
}
