import { DockerfileDocument } from '../dockerfile/document.js';
import { applyEdits, LineMap } from './edits.js';
import type { TransformOptions } from './options.js';
import { InlineIgnores, ruleIds, type FileWarning } from './ignores.js';
import { orderTransforms } from './ordering.js';
import type { OptionValue, SubRuleSelection, Transform, TransformContext } from './transform.js';

export type FileStatus = 'changed' | 'unchanged' | 'skipped' | 'error';

/** A change or skip as reported: which transform, where in the file on disk, and what. */
export interface ReportedItem {
  readonly transform: string;
  readonly line: number;
  readonly message: string;
  /** The longer explanation behind the message, when the transform gives one. */
  readonly detail?: string;
  readonly topic?: string;
}

export interface FileResult {
  readonly path: string;
  readonly status: FileStatus;
  readonly changes: readonly ReportedItem[];
  readonly skipped: readonly ReportedItem[];
  /** The file content before and after (BOM included); present unless reading failed. */
  readonly original?: string;
  readonly output?: string;
  /** Why the file is in error, or why it was skipped as a whole. */
  readonly error?: string;
  /** Set when the file is not UTF-8 and was read as Latin-1 (`allowInvalidUtf8`): how to turn `output` back into bytes. */
  readonly encoding?: 'latin1';
  /** Problems in the file that did not stop it: an unknown rule id in an ignore comment. */
  readonly warnings?: readonly FileWarning[];
}

/** A transform's option values, defaults filled in. */
function optionValues(transform: Transform, options: TransformOptions): Record<string, OptionValue> {
  const values: Record<string, OptionValue> = {};
  for (const spec of transform.options) values[spec.name] = options[transform.id]?.[spec.name] ?? spec.default;
  return values;
}

/** What a run selected beyond the transforms, and what ignore comments may name. */
export interface RuleScope {
  readonly subRules?: SubRuleSelection;
  /** The rule ids ignore comments may name without a warning; default: those of the transforms run. */
  readonly knownRules?: ReadonlySet<string>;
}

function contextFor(transform: Transform, document: DockerfileDocument, values: Readonly<Record<string, OptionValue>>, subRules: SubRuleSelection | undefined): TransformContext {
  const selected = subRules?.get(transform.id);
  // Lines move as transforms edit: the comments are read from the text this transform is given.
  let ignores: InlineIgnores | false | undefined;
  const isIgnored = (line: number, topic?: string) => {
    if (ignores === undefined) ignores = mayHaveIgnores(document.text) && new InlineIgnores(document);
    return ignores !== false && ignores.ignores(line, transform.id, topic);
  };
  const isSelected = (topic: string) => selected === undefined || selected.has(topic);
  return { options: values, isIgnored, isSelected, appliesAt: (line, topic) => isSelected(topic) && !isIgnored(line, topic) };
}

/** Opt-out comments name the tool: most files need no parsing for them. */
const mayHaveIgnores = (text: string) => text.includes('dockerfile-codemod');

