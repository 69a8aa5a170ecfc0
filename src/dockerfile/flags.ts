/**
 * Flags of an instruction (`RUN --mount=... --network=host cmd`), read from the file's text.
 * dockerfile-ast's getFlags() splits the instruction's whole argument list first, which is the
 * slowest part of working with its tree; flags only ever lead the arguments, so reading them here
 * touches a few dozen characters. test/unit/flags.test.ts checks that both agree.
 */
export interface ExistingFlag {
  /** The name without the leading dashes, as written. */
  readonly name: string;
  /** Everything after the first `=`, quotes included; null for a bare `--flag`. */
  readonly value: string | null;
  /** File offsets of the whole `--name=value` word. */
  readonly start: number;
  readonly end: number;
}

/** The offset after a line continuation (escape, blanks, line break) at `offset`, or undefined when there is none. */
export function lineContinuationEnd(text: string, offset: number, escape: string): number | undefined {
  if (text[offset] !== escape) return undefined;
  let j = offset + 1;
  while (text[j] === ' ' || text[j] === '\t') j++;
  if (text[j] === '\r' && text[j + 1] === '\n') return j + 2;
  if (text[j] === '\n' || text[j] === '\r') return j + 1;
  return undefined;
}

/**
 * From the start of a line inside a continuation, the offset after the empty and comment lines
 * Docker drops there. `keep` stops at a line that is not the continuation's (a heredoc body).
 */
export function droppedLinesEnd(text: string, from: number, to: number, keep: (offset: number) => boolean = () => false): number {
  let i = from;
  while (i < to && !keep(i)) {
    const lf = text.indexOf('\n', i);
    const next = lf < 0 ? text.length : lf + 1;
    const content = text.slice(i, next).trim();
    if (content !== '' && !content.startsWith('#')) break;
    i = next;
  }
  return i;
}

/** Skips blanks, and continuations with the lines Docker drops after them. */
function skipSeparators(text: string, from: number, to: number, escape: string): number {
  let i = from;
  for (;;) {
    while (i < to && (text[i] === ' ' || text[i] === '\t')) i++;
    const next = lineContinuationEnd(text, i, escape);
    if (next === undefined) return i;
    i = droppedLinesEnd(text, next, to);
  }
}

/** The flags between `from` (just after the keyword) and `to` (the end of the instruction). */
export function readFlags(text: string, from: number, to: number, escape: string): ExistingFlag[] {
  const flags: ExistingFlag[] = [];
  for (let i = skipSeparators(text, from, to, escape); i < to && text.startsWith('--', i); i = skipSeparators(text, i, to, escape)) {
    const start = i;
    let quote: string | undefined;
    while (i < to) {
      const c = text[i]!;
      if (quote) {
        if (c === quote) quote = undefined;
      } else if (c === '"' || c === "'") {
        quote = c;
      } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || lineContinuationEnd(text, i, escape) !== undefined) {
        break;
      }
      i++;
    }
    const word = text.slice(start + 2, i);
    const equals = word.indexOf('=');
    flags.push({ name: equals < 0 ? word : word.slice(0, equals), value: equals < 0 ? null : word.slice(equals + 1), start, end: i });
  }
  return flags;
}
