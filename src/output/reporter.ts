import type { FileResult, FileStatus } from '../engine/pipeline.js';
import { githubFormatter } from './formats/github.js';
import { jsonFormatter } from './formats/json.js';
import { patchFormatter } from './formats/patch.js';
import { sarifFormatter } from './formats/sarif.js';
import { textFormatter } from './formats/text.js';
import type { Formatter, FormatterContext, Summary } from './types.js';

/** Every output format, by its --format name: one formatter each, behind one interface. */
const FORMATTERS = {
  text: textFormatter,
  json: jsonFormatter,
  patch: patchFormatter,
  sarif: sarifFormatter,
  github: githubFormatter,
} as const satisfies Record<string, (context: FormatterContext) => Formatter>;

export type ReportFormat = keyof typeof FORMATTERS;
export const REPORT_FORMATS = Object.keys(FORMATTERS) as ReportFormat[];

const STATUS_KEY: Record<FileStatus, 'changed' | 'unchanged' | 'skipped' | 'errors'> = {
  changed: 'changed',
  unchanged: 'unchanged',
  skipped: 'skipped',
  error: 'errors',
};

/** Counts file results and hands them to the chosen format's formatter. */
export class Reporter {
  readonly summary: Summary = { files: 0, changed: 0, unchanged: 0, skipped: 0, errors: 0, ignored: 0, ignoredBy: {}, warnings: 0 };
  private readonly formatter: Formatter;

  constructor(format: ReportFormat, context: FormatterContext) {
    this.formatter = FORMATTERS[format](context);
  }

  /** A problem with a command-line operand (a path that does not exist). */
  operandError(operand: string, message: string): void {
    this.file({ path: operand, status: 'error', changes: [], skipped: [], error: message });
  }

  /** Dockerfiles ignore rules left out, by the source of the rules; the summary says how many and why. */
  ignored(counts: Readonly<Record<string, number | undefined>>): void {
    for (const [source, count] of Object.entries(counts)) {
      if (!count) continue;
      this.summary.ignored += count;
      this.summary.ignoredBy[source] = (this.summary.ignoredBy[source] ?? 0) + count;
    }
  }

  file(result: FileResult, group?: string): void {
    this.summary.files++;
    this.summary.warnings += result.warnings?.length ?? 0;
    this.summary[STATUS_KEY[result.status]]++;
    this.formatter.file(result, group);
  }

  finish(): void {
    this.formatter.finish(this.summary);
  }
}
