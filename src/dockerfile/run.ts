import type { Run } from 'dockerfile-ast';
import type { DockerfileDocument } from './document.js';
import type { SimpleCommand } from '../shell/commands.js';
import { lex } from '../shell/lexer.js';
import { basename, invocationsOfArgv, readScript, type Invocation } from '../shell/invocations.js';
import { droppedLinesEnd, lineContinuationEnd, readFlags, type ExistingFlag } from './flags.js';
import { parseMountValue, type MountOptions } from './mount.js';

/**
 * Shell text with Dockerfile line continuations and the comment lines inside them removed, as
 * the shell will see it, plus a map from each of its offsets back to the file.
 */
export interface LogicalText {
  readonly text: string;
  /** `sourceOffsets[i]` is the file offset of `text[i]`; one extra entry maps `text.length`. */
  readonly sourceOffsets: readonly number[];
}

/** Shell text that runs in a RUN (its command line, or a heredoc script), with its simple commands. */
export interface ShellScript {
  readonly text: string;
  readonly commands: readonly SimpleCommand[];
  /** The file offset of an offset in `text`. */
  toSource(offset: number): number;
}

/** An invocation plus the script it was found in, so that its words can be edited in the file. */
export interface LocatedInvocation extends Invocation {
  readonly script?: ShellScript;
}

export interface SourceRange {
  readonly start: number;
  readonly end: number;
}

/** File range of a range of script text, or undefined when the text is not a verbatim slice of the file (`sh -c "..."`). */
export function sourceRange(script: ShellScript | undefined, command: SimpleCommand | undefined, start: number, end: number): SourceRange | undefined {
  if (!script || !command?.exact) return undefined;
  return { start: script.toSource(start), end: script.toSource(end - 1) + 1 };
}

/** File range of the invocation's word at `index` (0 is the program). */
export function wordRange(invocation: LocatedInvocation, index: number): SourceRange | undefined {
  const word = invocation.words?.[index];
  return word ? sourceRange(invocation.script, invocation.command, word.start, word.end) : undefined;
}

export interface RunAnalysis {
  readonly instruction: Run;
  /** 0-based line of the RUN keyword. */
  readonly line: number;
  readonly form: 'shell' | 'exec' | 'heredoc';
  readonly flags: readonly ExistingFlag[];
  readonly mounts: readonly MountOptions[];
  /** Where new flags go: after the last existing flag, or right after the RUN keyword. */
  readonly flagInsertOffset: number;
  /** The shell scripts of the RUN: its command line (heredoc bodies cut out) and any heredoc script. */
  readonly scripts: readonly ShellScript[];
  readonly invocations: readonly LocatedInvocation[];
}

const SHELL_PROGRAMS = /^(sh|bash|dash|ash|zsh|ksh|mksh)$/;

const analyses = new WeakMap<Run, { document: DockerfileDocument; analysis: RunAnalysis }>();

/** A RUN's flags, mounts, scripts and invocations; computed once per parsed RUN, whichever transform asks first. */
export function analyzeRun(document: DockerfileDocument, run: Run): RunAnalysis {
  const known = analyses.get(run);
  if (known?.document === document) return known.analysis;
  const analysis = analyzeUncached(document, run);
  analyses.set(run, { document, analysis });
  return analysis;
}

function analyzeUncached(document: DockerfileDocument, run: Run): RunAnalysis {
  const escape = document.escapeCharacter;
  const keywordEnd = document.offsetAt(run.getInstructionRange().end);
  const instructionEnd = document.offsetAt(run.getRange().end);
  const flags = readFlags(document.text, keywordEnd, instructionEnd, escape);
  const mounts = flags
    .filter((flag) => flag.name.toLowerCase() === 'mount' && flag.value !== null)
    .map((flag) => parseMountValue(unquoteFlagValue(flag.value!)));
  const lastFlag = flags[flags.length - 1];
  const flagInsertOffset = lastFlag ? lastFlag.end : keywordEnd;
  const commandStart = flagInsertOffset;
  const heredocs = run.getHeredocs();
  const heredocLines = new Set<number>();
  for (const heredoc of heredocs) {
    const from = heredoc.getStartRange().start.line + 1;
    const to = (heredoc.getDelimiterRange() ?? heredoc.getContentRange())?.end.line ?? document.lineAt(instructionEnd);
    for (let line = from; line <= to; line++) heredocLines.add(line);
  }
  const commandLine = logicalText(document, commandStart, instructionEnd, escape, heredocLines);

  const execArgv = heredocs.length === 0 ? parseExecForm(commandLine.text) : undefined;
  const form: RunAnalysis['form'] = heredocs.length > 0 ? 'heredoc' : execArgv ? 'exec' : 'shell';
  const scripts: ShellScript[] = [];
  let invocations: LocatedInvocation[];
  if (execArgv) {
    invocations = invocationsOfArgv(execArgv);
  } else {
    const line = scriptOf(commandLine.text, (offset) => commandLine.sourceOffsets[offset] ?? instructionEnd, form === 'heredoc');
    scripts.push(line.script);
    invocations = line.invocations;
    const heredoc = form === 'heredoc' ? heredocShellScript(document, line.script, heredocs) : undefined;
    if (heredoc) {
      // The shell that reads the heredoc is not itself a package manager call; its script's commands are.
      invocations = [...invocations.filter((invocation) => !SHELL_PROGRAMS.test(basename(invocation.argv[0] ?? ''))), ...heredoc.invocations];
      scripts.push(heredoc.script);
    }
  }
  return {
    instruction: run,
    line: run.getRange().start.line,
    form,
    flags,
    mounts,
    flagInsertOffset,
    scripts,
    invocations,
  };
}