const INSTRUCTIONS = new Set([
  'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG',
  'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);

/** Why a file is left alone as a whole, or undefined when transforms may run on it. */
function whyNotTransformable(document: DockerfileDocument): string | undefined {
  // Docker splits lines at LF only, dockerfile-ast also at a lone CR: edits could land mid-line for Docker.
  const bareCr = /\r(?!\n)/.exec(document.text);
  if (bareCr) return `contains a bare carriage return (CR without LF) on line ${document.lineAt(bareCr.index) + 1}, where Docker and the parser disagree about lines`;
  const instructions = document.ast.getInstructions();
  const unknown = instructions.find((instruction) => !INSTRUCTIONS.has(instruction.getKeyword()));
  if (unknown) {
    const line = unknown.getRange().start.line + 1;
    return `line ${line}: unknown instruction ${JSON.stringify(unknown.getInstruction())}: not a valid Dockerfile (a template?)`;
  }
  if (!instructions.some((instruction) => instruction.getKeyword() === 'FROM')) return 'no FROM instruction: not a Dockerfile';
  return undefined;
}

/**
 * Runs the transforms over one file's content until nothing changes, in the order their
 * `runsAfter` declarations give: each sees the result of the ones before it, and a transform runs
 * again whenever a later one edited the file after it. A file that does not reach a fixpoint
 * (transforms undoing each other's edits, or still editing after MAX_PASSES passes) is an error,
 * never written. Pure: no I/O. A transform that throws puts the file in error.
 */
export function transformContent(path: string, content: string, transforms: readonly Transform[], options: TransformOptions = {}, scope: RuleScope = {}): FileResult {
  try {
    return transformUnguarded(path, content, transforms, options, scope);
  } catch (error) {
    // The parser or the engine failing on one pathological file (a stack overflow, say) fails that file only.
    const message = error instanceof Error ? error.message : String(error);
    return { path, status: 'error', changes: [], skipped: [], original: content, error: `cannot process this file: ${message}` };
  }
}

/** How many passes over a file the engine makes at most before giving up on a fixpoint (ESLint's verifyAndFix makes 10). */
export const MAX_PASSES = 10;

const ids = (transforms: Iterable<Transform>) => [...new Set(transforms)].map((transform) => transform.id).join(', ');

function transformUnguarded(path: string, content: string, transforms: readonly Transform[], options: TransformOptions, scope: RuleScope): FileResult {
  let document = new DockerfileDocument(path, content);
  if (document.text.trim() === '') {
    return { path, status: 'skipped', changes: [], skipped: [], original: content, output: content, error: 'empty file' };
  }
  const optOuts = mayHaveIgnores(document.text) ? new InlineIgnores(document) : undefined;
  const warnings = optOuts?.unknownIds(scope.knownRules ?? ruleIds(transforms)) ?? [];
  const left = (status: 'unchanged' | 'skipped', reason?: string): FileResult => ({
    path,
    status,
    changes: [],
    skipped: [],
    original: content,
    output: content,
    ...(reason ? { error: reason } : {}),
    ...(warnings.length > 0 ? { warnings } : {}),
  });
  if (optOuts?.file === undefined && optOuts?.fileCommentLine !== undefined) {
    return left('skipped', `opted out by the dockerfile-codemod ignore-file comment on line ${optOuts.fileCommentLine + 1}`);
  }
  const ordered = orderTransforms(transforms);
  const values = new Map(ordered.map((transform) => [transform, optionValues(transform, options)]));
  const mightApply = (transform: Transform) => transform.mightApply?.(document.text, values.get(transform)!) ?? true;
  // Files no selected transform can touch are not parsed at all: most of a monorepo's files, usually.
  if (!ordered.some(mightApply)) return left('unchanged');
  const unusable = whyNotTransformable(document);
  if (unusable) return left('skipped', unusable);
  const failed = (error: string): FileResult => ({ path, status: 'error', changes: [], skipped: [], original: content, error, ...(warnings.length > 0 ? { warnings } : {}) });

  const changes: ReportedItem[] = [];
  // Each transform's skips from its last run: what is still left undone in the final text.
  const skips = new Map<Transform, ReportedItem[]>();
  const lineMaps: LineMap[] = [];
  const toOriginalLine = (line: number) => lineMaps.reduceRight((current, map) => map.toOriginal(current), line);
  // `editors[i]` made text version i + 1; `versions` maps every text seen to its version.
  const editors: Transform[] = [];
  const versions = new Map([[document.text, 0]]);
  // The version at which a transform last ran without editing: it need not run again until another edit.
  const cleanAt = new Map<Transform, number>();
  for (let pass = 1; ; pass++) {
    const editsBefore = editors.length;
    for (const transform of ordered) {
      if (cleanAt.get(transform) === editors.length) continue;
      cleanAt.set(transform, editors.length);
      if (!mightApply(transform)) {
        skips.delete(transform);
        continue;
      }
      let result;
      let context: TransformContext;
      let edited: { text: string; lines: LineMap } | undefined;
      try {
        context = contextFor(transform, document, values.get(transform)!, scope.subRules);
        result = transform.apply(document, context);
        const edits = result.changes.flatMap((change) => change.edits);
        // Applied here too: edits a transform got wrong (overlapping, out of range) fail this file only.
        if (edits.length > 0) edited = { text: applyEdits(document.text, edits), lines: new LineMap(document.text, edits) };
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        return failed(`transform ${transform.id} failed: ${message}`);
      }
      const report = (item: { line: number; message: string; detail?: string; topic?: string }): ReportedItem => ({
        transform: transform.id,
        line: toOriginalLine(item.line),
        message: item.message,
        ...(item.detail ? { detail: item.detail } : {}),
        ...(item.topic ? { topic: item.topic } : {}),
      });
      // Not push(...items): a spread of 100,000 items overflows the stack.
      for (const change of result.changes) changes.push(report(change));
      // Notes about sub-rules the user turned off are not theirs to read.
      skips.set(transform, result.skips.filter((skip) => skip.topic === undefined || context.appliesAt(skip.line - 1, skip.topic)).map(report));
      if (edited === undefined || edited.text === document.text) continue;
      editors.push(transform);
      const earlier = versions.get(edited.text);
      if (earlier !== undefined) {
        return failed(`does not converge: transforms ${ids(editors.slice(earlier))} undo each other's edits, so every pass changes the file again; deselect one of them or fix it`);
      }
      versions.set(edited.text, editors.length);
      lineMaps.push(edited.lines);
      document = document.withText(edited.text);
    }
    if (editors.length === editsBefore) break;
    if (pass === MAX_PASSES) {
      return failed(`does not converge: transforms ${ids(editors.slice(editsBefore))} still edit the file after ${MAX_PASSES} passes; fix the one that is not idempotent`);
    }
  }
  const output = document.toFileContent();
  const byLine = (a: ReportedItem, b: ReportedItem) => a.line - b.line;
  const skipped = [...skips.values()].flat().sort(byLine);
  return {
    path,
    status: output === content ? 'unchanged' : 'changed',
    changes: changes.sort(byLine),
    skipped,
    original: content,
    output,
    ...(warnings.length > 0 ? { warnings } : {}),
  };
}
