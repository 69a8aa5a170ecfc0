import { type Dockerfile, type Run } from 'dockerfile-ast';
/** A position as dockerfile-ast reports it: 0-based line and UTF-16 column. */
export interface Position {
    readonly line: number;
    readonly character: number;
}
export interface Range {
    readonly start: Position;
    readonly end: Position;
}
/**
 * One Dockerfile's text plus everything derived from it. Offsets used by transforms refer to
 * `text`, which never includes the BOM: the BOM is kept aside and restored by `toFileContent`.
 */
export declare class DockerfileDocument {
    readonly path: string;
    readonly bom: boolean;
    readonly text: string;
    private parsed;
    private lineStartCache;
    constructor(path: string, content: string);
    /** The same file with new text (after edits), keeping path and BOM. */
    withText(text: string): DockerfileDocument;
    toFileContent(): string;
    /** The dockerfile-ast tree, parsed on first use. */
    get ast(): Dockerfile;
    /** The RUN instructions, in order. Found by keyword rather than `instanceof`, which fails across copies of dockerfile-ast. */
    runs(): Run[];
    get escapeCharacter(): string;
    /** The file's dominant line ending: the first one it uses (LF for a one-line file). */
    get eol(): '\n' | '\r\n';
    /** The line ending of the line containing `offset`, falling back to the file's own. */
    eolAt(offset: number): '\n' | '\r\n';
    /** Line starts as dockerfile-ast counts lines: CRLF, LF and a lone CR each end a line. */
    private get lineStarts();
    offsetAt(position: Position): number;
    /** 0-based line of an offset. */
    lineAt(offset: number): number;
    slice(range: Range): string;
}
