import { isAbsolute } from 'node:path';
import { pathToFileURL } from 'node:url';
import { diffLines } from 'diff';
import type { FileResult, ReportedItem } from '../../engine/pipeline.js';
import type { Transform } from '../../engine/transform.js';
import { changeLevel, RuleTable } from '../rules.js';
import { summaryLine } from '../summary.js';
import type { Formatter, FormatterContext, Mode, Output } from '../types.js';

/** The README as the package page shows it. */
const INFORMATION_URI = 'https://www.npmjs.com/package/dockerfile-codemod';
const SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';

/** The SARIF 2.1.0 objects this tool writes, with only the properties it sets. */
export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: '%SRCROOT%';
}

export interface SarifRegion {
  readonly startLine: number;
  readonly startColumn?: number;
  readonly endLine?: number;
  readonly endColumn?: number;
  readonly charOffset?: number;
  readonly charLength?: number;
}

export interface SarifLocation {
  readonly physicalLocation: { readonly artifactLocation: SarifArtifactLocation; readonly region?: SarifRegion };
}

export interface SarifReplacement {
  readonly deletedRegion: SarifRegion;
  readonly insertedContent: { readonly text: string };
}

export interface SarifFix {
  readonly description: SarifMessage;
  readonly artifactChanges: readonly { readonly artifactLocation: SarifArtifactLocation; readonly replacements: readonly SarifReplacement[] }[];
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex?: number;
  readonly level: 'warning' | 'note';
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly fixes?: readonly SarifFix[];
}

export interface SarifNotification {
  readonly level: 'error' | 'warning' | 'note';
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: { readonly driver: { readonly name: string; readonly version: string; readonly rules: readonly { readonly id: string }[] } };
    readonly results: readonly SarifResult[];
    readonly invocations: readonly { readonly executionSuccessful: boolean; readonly toolExecutionNotifications: readonly SarifNotification[] }[];
  }[];
}

/** Lines of the original replaced by a hunk of a line diff against the output. */
interface Hunk {
  /** 1-based first line, and how many lines are deleted (0: an insertion before `line`). */
  readonly line: number;
  readonly lines: number;
  readonly start: number;
  readonly deleted: string;
  readonly inserted: string;
}

const BOM = '\uFEFF';
// Viewers count characters in the decoded text, which does not include a BOM.
const withoutBom = (content: string) => (content.startsWith(BOM) ? content.slice(1) : content);

/** Line-granular replacements that turn `before` into `after`; tools apply whole lines best. */
function lineHunks(before: string, after: string): Hunk[] {
  const hunks: Hunk[] = [];
  let open: { line: number; lines: number; start: number; deleted: string; inserted: string } | undefined;
  let offset = 0;
  let line = 1;
  for (const part of diffLines(withoutBom(before), withoutBom(after))) {
    if (!part.added && !part.removed) {
      if (open) hunks.push(open);
      open = undefined;
    }
    if (part.added) {
      open ??= { line, lines: 0, start: offset, deleted: '', inserted: '' };
      open.inserted += part.value;
      continue;
    }
    if (part.removed) {
      open ??= { line, lines: 0, start: offset, deleted: '', inserted: '' };
      open.deleted += part.value;
      open.lines += part.count;
    }
    offset += part.value.length;
    line += part.count;
  }
  if (open) hunks.push(open);
  return hunks;
}

/** Each hunk goes to the nearest change (the first on a tie), so that all fixes together give the output. */
function hunksPerChange(changes: readonly ReportedItem[], hunks: readonly Hunk[]): Hunk[][] {
  const assigned = changes.map((): Hunk[] => []);
  for (const hunk of hunks) {
    const last = hunk.line + Math.max(hunk.lines, 1) - 1;
    const distance = (change: ReportedItem) => Math.max(hunk.line - change.line, change.line - last, 0);
    let nearest = -1;
    changes.forEach((change, index) => {
      if (nearest < 0 || distance(change) < distance(changes[nearest]!)) nearest = index;
    });
    assigned[nearest]?.push(hunk);
  }
  return assigned;
}

/** Both line/column (what viewers show) and character offsets (exact) for the deleted text. */
function replacement(hunk: Hunk): SarifReplacement {
  const lines = hunk.deleted.split('\n');
  return {
    deletedRegion: {
      startLine: hunk.line,
      startColumn: 1,
      endLine: hunk.line + lines.length - 1,
      endColumn: lines[lines.length - 1]!.length + 1,
      charOffset: hunk.start,
      charLength: hunk.deleted.length,
    },
    insertedContent: { text: hunk.inserted },
  };
}

