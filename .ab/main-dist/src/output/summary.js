/** The one-line summary every human-readable format ends with, on stderr. */
export function summaryLine(summary, mode) {
    const parts = [`${summary.changed} ${mode === 'write' ? 'changed (written)' : mode === 'check' ? 'would change' : 'changed'}`, `${summary.unchanged} unchanged`];
    if (summary.skipped > 0)
        parts.push(`${summary.skipped} skipped`);
    if (summary.errors > 0)
        parts.push(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
    const tail = mode === 'dry-run' && summary.changed > 0 ? ' (dry run: nothing written; --write applies it)' : '';
    return `${parts.join(', ')}${tail}`;
}
//# sourceMappingURL=summary.js.map