/** A script of the RUN and its invocations, located in it. */
function scriptOf(text: string, toSource: (offset: number) => number, heredocBodiesCut = false): { script: ShellScript; invocations: LocatedInvocation[] } {
  const read = readScript(text, { heredocBodiesInline: !heredocBodiesCut });
  const script: ShellScript = { text, commands: read.commands, toSource };
  return { script, invocations: read.invocations.map((invocation) => ({ ...invocation, script })) };
}

/** BuildKit runs a RUN in exec form when its arguments are a JSON array of strings; otherwise a shell runs them. */
function parseExecForm(text: string): string[] | undefined {
  const trimmed = text.trim();
  if (!trimmed.startsWith('[')) return undefined;
  try {
    const value: unknown = JSON.parse(trimmed);
    return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string') ? value : undefined;
  } catch {
    return undefined;
  }
}

/** Flag values may be quoted shell-style (`--mount="type=cache,target=/x"`). */
function unquoteFlagValue(value: string): string {
  const [word] = lex(value);
  return word?.kind === 'word' ? word.value : value;
}

/** Builds the shell's view of `[start, end)`: continuations joined, comment and blank lines inside them dropped. */
export function logicalText(
  document: DockerfileDocument,
  start: number,
  end: number,
  escape: string,
  skippedLines: ReadonlySet<number> = new Set(),
): LogicalText {
  const source = document.text;
  let text = '';
  const sourceOffsets: number[] = [];
  let i = start;
  let line = document.lineAt(start);
  let nextLine = nextLineStart(source, start);
  // Keeps `line` in step with `i`; offsets only move forward.
  const advanceTo = (offset: number) => {
    while (offset >= nextLine && nextLine < source.length) {
      line++;
      nextLine = nextLineStart(source, nextLine);
    }
    i = offset;
  };
  while (i < end) {
    if (skippedLines.has(line)) {
      // A heredoc body: keep a newline so the command before it ends there.
      if (!text.endsWith('\n')) {
        text += '\n';
        sourceOffsets.push(i);
      }
      advanceTo(nextLine);
      continue;
    }
    const continued = lineContinuationEnd(source, i, escape);
    if (continued !== undefined) {
      advanceTo(droppedLinesEnd(source, continued, end, (offset) => skippedLines.has(document.lineAt(offset))));
      continue;
    }
    const c = source[i]!;
    if (!(c === '\r' && source[i + 1] === '\n')) {
      text += c;
      sourceOffsets.push(i);
    }
    advanceTo(i + 1);
  }
  sourceOffsets.push(Math.min(i, end));
  return { text, sourceOffsets };
}

function nextLineStart(text: string, offset: number): number {
  const lf = text.indexOf('\n', offset);
  return lf < 0 ? text.length : lf + 1;
}

/**
 * In `RUN <<EOF` the first heredoc is the script; `RUN bash <<EOF` feeds it to a shell. Other
 * heredocs are data (`RUN python3 <<EOF`, `RUN cat <<EOF > file`): only their command line runs.
 */
function heredocShellScript(document: DockerfileDocument, commandLine: ShellScript, heredocs: ReturnType<Run['getHeredocs']>): ReturnType<typeof scriptOf> | undefined {
  const first = commandLine.commands[0];
  const feedsShell =
    first === undefined || (SHELL_PROGRAMS.test(basename(first.argv[0] ?? '')) && first.argv.slice(1).every((arg) => arg.startsWith('-')));
  const body = heredocs[0]?.getContentRange();
  if (!feedsShell || !body) return undefined;
  const start = document.offsetAt(body.start);
  return scriptOf(document.slice(body), (offset) => start + offset);
}
