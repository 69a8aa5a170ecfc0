import type { FileResult } from '../engine/pipeline.js';
import type { Mode, Summary } from './types.js';

/** The one-line summary every human-readable format ends with, on stderr. */
export function summaryLine(summary: Summary, mode: Mode): string {
  const parts = [`${summary.changed} ${mode === 'write' ? 'changed (written)' : mode === 'check' ? 'would change' : 'changed'}`, `${summary.unchanged} unchanged`];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.errors > 0) parts.push(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
  if (summary.warnings > 0) parts.push(`${summary.warnings} warning${summary.warnings === 1 ? '' : 's'}`);
  if (summary.ignored > 0) {
    const why = Object.entries(summary.ignoredBy).map(([source, count]) => `${source}: ${count}`);
    parts.push(`${summary.ignored} ignored (${why.join(', ')})`);
  }
  const tail = mode === 'dry-run' && summary.changed > 0 ? ' (dry run: nothing written; --write applies it)' : '';
  return `${parts.join(', ')}${tail}`;
}

/** A file's warnings as `path:line: warning: message` lines, for the formats that write text to stderr. */
export function warningLines(result: FileResult): string {
  return (result.warnings ?? []).map((warning) => `${result.path}:${warning.line}: warning: ${warning.message}\n`).join('');
}
