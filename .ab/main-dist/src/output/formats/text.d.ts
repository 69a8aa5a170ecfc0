import type { Formatter, FormatterContext } from '../types.js';
/**
 * The default: diffs on stdout (dry run), per-line notes and the summary on stderr; paths only
 * with -l. For stdin, the rewritten file itself on stdout.
 */
export declare function textFormatter({ stdout, stderr, mode, quiet, color, stdin }: FormatterContext): Formatter;
