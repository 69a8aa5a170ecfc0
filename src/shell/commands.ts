import { lex, type LexOptions, type Token, type WordToken } from './lexer.js';

/**
 * A simple command as the shell would run it: its words after assignments and redirections
 * are set aside. Offsets refer to the text given to `findCommands`.
 */
export interface SimpleCommand {
  readonly words: readonly WordToken[];
  readonly argv: readonly string[];
  readonly assignments: readonly WordToken[];
  readonly start: number;
  readonly end: number;
  /** The operator joining this command to the previous one (`&&`, `;`, `|`, newline...), if any. */
  readonly before?: string;
  /** The operator after this command, if any. */
  readonly after?: string;
  /** True when offsets are exact in the analysed text (false inside `sh -c '...'` strings). */
  readonly exact: boolean;
  /** How the command was reached: directly, or through `sh -c`, `$(...)`. */
  readonly via: readonly string[];
  /** The files its output redirections write (`> file`, `>> file`, `&> file`), as written. */
  readonly writesTo: readonly string[];
}

const SEPARATORS = new Set(['&&', '||', ';', '&', '|', '|&', ';;', '(', ')']);
const REDIRECTIONS = new Set(['<', '>', '>>', '>&', '<&', '>|', '<>', '&>', '&>>', '<<<', '<<', '<<-']);
const OUTPUT_REDIRECTIONS = new Set(['>', '>>', '>|', '<>', '&>', '&>>', '>&']);
/** Reserved words after which another command starts. */
const COMMAND_PREFIXES = new Set(['if', 'then', 'else', 'elif', 'do', 'while', 'until', '!', '{', 'time']);
const BLOCK_ENDS = new Set(['fi', 'done', 'esac', '}']);
const ASSIGNMENT = /^[A-Za-z_][A-Za-z0-9_]*(\[[^\]]*\])?\+?=/;
const ALL_DIGITS = /^\d+$/;

/** Depth guard: `sh -c "sh -c '...'"` nests are followed, absurd nesting is not. */
const MAX_NESTING = 8;

export function findCommands(text: string, options: LexOptions = {}): SimpleCommand[] {
  return collect(text, lex(text, options), true, []);
}

/** Tokens of `text`, with offsets shifted by `base` so they point into the enclosing text. */
function lexAt(text: string, base: number): Token[] {
  if (base === 0) return lex(text);
  return lex(text).map((token) => {
    if (token.kind !== 'word') return { ...token, start: token.start + base, end: token.end + base };
    const shift = (range: { start: number; end: number }) => ({ start: range.start + base, end: range.end + base });
    return {
      ...token,
      start: token.start + base,
      end: token.end + base,
      ...(token.singleQuotedBody ? { singleQuotedBody: shift(token.singleQuotedBody) } : {}),
      substitutions: token.substitutions.map(shift),
    };
  });
}

/** `root` is the text all offsets point into; `tokens` may come from a slice of it. */
function collect(root: string, tokens: Token[], exact: boolean, via: readonly string[]): SimpleCommand[] {
  const commands: SimpleCommand[] = [];
  let words: WordToken[] = [];
  let assignments: WordToken[] = [];
  let writesTo: string[] = [];
  let start = -1;
  let end = -1;
  let before: string | undefined;
  // `for NAME in ...;` and `case WORD in` headers and `pattern)` labels are not commands.
  let skipUntilSeparator = false;
  let inCaseHeader = false;
  let inCasePattern = false;

  const flush = (after: string | undefined) => {
    if (words.length > 0 || assignments.length > 0) {
      commands.push({
        words,
        argv: words.map((word) => word.value),
        assignments,
        start,
        end,
        ...(before !== undefined ? { before } : {}),
        ...(after !== undefined ? { after } : {}),
        exact,
        via,
        writesTo,
      });
    }
    words = [];
    assignments = [];
    writesTo = [];
    start = -1;
    before = after;
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === 'newline' || (token.kind === 'op' && SEPARATORS.has(token.value))) {
      const op = token.kind === 'newline' ? '\n' : token.value;
      flush(op);
      skipUntilSeparator = false;
      if (op === ';;') inCasePattern = true;
      if (inCasePattern && op === ')') inCasePattern = false;
      continue;
    }
    if (token.kind === 'op') {
      // A redirection: its target word is not an argument. `2>` keeps its fd digits out of argv too.
      const previous = words[words.length - 1];
      if (previous && previous.end === token.start && ALL_DIGITS.test(previous.value)) words.pop();
      const target = tokens[i + 1];
      if (REDIRECTIONS.has(token.value) && target?.kind === 'word') {
        // Redirections belong to the command's extent (`echo x > file`), not to its argv.
        if (start < 0) start = token.start;
        end = target.end;
        // `2>&1` and `>&-` duplicate or close a descriptor: no file.
        if (OUTPUT_REDIRECTIONS.has(token.value) && !/^(\d+|-)$/.test(target.value)) writesTo.push(target.value);
        i++;
      }
      continue;
    }
    if (inCasePattern || skipUntilSeparator) continue;
    if (inCaseHeader) {
      if (token.value === 'in') {
        inCaseHeader = false;
        inCasePattern = true;
      }
      continue;
    }
    const atCommandStart = words.length === 0;
    if (atCommandStart && !token.quoted) {
      if (COMMAND_PREFIXES.has(token.value)) {
        before = token.value;
        continue;
      }
      if (BLOCK_ENDS.has(token.value)) continue;
      if (token.value === 'for' || token.value === 'select') {
        skipUntilSeparator = true;
        continue;
      }
      if (token.value === 'case') {
        inCaseHeader = true;
        continue;
      }
    }
    // `NAME=value`, also with a quoted value (`X="$(mktemp -d)"`): the name and `=` are unquoted in the text.
    if (atCommandStart && ASSIGNMENT.test(root.slice(token.start, token.end))) {
      if (start < 0) start = token.start;
      end = token.end;
      assignments.push(token);
      continue;
    }
    if (start < 0) start = token.start;
    end = token.end;
    words.push(token);
  }
  flush(undefined);

  if (via.length >= MAX_NESTING) return commands;
  // Commands inside `$(...)` and backticks run too; their text is a slice of ours, so offsets stay exact.
  const nested: SimpleCommand[] = [];
  for (const command of [...commands]) {
    for (const word of [...command.assignments, ...command.words]) {
      for (const sub of word.substitutions) {
        const inner = root.slice(sub.start, sub.end);
        nested.push(...collect(root, lexAt(inner, sub.start), exact, [...via, '$(...)']));
      }
    }
  }
  return [...commands, ...nested];
}

/** Parse a script given as a string argument (`sh -c '...'`), keeping offsets when they are exact. */
export function findCommandsInScriptArgument(
  root: string,
  word: WordToken,
  via: readonly string[],
  outerExact: boolean,
): SimpleCommand[] {
  if (via.length >= MAX_NESTING) return [];
  const body = word.singleQuotedBody;
  if (body && outerExact) {
    // A single-quoted script is the original text verbatim: offsets map one to one.
    return collect(root, lexAt(word.value, body.start), true, via);
  }
  return collect(word.value, lex(word.value), false, via);
}
