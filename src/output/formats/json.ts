import type { FileResult } from '../../engine/pipeline.js';
import { unifiedDiff } from '../diff.js';
import type { Formatter, FormatterContext } from '../types.js';

/** The JSON report's entry for one file (`--format json`); fields are only ever added. */
export function jsonEntry(result: FileResult, group?: string): Record<string, unknown> {
  const diff = result.status !== 'error' && result.original !== undefined && result.output !== undefined ? unifiedDiff(result.path, result.original, result.output) : '';
  return {
    path: result.path,
    status: result.status,
    changes: result.changes,
    skipped: result.skipped,
    diff: diff === '' ? null : diff,
    error: result.error ?? null,
    warnings: result.warnings ?? [],
    ...(group !== undefined ? { group } : {}),
  };
}

/** The report for scripts, streamed entry by entry so that memory does not grow with the file count. */
export function jsonFormatter({ stdout }: FormatterContext): Formatter {
  let entries = 0;
  stdout.write('{\n  "version": 1,\n  "files": [');
  return {
    file(result, group) {
      stdout.write(`${entries++ === 0 ? '\n' : ',\n'}    ${JSON.stringify(jsonEntry(result, group))}`);
    },
    finish(summary) {
      stdout.write(`${entries > 0 ? '\n  ' : ''}],\n  "summary": ${JSON.stringify(summary)}\n}\n`);
    },
  };
}
