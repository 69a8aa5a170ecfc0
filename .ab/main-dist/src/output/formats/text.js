import { unifiedDiff } from '../diff.js';
import { summaryLine } from '../summary.js';
/**
 * The default: diffs on stdout (dry run), per-line notes and the summary on stderr; paths only
 * with -l. For stdin, the rewritten file itself on stdout.
 */
export function textFormatter({ stdout, stderr, mode, quiet, color, stdin }) {
    return {
        file(result) {
            if (stdin && mode === 'dry-run')
                stdout.write(stdin.output);
            if (result.status === 'error') {
                stderr.write(`${result.path}: error: ${result.error}\n`);
                return;
            }
            if (result.status === 'skipped') {
                if (!quiet || stdin)
                    stderr.write(`${result.path}: skipped: ${result.error}\n`);
                return;
            }
            if (mode === 'list-different') {
                if (result.status === 'changed')
                    stdout.write(`${result.path}\n`);
                return;
            }
            if (!quiet) {
                for (const change of result.changes)
                    stderr.write(`${result.path}:${change.line}: ${change.transform}: ${change.message}\n`);
                for (const skip of result.skipped)
                    stderr.write(`${result.path}:${skip.line}: ${skip.transform}: skipped: ${skip.message}\n`);
            }
            if (mode === 'dry-run' && result.status === 'changed' && !stdin)
                stdout.write(unifiedDiff(result.path, result.original, result.output, { color }));
        },
        finish(summary) {
            if (mode !== 'list-different' && !stdin)
                stderr.write(`${summaryLine(summary, mode)}\n`);
        },
    };
}
//# sourceMappingURL=text.js.map