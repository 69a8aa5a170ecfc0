import type { Run } from 'dockerfile-ast';
import type { DockerfileDocument } from '../document.js';
import { findCommands } from '../shell/commands.js';
import { lex } from '../shell/lexer.js';
import { basename, invocationsOfArgv, invocationsOfCommands, type Invocation } from '../shell/invocations.js';
import { mountTarget, mountType, parseMountValue, type MountOptions } from './mount.js';

/**
 * Shell text with Dockerfile line continuations and the comment lines inside them removed, as
 * the shell will see it, plus a map from each of its offsets back to the file.
 */
export interface LogicalText {
  readonly text: string;
  /** `sourceOffsets[i]` is the file offset of `text[i]`; one extra entry maps `text.length`. */
  readonly sourceOffsets: readonly number[];
}

export interface ExistingFlag {
  readonly name: string;
  readonly value: string | null;
  readonly start: number;
  readonly end: number;
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
  /** The command line (heredoc bodies cut out), for edits to the command itself. */
  readonly commandLine: LogicalText;
  readonly invocations: readonly Invocation[];
}

const SHELL_PROGRAMS = /^(sh|bash|dash|ash|zsh|ksh|mksh)$/;

export function analyzeRun(document: DockerfileDocument, run: Run): RunAnalysis {
  const escape = document.escapeCharacter;
  const flags = run.getFlags().map((flag) => ({
    name: flag.getName(),
    value: flag.getValue(),
    start: document.offsetAt(flag.getRange().start),
    end: document.offsetAt(flag.getRange().end),
  }));
  const mounts = flags
    .filter((flag) => flag.name.toLowerCase() === 'mount' && flag.value !== null)
    .map((flag) => parseMountValue(unquoteFlagValue(flag.value!)));
  const lastFlag = flags[flags.length - 1];
  const flagInsertOffset = lastFlag ? lastFlag.end : document.offsetAt(run.getInstructionRange().end);

  const commandStart = firstCommandOffset(document, run, lastFlag?.end);
  const instructionEnd = document.offsetAt(run.getRange().end);
  const heredocs = run.getHeredocs();
  const heredocLines = new Set<number>();
  for (const heredoc of heredocs) {
    const from = heredoc.getStartRange().start.line + 1;
    const to = (heredoc.getDelimiterRange() ?? heredoc.getContentRange())?.end.line ?? document.lineAt(instructionEnd);
    for (let line = from; line <= to; line++) heredocLines.add(line);
  }
  const commandLine = logicalText(document, commandStart, instructionEnd, escape, heredocLines);

  const execArgv = heredocs.length === 0 ? parseExecForm(commandLine.text) : undefined;
  let form: RunAnalysis['form'];
  let invocations: Invocation[];
  if (heredocs.length > 0) {
    form = 'heredoc';
    invocations = heredocInvocations(document, commandLine, heredocs);
  } else if (execArgv) {
    form = 'exec';
    invocations = invocationsOfArgv(execArgv);
  } else {
    form = 'shell';
    invocations = invocationsOfCommands(commandLine.text, findCommands(commandLine.text));
  }
  return {
    instruction: run,
    line: run.getRange().start.line,
    form,
    flags,
    mounts,
    flagInsertOffset,
    commandLine,
    invocations,
  };
}

/** Targets of the RUN's existing mounts of any type, resolved against `workdir`. */
export function existingMountTargets(analysis: RunAnalysis): { type: string; target: string | undefined }[] {
  return analysis.mounts.map((mount) => ({ type: mountType(mount), target: mountTarget(mount) }));
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

function firstCommandOffset(document: DockerfileDocument, run: Run, afterFlags: number | undefined): number {
  const keywordEnd = document.offsetAt(run.getInstructionRange().end);
  return Math.max(afterFlags ?? keywordEnd, keywordEnd);
}

function isLineContinuation(text: string, offset: number, escape: string): number | undefined {
  if (text[offset] !== escape) return undefined;
  let j = offset + 1;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  if (text[j] === '\n' || text[j] === '\r') return j + 1;
  return undefined;
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
  while (i < end) {
    const line = document.lineAt(i);
    if (skippedLines.has(line)) {
      // A heredoc body: keep a newline so the command before it ends there.
      const next = nextLineStart(source, i);
      if (!text.endsWith('\n')) {
        text += '\n';
        sourceOffsets.push(i);
      }
      i = next;
      continue;
    }
    const continued = isLineContinuation(source, i, escape);
    if (continued !== undefined) {
      i = continued;
      // Docker drops comment lines and empty lines inside a continuation.
      while (i < end && !skippedLines.has(document.lineAt(i))) {
        const lineEnd = nextLineStart(source, i);
        const content = source.slice(i, lineEnd).trim();
        if (content !== '' && !content.startsWith('#')) break;
        i = lineEnd;
      }
      continue;
    }
    const c = source[i]!;
    if (c === '\r' && source[i + 1] === '\n') {
      i++;
      continue;
    }
    text += c;
    sourceOffsets.push(i);
    i++;
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
function heredocInvocations(
  document: DockerfileDocument,
  commandLine: LogicalText,
  heredocs: ReturnType<Run['getHeredocs']>,
): Invocation[] {
  const lineCommands = findCommands(commandLine.text, { heredocBodiesInline: false });
  const invocations = invocationsOfCommands(commandLine.text, lineCommands);
  const first = lineCommands[0];
  const feedsShell =
    first === undefined || (SHELL_PROGRAMS.test(basename(first.argv[0] ?? '')) && first.argv.slice(1).every((arg) => arg.startsWith('-')));
  if (!feedsShell) return invocations;
  const body = heredocs[0]?.getContentRange();
  if (!body) return invocations;
  const script = document.slice(body);
  const scriptInvocations = invocationsOfCommands(script, findCommands(script));
  return [...invocations.filter((invocation) => !SHELL_PROGRAMS.test(basename(invocation.argv[0] ?? ''))), ...scriptInvocations];
}
