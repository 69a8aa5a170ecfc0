import type { Formatter, FormatterContext } from '../types.js';
/** Exactly what `git apply` takes on stdout; errors and the summary on stderr. */
export declare function patchFormatter({ stdout, stderr, mode, stdin }: FormatterContext): Formatter;
