import type { DockerfileDocument } from '../dockerfile/document.js';
import type { TextEdit } from './edits.js';

/**
 * What a transform proposes: edits plus the line (1-based, in the text it was given) and why.
 * `line` is the line the change edits (where a flag goes or a word is removed), not the
 * instruction's first line.
 */
export interface Change {
  readonly line: number;
  /** One short line, true in every mode (a noun phrase, not "added ..."): reports print it as is. */
  readonly message: string;
  /** The longer explanation, shown with --verbose and in the reports for scripts. */
  readonly detail?: string;
  readonly edits: readonly TextEdit[];
  /** The package manager or feature the change is about, for grouping in reports. */
  readonly topic?: string;
}

/** An optimisation the transform deliberately did not make, and why. */
export interface Skip {
  readonly line: number;
  readonly message: string;
  readonly detail?: string;
  readonly topic?: string;
}

export interface TransformResult {
  readonly changes: readonly Change[];
  readonly skips: readonly Skip[];
}

export type OptionValue = string | number | boolean;

/** A transform option. `name` is the camelCase key; the CLI flag is its kebab-case form. */
export interface OptionSpec {
  readonly name: string;
  readonly description: string;
  readonly type: 'string' | 'number' | 'boolean';
  readonly default: OptionValue;
  readonly choices?: readonly string[];
  /** Returns an error message when the value is unusable. */
  readonly validate?: (value: OptionValue) => string | undefined;
}

export interface TransformContext {
  /** Option values for this transform, defaults filled in. */
  readonly options: Readonly<Record<string, OptionValue>>;
  /** True when an inline `# dockerfile-codemod ignore[=ids]` comment exempts the instruction at this 0-based line. */
  isIgnored(line: number): boolean;
}

/**
 * A finer-grained rule of a transform, for reports and opt-outs: `cache-mounts/pip` covers the
 * changes and skips cache-mounts reports with the topic `pip`.
 */
export interface SubRule {
  /** The topic of the changes and skips it covers; the rule id is `<transform id>/<topic>`. */
  readonly topic: string;
  readonly description: string;
  /** Longer help, in Markdown. */
  readonly help?: string;
}

/**
 * What a transform tells the reviewer of a bulk pull request (`--patch-dir`, `bulk-pr`), so that
 * every transform, custom ones included, explains its own changes. Topics are those of the
 * transform's changes in the group, most frequent first.
 */
export interface PullRequestText {
  /** A short verb phrase for the title: "add cache mounts for pip and apt". */
  title(topics: readonly string[]): string;
  /** Markdown: what the change does and why. */
  description(topics: readonly string[]): string;
  /** What builders need once the change is in (BuildKit, a frontend image), if anything. */
  readonly requires?: string;
  /** What changes in the built image. */
  readonly image: string;
}

/** "pip", "pip and apt", "pip, apt and npm": a list as prose, for pull-request titles and text. */
export function proseList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/**
 * A transform is a pure function from a document to changes, self-contained like an ESLint rule.
 * It never does I/O and never re-prints the file: it only proposes text edits.
 */
export interface Transform {
  readonly id: string;
  readonly description: string;
  /** Runs when no `--transform` is given. */
  readonly defaultOn: boolean;
  readonly options: readonly OptionSpec[];
  /**
   * Ids of transforms whose result this one reads, so must run before it when both are selected
   * (`syntax` looks for the mounts `cache-mounts` adds). The engine orders by these, whatever
   * order the user gave.
   */
  readonly runsAfter?: readonly string[];
  /** Where the transform is documented, for SARIF rules and annotations. */
  readonly docsUrl?: string;
  readonly subRules?: readonly SubRule[];
  /** Its paragraph in bulk pull requests; without it, the description stands in. */
  readonly pullRequest?: PullRequestText;
  /**
   * A cheap test on the raw text: false means the transform cannot change this file, so the
   * engine need not parse it for this transform. Leave it out to always run.
   */
  mightApply?(text: string, options: Readonly<Record<string, OptionValue>>): boolean;
  /** Plain text for `--explain <id>`: how it decides and the facts behind it. */
  explain?(): string;
  apply(document: DockerfileDocument, context: TransformContext): TransformResult;
}
