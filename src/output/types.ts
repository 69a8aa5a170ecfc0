import type { FileResult } from '../engine/pipeline.js';
import type { Transform } from '../engine/transform.js';

/** What the run does with the changes it finds. */
export type Mode = 'dry-run' | 'write' | 'check' | 'list-different';

/**
 * `quiet`: errors and the summary only; `normal`: a line per change and skip (per changed file
 * with --check); `verbose`: those lines with each change's detail.
 */
export type Verbosity = 'quiet' | 'normal' | 'verbose';

export interface Summary {
  files: number;
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
}

export interface Output {
  write(data: string | Uint8Array): void;
}

/** What every formatter is given. */
export interface FormatterContext {
  readonly mode: Mode;
  readonly color: boolean;
  /** How much the human-readable formats say besides the result: see {@link Verbosity}. */
  readonly verbosity: Verbosity;
  readonly stdout: Output;
  readonly stderr: Output;
  /** The tool version a SARIF log names. */
  readonly toolVersion: string;
  /** The transforms of the run (built-in and custom): their ids and sub-rules are the rules reported. */
  readonly transforms: readonly Transform[];
  /**
   * Set when the one file came from stdin (editors, pre-commit): the text format prints these
   * bytes (the rewritten file, or the input when nothing could be made of it) instead of a diff,
   * and no format adds a summary line.
   */
  readonly stdin?: { readonly output: Uint8Array };
}

/**
 * One output format. Results arrive one file at a time, in a stable order, and are not kept:
 * a formatter streams what it can and holds only what its format needs at the end.
 */
export interface Formatter {
  /** Reports one file; `group` is its bulk-PR group when --group-by is in use. */
  file(result: FileResult, group?: string): void;
  /** Closes the output once every file was reported. */
  finish(summary: Summary): void;
}
