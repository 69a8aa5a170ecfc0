/**
 * How inserted text is laid out in a RUN: new flags and setup commands follow the file's own
 * continuation style (escape character, indentation, `&&` at line starts or line ends, each
 * line's own line ending) and go on lines of their own when one line would grow too long.
 * Everything is an insertion: the original bytes stay, in order.
 */
import type { Run } from 'dockerfile-ast';
import type { DockerfileDocument } from './document.js';
import { insertAt, type TextEdit } from './text-edit.js';
import { droppedLinesEnd, lineContinuationEnd } from './flags.js';
import type { RunAnalysis, ShellScript } from './run.js';
import type { SimpleCommand } from '../shell/commands.js';
import { lex } from '../shell/lexer.js';

/** Lines past this many columns get inserted text on lines of their own. */
export const MAX_LINE_WIDTH = 100;
/** Tab stops when measuring a line: the width most editors and code review tools use for a Dockerfile. */
const TAB_WIDTH = 4;
const DEFAULT_INDENT = '    ';

/** How a file continues its RUN instructions over several lines. */
export interface ContinuationStyle {
  /** `\`, or the backtick under `# escape=\``. */
  readonly escape: string;
  /** Leading whitespace of continuation lines. */
  readonly indent: string;
  /** `&& cmd` at the start of a continuation line, or `cmd && \` at the end of a line. */
  readonly chaining: 'leading' | 'trailing';
}

/** A physical line: its first offset and the offset of its line ending (or of the end of the text). */
interface Line {
  readonly start: number;
  readonly end: number;
}

function lineAround(text: string, offset: number): Line {
  const start = text.lastIndexOf('\n', offset - 1) + 1;
  const lf = text.indexOf('\n', offset);
  const end = lf < 0 ? text.length : lf > 0 && text[lf - 1] === '\r' ? lf - 1 : lf;
  return { start, end };
}

/** Display width of a line, tabs expanded to the next tab stop. */
export function lineColumns(line: string): number {
  let columns = 0;
  for (const c of line) columns = c === '\t' ? columns - (columns % TAB_WIDTH) + TAB_WIDTH : columns + 1;
  return columns;
}

const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * The physical lines Docker joins into one instruction: the keyword's line, then each line after
 * a line continuation, without the comment and empty lines Docker drops. A heredoc body is not
 * among them: its marker line does not end in the escape character.
 */
function joinedLines(document: DockerfileDocument, run: Run): Line[] {
  const text = document.text;
  const end = document.offsetAt(run.getRange().end);
  const lines: Line[] = [];
  let line = lineAround(text, document.offsetAt(run.getRange().start));
  for (;;) {
    lines.push(line);
    let last = line.end - 1;
    while (last >= line.start && isBlank(text[last])) last--;
    const next = last >= line.start ? lineContinuationEnd(text, last, document.escapeCharacter) : undefined;
    if (next === undefined || next >= end) return lines;
    const start = droppedLinesEnd(text, next, end);
    if (start >= end) return lines;
    line = lineAround(text, start);
  }
}

/** The most frequent value, the first seen on a tie; undefined for none. */
function mostCommon<T>(values: readonly T[]): T | undefined {
  const counts = new Map<T, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  let best: T | undefined;
  for (const [value, count] of counts) if (best === undefined || count > counts.get(best)!) best = value;
  return best;
}

interface StyleVotes {
  /** Leading whitespace of continuation lines that start a command (after `&&`, `;`, `then`...). */
  readonly commandIndents: string[];
  /** ... and of every continuation line, argument lists included. */
  readonly indents: string[];
  readonly chainings: ('leading' | 'trailing')[];
}

