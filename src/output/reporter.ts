import { unifiedDiff } from './diff.js';
import { githubAnnotations } from './formats/github.js';
import type { FileResult, FileStatus } from '../engine/pipeline.js';
import { SarifWriter } from './formats/sarif.js';

export const REPORT_FORMATS = ['text', 'json', 'patch', 'sarif', 'github'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
export type Mode = 'dry-run' | 'write' | 'check' | 'list-different';

export interface Summary {
  files: number;
  changed: number;
  unchanged: number;
  skipped: number;
  errors: number;
}

export interface Output {
  write(text: string): void;
}

export interface ReporterSettings {
  readonly format: ReportFormat;
  readonly mode: Mode;
  readonly color: boolean;
  /** Leave out per-line notes about skipped optimisations (text format). */
  readonly quiet: boolean;
  readonly stdout: Output;
  readonly stderr: Output;
  /** The tool version a SARIF log names. */
  readonly toolVersion: string;
}

const STATUS_KEY: Record<FileStatus, keyof Omit<Summary, 'files'>> = {
  changed: 'changed',
  unchanged: 'unchanged',
  skipped: 'skipped',
  error: 'errors',
};

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
    ...(group !== undefined ? { group } : {}),
  };
}

/**
 * Receives file results one at a time and prints them in the chosen format. The JSON report is
 * streamed too: entries are written as they come, so memory does not grow with the file count.
 */
export class Reporter {
  readonly summary: Summary = { files: 0, changed: 0, unchanged: 0, skipped: 0, errors: 0 };
  private jsonEntries = 0;
  private readonly sarif: SarifWriter | undefined;

  constructor(private readonly settings: ReporterSettings) {
    if (settings.format === 'json') settings.stdout.write('{\n  "version": 1,\n  "files": [');
    this.sarif = settings.format === 'sarif' ? new SarifWriter(settings.stdout, settings.mode, settings.toolVersion) : undefined;
  }

  /** A problem with a command-line operand (a path that does not exist). */
  operandError(operand: string, message: string): void {
    this.file({ path: operand, status: 'error', changes: [], skipped: [], error: message });
  }

  /** Reports one file; `group` is its bulk-PR group when --group-by is in use. */
  file(result: FileResult, group?: string): void {
    const { settings } = this;
    this.count(result);
    switch (settings.format) {
      case 'json':
        settings.stdout.write(`${this.jsonEntries++ === 0 ? '\n' : ',\n'}    ${JSON.stringify(jsonEntry(result, group))}`);
        return;
      case 'patch':
        if (result.status === 'error') settings.stderr.write(`${result.path}: error: ${result.error}\n`);
        else if (result.status === 'changed') settings.stdout.write(unifiedDiff(result.path, result.original!, result.output!));
        return;
      case 'sarif':
        this.sarif?.file(result);
        return;
      case 'github':
        settings.stdout.write(githubAnnotations(result, settings.mode));
        return;
      case 'text':
        this.text(result);
    }
  }

  private count(result: FileResult): void {
    this.summary.files++;
    this.summary[STATUS_KEY[result.status]]++;
  }

  private text(result: FileResult): void {
    const { stdout, stderr, mode, quiet, color } = this.settings;
    if (result.status === 'error') {
      stderr.write(`${result.path}: error: ${result.error}\n`);
      return;
    }
    if (result.status === 'skipped') {
      if (!quiet) stderr.write(`${result.path}: skipped: ${result.error}\n`);
      return;
    }
    if (mode === 'list-different') {
      if (result.status === 'changed') stdout.write(`${result.path}\n`);
      return;
    }
    if (!quiet) {
      for (const change of result.changes) stderr.write(`${result.path}:${change.line}: ${change.transform}: ${change.message}\n`);
      for (const skip of result.skipped) stderr.write(`${result.path}:${skip.line}: ${skip.transform}: skipped: ${skip.message}\n`);
    }
    if (mode === 'dry-run' && result.status === 'changed') stdout.write(unifiedDiff(result.path, result.original!, result.output!, { color }));
  }

  /** Closes the report: the JSON summary, or the one-line summary on stderr (after the SARIF log's end). */
  finish(): void {
    const { settings, summary } = this;
    if (settings.format === 'json') {
      settings.stdout.write(`${this.jsonEntries > 0 ? '\n  ' : ''}],\n  "summary": ${JSON.stringify(summary)}\n}\n`);
      return;
    }
    this.sarif?.finish();
    if (settings.mode === 'list-different' && settings.format === 'text') return;
    settings.stderr.write(`${summaryLine(summary, settings.mode)}\n`);
  }
}

export function summaryLine(summary: Summary, mode: Mode): string {
  const parts = [`${summary.changed} ${mode === 'write' ? 'changed (written)' : mode === 'check' ? 'would change' : 'changed'}`, `${summary.unchanged} unchanged`];
  if (summary.skipped > 0) parts.push(`${summary.skipped} skipped`);
  if (summary.errors > 0) parts.push(`${summary.errors} error${summary.errors === 1 ? '' : 's'}`);
  const tail = mode === 'dry-run' && summary.changed > 0 ? ' (dry run: nothing written; --write applies it)' : '';
  return `${parts.join(', ')}${tail}`;
}