/** Paths inside the working directory are relative to %SRCROOT%; others (outside it) are file URIs. */
function artifactLocation(path: string): SarifArtifactLocation {
  if (isAbsolute(path)) return { uri: pathToFileURL(path).href };
  return { uri: path.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' };
}

function sarifResult(rules: RuleTable, item: ReportedItem, level: SarifResult['level'], artifact: SarifArtifactLocation, hunks: readonly Hunk[]): SarifResult {
  const id = rules.ruleId(item);
  const index = rules.indexOf(id);
  return {
    ruleId: id,
    ...(index !== undefined ? { ruleIndex: index } : {}),
    level,
    // Code scanning shows one message per alert: the why goes with it.
    message: { text: item.detail ? `${item.message}. ${item.detail}` : item.message },
    locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: item.line } } }],
    ...(hunks.length > 0
      ? { fixes: [{ description: { text: item.message }, artifactChanges: [{ artifactLocation: artifact, replacements: hunks.map(replacement) }] }] }
      : {}),
  };
}

/**
 * Writes a SARIF 2.1.0 log with one run. Results are streamed as files come; only file-level
 * notifications (errors, skipped files) are held until the end, where the invocation needs them.
 */
export class SarifWriter {
  private results = 0;
  private readonly notifications: SarifNotification[] = [];
  private readonly rules: RuleTable;

  constructor(
    private readonly out: Output,
    private readonly mode: Mode,
    toolVersion: string,
    transforms: readonly Transform[],
  ) {
    this.rules = new RuleTable(transforms);
    const driver = {
      name: 'dockerfile-codemod',
      version: toolVersion,
      informationUri: INFORMATION_URI,
      rules: this.rules.rules.map((rule) => ({ ...rule, shortDescription: { text: rule.shortDescription } })),
    };
    // columnKind: columns and offsets are JavaScript string indices.
    out.write(
      `{\n  "$schema": "${SCHEMA}",\n  "version": "2.1.0",\n  "runs": [\n    {\n      "tool": { "driver": ${JSON.stringify(driver)} },\n      "columnKind": "utf16CodeUnits",\n      "results": [`,
    );
  }

  file(result: FileResult): void {
    const artifact = artifactLocation(result.path);
    for (const warning of result.warnings ?? []) {
      this.notifications.push({ level: 'warning', message: { text: warning.message }, locations: [{ physicalLocation: { artifactLocation: artifact, region: { startLine: warning.line } } }] });
    }
    if (result.status === 'error' || result.status === 'skipped') {
      this.notifications.push({
        level: result.status === 'error' ? 'error' : 'note',
        message: { text: result.status === 'error' ? `${result.error}` : `skipped: ${result.error}` },
        locations: [{ physicalLocation: { artifactLocation: artifact } }],
      });
      return;
    }
    // After --write the file on disk is the output already: fixes against the original would not apply.
    const { original, output } = result;
    const fixable = this.mode !== 'write' && original !== undefined && output !== undefined;
    const hunks = hunksPerChange(result.changes, fixable ? lineHunks(original, output) : []);
    const level = changeLevel(this.mode);
    result.changes.forEach((change, index) => this.write(sarifResult(this.rules, change, level, artifact, hunks[index]!)));
    for (const skip of result.skipped) this.write(sarifResult(this.rules, skip, 'note', artifact, []));
  }

  finish(): void {
    const invocation = {
      executionSuccessful: !this.notifications.some((notification) => notification.level === 'error'),
      toolExecutionNotifications: this.notifications,
    };
    this.out.write(`${this.results > 0 ? '\n      ' : ''}],\n      "invocations": [${JSON.stringify(invocation)}]\n    }\n  ]\n}\n`);
  }

  private write(result: SarifResult): void {
    this.out.write(`${this.results++ === 0 ? '\n' : ',\n'}        ${JSON.stringify(result)}`);
  }
}

/** A SARIF 2.1.0 log on stdout, for code scanning; the summary on stderr after the log is complete. */
export function sarifFormatter({ stdout, stderr, mode, toolVersion, transforms, stdin }: FormatterContext): Formatter {
  const writer = new SarifWriter(stdout, mode, toolVersion, transforms);
  return {
    file(result) {
      writer.file(result);
    },
    finish(summary) {
      writer.finish();
      if (!stdin) stderr.write(`${summaryLine(summary, mode)}\n`);
    },
  };
}
