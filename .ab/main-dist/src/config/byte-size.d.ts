/** `--max-file-size`: bytes, or a number with a k or m suffix (binary units, as `du` uses). */
export declare function parseByteSize(text: string | number): number | undefined;