/** A line ending in one of these (before the escape character) continues with a new command. */
const ENDS_BEFORE_COMMAND = /(?:&&|\|\||\||;|\bthen|\bdo|\belse|[{(])$/;
const STARTS_WITH_CONNECTOR = /^(?:&&|\|\||\||;)/;

function votesOf(document: DockerfileDocument, lines: readonly Line[]): StyleVotes {
  const text = document.text;
  const escape = document.escapeCharacter;
  const votes: StyleVotes = { commandIndents: [], indents: [], chainings: [] };
  let previous = '';
  lines.forEach((line, index) => {
    const content = text.slice(line.start, line.end);
    const body = content.trim();
    const beforeEscape = body.endsWith(escape) ? body.slice(0, -1).trimEnd() : body;
    // A line with nothing but the escape character continues the previous one: it shows no style.
    if (beforeEscape === '') return;
    if (index > 0) {
      const indent = /^[ \t]*/.exec(content)![0];
      votes.indents.push(indent);
      // Argument lists (`install -y \` then one package a line) are often indented deeper than the commands.
      if (STARTS_WITH_CONNECTOR.test(body) || ENDS_BEFORE_COMMAND.test(previous)) votes.commandIndents.push(indent);
      if (body.startsWith('&&')) votes.chainings.push('leading');
    }
    if (beforeEscape !== body && beforeEscape.endsWith('&&')) votes.chainings.push('trailing');
    previous = beforeEscape;
  });
  return votes;
}

const fileVotes = new WeakMap<DockerfileDocument, StyleVotes>();

/** Votes of every RUN of the file, counted once per document. */
function fileStyleVotes(document: DockerfileDocument): StyleVotes {
  let votes = fileVotes.get(document);
  if (!votes) {
    const all = document.runs().map((run) => votesOf(document, joinedLines(document, run)));
    votes = {
      commandIndents: all.flatMap((vote) => vote.commandIndents),
      indents: all.flatMap((vote) => vote.indents),
      chainings: all.flatMap((vote) => vote.chainings),
    };
    fileVotes.set(document, votes);
  }
  return votes;
}

/**
 * The RUN's own continuation style; where it has none (a one-line RUN), the style most of the
 * file's RUNs use; else 4 spaces and a trailing `&& \`. The indentation is that of the lines
 * that start a command, where there are any: not that of a package list indented deeper.
 */
export function continuationStyle(document: DockerfileDocument, run: Run): ContinuationStyle {
  const own = votesOf(document, joinedLines(document, run));
  const file = () => fileStyleVotes(document);
  const indent = mostCommon(own.commandIndents) ?? mostCommon(own.indents) ?? mostCommon(file().commandIndents) ?? mostCommon(file().indents) ?? DEFAULT_INDENT;
  return {
    escape: document.escapeCharacter,
    indent: indentKeepingWidth(document, run, indent),
    chaining: mostCommon(own.chainings) ?? mostCommon(file().chainings) ?? 'trailing',
  };
}

/**
 * The RUN's indentation for new lines, or one indentation step when that is narrower and the
 * RUN's first line, moved after new flags at the RUN's indentation, would pass MAX_LINE_WIDTH
 * columns where it fitted before (a deep package list sets the indentation): the command then
 * keeps its width, since `RUN ` is as wide as the step.
 */
function indentKeepingWidth(document: DockerfileDocument, run: Run, indent: string): string {
  const first = lineAround(document.text, document.offsetAt(run.getRange().start));
  const width = lineColumns(document.text.slice(first.start, first.end));
  const step = indent.includes('\t') ? '\t' : DEFAULT_INDENT;
  const moved = width - lineColumns('RUN ') + lineColumns(indent);
  return width <= MAX_LINE_WIDTH && moved > MAX_LINE_WIDTH && lineColumns(step) < lineColumns(indent) ? step : indent;
}

/** Where a RUN's new flags go, and whether each gets a line of its own. */
interface FlagPlan {
  readonly style: ContinuationStyle;
  /** After the last existing flag, or right after the keyword. */
  readonly at: number;
  /** The command's first offset when it follows on the line of `at`; undefined when it starts a later line. */
  readonly commandOnSameLine: number | undefined;
  readonly ownLines: boolean;
}

export interface LayoutContext {
  /** The flags `insertRunFlags` adds to the same RUN in the same change set: they decide whether the command starts a line. */
  readonly addedFlags?: readonly string[];
  /** Other edits to the same RUN in the same change set (a word added to a command): they widen their lines. */
  readonly otherEdits?: readonly TextEdit[];
}

/** How many columns `edits` add to the line at `offset`. */
function widthAdded(document: DockerfileDocument, offset: number, edits: readonly TextEdit[] = []): number {
  const line = document.lineAt(offset);
  return edits.reduce((sum, edit) => (document.lineAt(edit.start) === line ? sum + edit.newText.length - (edit.end - edit.start) : sum), 0);
}

function planFlags(document: DockerfileDocument, analysis: RunAnalysis, flags: readonly string[], context: LayoutContext): FlagPlan {
  const text = document.text;
  const style = continuationStyle(document, analysis.instruction);
  const at = analysis.flagInsertOffset;
  let command = at;
  while (isBlank(text[command])) command++;
  const line = lineAround(text, at);
  const commandOnSameLine = command < line.end && lineContinuationEnd(text, command, style.escape) === undefined ? command : undefined;
  const existing = analysis.flags.length > 0;
  const inlineWidth = lineColumns(text.slice(line.start, line.end)) + flagsWidth(flags) + widthAdded(document, at, context.otherEdits);
  const ownLines =
    flags.length > 1 ||
    inlineWidth > MAX_LINE_WIDTH ||
    // Existing flags already one per line, or apart from the command: new ones follow suit.
    (existing && (document.lineAt(at) !== analysis.line || commandOnSameLine === undefined));
  return { style, at, commandOnSameLine, ownLines };
}

const flagsWidth = (flags: readonly string[]) => flags.reduce((sum, flag) => sum + 1 + flag.length, 0);

/**
 * Edits that add `flags` (whole words such as `--mount=type=cache,target=/x`) to a RUN, after its
 * existing flags: `edits[i]` adds `flags[i]`. One new flag on a line that stays within
 * MAX_LINE_WIDTH columns goes inline; otherwise each flag gets a continuation line of its own and
 * the command starts on its own line after them, as in Docker's documentation:
 *
 *     RUN --mount=type=cache,target=/var/cache/apt,sharing=locked \
 *         --mount=type=cache,target=/var/lib/apt/lists,sharing=locked \
 *         apt-get update && apt-get install -y curl
 *
 * Works for shell form, exec form and heredocs (BuildKit joins continuation lines before it
 * looks for the JSON array or the heredoc marker).
 */
export function insertRunFlags(document: DockerfileDocument, analysis: RunAnalysis, flags: readonly string[], context: Omit<LayoutContext, 'addedFlags'> = {}): TextEdit[] {
  if (flags.length === 0) return [];
  const text = document.text;
  const plan = planFlags(document, analysis, flags, context);
  const { escape, indent } = plan.style;
  const lineBreak = `${escape}${document.eolAt(plan.at)}${indent}`;
  // The last insertion at `at` must not run into an escape character right after it (`RUN\`).
  const spaceAfter = isBlank(text[plan.at]) ? '' : ' ';
  if (!plan.ownLines) return flags.map((flag, i) => insertAt(plan.at, ` ${flag}${i === flags.length - 1 ? spaceAfter : ''}`));
  const firstOnKeywordLine = analysis.flags.length === 0;
  const pieces = flags.map((flag, i) => (i === 0 && firstOnKeywordLine ? ` ${flag}` : ` ${lineBreak}${flag}`));
  const edits = pieces.map((piece) => insertAt(plan.at, piece));
  const last = edits.length - 1;
  if (plan.commandOnSameLine === undefined) {
    edits[last] = insertAt(plan.at, pieces[last]! + spaceAfter);
  } else {
    // The command moves to a line of its own. The blanks before it are kept, in front of the new
    // line break; replacing them (rather than inserting after them) keeps this edit before any
    // insertion at the command's start, whatever order the edits come in.
    const blanks = text.slice(plan.at, plan.commandOnSameLine) || ' ';
    edits[last] = { start: plan.at, end: plan.commandOnSameLine, newText: `${pieces[last]}${blanks}${lineBreak}` };
  }
  return edits;
}

/**
 * An edit that adds ` words` to a command right after the word ending at `offset` (`apk add`
 * gets `--cache-dir /var/cache/apk`). When that would take a line of at most MAX_LINE_WIDTH
 * columns past it, the rest of the line moves to a continuation line of its own, one indentation
 * deeper, in the file's escape character and line ending:
 *
 *     && apk add --cache-dir /var/cache/apk \
 *         --update-cache build-base curl linux-headers \
 *
 * Inside a heredoc script the shell reads the lines, so words are only ever added inline there.
 */
export function insertWords(document: DockerfileDocument, analysis: RunAnalysis, offset: number, words: string, context: LayoutContext = {}): TextEdit {
  const text = document.text;
  const inline = insertAt(offset, ` ${words}`);
  if (analysis.form === 'heredoc' || !isBlank(text[offset])) return inline;
  const line = lineAround(text, offset);
  const width = lineColumns(text.slice(line.start, line.end)) + widthAdded(document, offset, context.otherEdits);
  const restStart = offset + 1;
  const restIsEmpty = restStart >= line.end || lineContinuationEnd(text, restStart, document.escapeCharacter) !== undefined;
  if (width > MAX_LINE_WIDTH || width + 1 + words.length <= MAX_LINE_WIDTH || restIsEmpty) return inline;
  const lineIndent = /^[ \t]*/.exec(text.slice(line.start, line.end))![0];
  const deeper = `${lineIndent}${lineIndent.includes('\t') ? '\t' : DEFAULT_INDENT}`;
  return insertAt(restStart, `${words} ${document.escapeCharacter}${document.eolAt(offset)}${deeper}`);
}

/** The commands of a setup text joined by `&&` at its top level, which may each go on a line of their own. */
function setupParts(setup: string): string[] {
  const parts: string[] = [];
  let from = 0;
  let depth = 0;
  for (const token of lex(setup)) {
    if (token.kind !== 'op') continue;
    if (token.value === '(') depth++;
    else if (token.value === ')') depth--;
    else if (token.value === '&&' && depth === 0) {
      parts.push(setup.slice(from, token.start).trim());
      from = token.end;
    }
  }
  parts.push(setup.slice(from).trim());
  return parts.filter((part) => part !== '');
}

/** Text before `offset` on its line is only blanks and a connector: the command starts the line. */
const LINE_START = /^[ \t]*(?:(?:&&|\|\||;)[ \t]*)?$/;

/** The edit that puts `setup && ` at `offset`, the start of a command of `script`. */
function setupEdit(document: DockerfileDocument, analysis: RunAnalysis, script: ShellScript, offset: number, setup: string, context: LayoutContext): TextEdit {
  const text = document.text;
  const line = lineAround(text, offset);
  const before = text.slice(line.start, offset);
  const leadingBlanks = /^[ \t]*/.exec(before)![0];
  const eol = document.eolAt(offset);
  if (script !== analysis.scripts[0]) {
    // A heredoc script: shell lines, where a command may follow `&&` on the next line.
    if (!LINE_START.test(before)) return insertAt(offset, `${setup} && `);
    return insertAt(offset, setupParts(setup).map((part) => `${part} &&${eol}${leadingBlanks}`).join(''));
  }
  const flags = context.addedFlags ?? [];
  const plan = flags.length > 0 ? planFlags(document, analysis, flags, context) : undefined;
  // The flags' own-line layout ends with a line break right before the command.
  const afterFlagBreak = plan?.ownLines === true && plan.commandOnSameLine === offset;
  const style = plan?.style ?? continuationStyle(document, analysis.instruction);
  const spansLines = joinedLines(document, analysis.instruction).length > 1 || plan?.ownLines === true;
  const inlineFlagsWidth = plan && !plan.ownLines && document.lineAt(plan.at) === document.lineAt(offset) ? flagsWidth(flags) : 0;
  const inlineWidth = lineColumns(text.slice(line.start, line.end)) + inlineFlagsWidth + widthAdded(document, offset, context.otherEdits) + setup.length + ' && '.length;
  if (!spansLines && inlineWidth <= MAX_LINE_WIDTH) return insertAt(offset, `${setup} && `);

  const startsLine = afterFlagBreak || LINE_START.test(before);
  const indent = startsLine && !afterFlagBreak ? leadingBlanks : style.indent;
  const lineBreak = `${style.escape}${eol}${indent}`;
  const prefix = startsLine ? '' : `${isBlank(text[offset - 1]) ? '' : ' '}${lineBreak}`;
  // The setup's first line starts where the command did (after a leading `&& `, say); the others at `indent`.
  const firstLinePrefix = startsLine && !afterFlagBreak ? before : indent;
  const fitsOneLine = lineColumns(firstLinePrefix) + setup.length + ` && ${style.escape}`.length <= MAX_LINE_WIDTH;
  const lines = fitsOneLine ? [setup] : setupParts(setup);
  const body =
    style.chaining === 'leading'
      ? `${lines.join(` ${lineBreak}&& `)} ${lineBreak}&& `
      : lines.map((part) => `${part} && ${lineBreak}`).join('');
  return insertAt(offset, prefix + body);
}

/** A command the setup can go before: one the RUN's shell runs directly, at a known place in the file. */
export interface CommandTarget {
  readonly script?: ShellScript;
  readonly command?: SimpleCommand;
}

/**
 * Inserts `setup && ` before `target`, a command the RUN's shell runs directly (not one inside
 * `sh -c "..."`, `$(...)` or after a pipe: undefined then). On a one-line RUN that stays within
 * MAX_LINE_WIDTH columns it goes inline; otherwise on continuation line(s) of its own, joined
 * with `&&` in the RUN's own chaining style. Only layout differs: the shell always reads
 * `setup && <the command and the rest>`.
 */
export function insertCommandBefore(
  document: DockerfileDocument,
  analysis: RunAnalysis,
  target: CommandTarget,
  setup: string,
  context: LayoutContext = {},
): TextEdit | undefined {
  const { script, command } = target;
  if (!script || !command?.exact || command.via.length > 0 || command.before === '|' || command.before === '|&') return undefined;
  return setupEdit(document, analysis, script, script.toSource(command.start), setup, context);
}

/**
 * Inserts `setup && ` before the first command of the RUN's script: its command line, or the
 * heredoc script of `RUN <<EOF`. Undefined for exec form, or a script that does not start with a
 * command. Laid out as `insertCommandBefore`.
 */
export function insertCommandFirst(document: DockerfileDocument, analysis: RunAnalysis, setup: string, context: LayoutContext = {}): TextEdit | undefined {
  for (const script of analysis.scripts) {
    const bodiesCut = script === analysis.scripts[0] && analysis.form === 'heredoc';
    const first = lex(script.text, { heredocBodiesInline: !bodiesCut }).find((token) => token.kind !== 'newline');
    if (!first) continue;
    // `RUN <<EOF`: the command line is only the heredoc; its script is the next one.
    if (first.kind === 'op' && (first.value === '<<' || first.value === '<<-') && script.commands.length === 0) continue;
    if (first.kind === 'word' || (first.kind === 'op' && first.value === '(')) return setupEdit(document, analysis, script, script.toSource(first.start), setup, context);
    return undefined;
  }
  return undefined;
}
