/** A replacement of `text[start, end)` by `newText`, in offsets of the text a transform was given. */
export interface TextEdit {
    readonly start: number;
    readonly end: number;
    readonly newText: string;
}
export declare function insertAt(offset: number, newText: string): TextEdit;
