import { DockerfileParser, Instruction, type Argument, type Dockerfile, type Run } from 'dockerfile-ast';

/**
 * dockerfile-ast splits an instruction's arguments anew on every call of its private
 * getRawArguments, which its own constructors (Run's check for the JSON form), getArguments,
 * getFlags and getHeredocs make again and again: a quarter of a dry run's time in a CPU profile.
 * An instruction's text never changes once parsed, so each instruction keeps its first split.
 * Callers get a copy: ModifiableInstruction.getArguments shifts the flags off the array it gets.
 */
type Splitting = { getRawArguments(this: Instruction): Argument[] };
const splitting = Instruction.prototype as unknown as Splitting;
const splitArguments = splitting.getRawArguments;
const splits = new WeakMap<Instruction, Argument[]>();
splitting.getRawArguments = function (this: Instruction): Argument[] {
  let split = splits.get(this);
  if (!split) splits.set(this, (split = splitArguments.call(this)));
  return split.slice();
};

/** A position as dockerfile-ast reports it: 0-based line and UTF-16 column. */
export interface Position {
  readonly line: number;
  readonly character: number;
}

export interface Range {
  readonly start: Position;
  readonly end: Position;
}

const BOM = '\uFEFF';

/**
 * One Dockerfile's text plus everything derived from it. Offsets used by transforms refer to
 * `text`, which never includes the BOM: the BOM is kept aside and restored by `toFileContent`.
 */
export class DockerfileDocument {
  readonly bom: boolean;
  readonly text: string;
  private parsed: Dockerfile | undefined;
  private lineStartCache: number[] | undefined;

  constructor(
    readonly path: string,
    content: string,
  ) {
    this.bom = content.startsWith(BOM);
    this.text = this.bom ? content.slice(1) : content;
  }

  /** The same file with new text (after edits), keeping path and BOM. */
  withText(text: string): DockerfileDocument {
    return new DockerfileDocument(this.path, (this.bom ? BOM : '') + text);
  }

  toFileContent(): string {
    return (this.bom ? BOM : '') + this.text;
  }

  /** The dockerfile-ast tree, parsed on first use. */
  get ast(): Dockerfile {
    this.parsed ??= DockerfileParser.parse(this.text);
    return this.parsed;
  }

  /** The RUN instructions, in order. Found by keyword rather than `instanceof`, which fails across copies of dockerfile-ast. */
  runs(): Run[] {
    return this.ast.getInstructions().filter((instruction): instruction is Run => instruction.getKeyword() === 'RUN');
  }

  get escapeCharacter(): string {
    return this.ast.getEscapeCharacter();
  }

  /** The file's dominant line ending: the first one it uses (LF for a one-line file). */
  get eol(): '\n' | '\r\n' {
    const lf = this.text.indexOf('\n');
    return lf > 0 && this.text[lf - 1] === '\r' ? '\r\n' : '\n';
  }

  /** The line ending of the line containing `offset`, falling back to the file's own. */
  eolAt(offset: number): '\n' | '\r\n' {
    const lf = this.text.indexOf('\n', offset);
    if (lf < 0) return this.eol;
    return lf > 0 && this.text[lf - 1] === '\r' ? '\r\n' : '\n';
  }

  /** Line starts as dockerfile-ast counts lines: CRLF, LF and a lone CR each end a line. */
  private get lineStarts(): number[] {
    if (this.lineStartCache) return this.lineStartCache;
    const starts = [0];
    const text = this.text;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        starts.push(i + 1);
      } else if (c === 10) {
        starts.push(i + 1);
      }
    }
    this.lineStartCache = starts;
    return starts;
  }

  offsetAt(position: Position): number {
    const starts = this.lineStarts;
    if (position.line >= starts.length) return this.text.length;
    const lineStart = starts[position.line] ?? 0;
    const nextStart = starts[position.line + 1] ?? this.text.length;
    return Math.min(lineStart + position.character, nextStart);
  }

  /** 0-based line of an offset. */
  lineAt(offset: number): number {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if ((starts[mid] ?? 0) <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }

  slice(range: Range): string {
    return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
  }
}
