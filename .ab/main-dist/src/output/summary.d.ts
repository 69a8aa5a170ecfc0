import type { Mode, Summary } from './types.js';
/** The one-line summary every human-readable format ends with, on stderr. */
export declare function summaryLine(summary: Summary, mode: Mode): string;
