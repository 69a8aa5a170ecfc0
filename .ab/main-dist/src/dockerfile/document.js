import { DockerfileParser } from 'dockerfile-ast';
const BOM = '\uFEFF';
/**
 * One Dockerfile's text plus everything derived from it. Offsets used by transforms refer to
 * `text`, which never includes the BOM: the BOM is kept aside and restored by `toFileContent`.
 */
export class DockerfileDocument {
    path;
    bom;
    text;
    parsed;
    lineStartCache;
    constructor(path, content) {
        this.path = path;
        this.bom = content.startsWith(BOM);
        this.text = this.bom ? content.slice(1) : content;
    }
    /** The same file with new text (after edits), keeping path and BOM. */
    withText(text) {
        return new DockerfileDocument(this.path, (this.bom ? BOM : '') + text);
    }
    toFileContent() {
        return (this.bom ? BOM : '') + this.text;
    }
    /** The dockerfile-ast tree, parsed on first use. */
    get ast() {
        this.parsed ??= DockerfileParser.parse(this.text);
        return this.parsed;
    }
    /** The RUN instructions, in order. Found by keyword rather than `instanceof`, which fails across copies of dockerfile-ast. */
    runs() {
        return this.ast.getInstructions().filter((instruction) => instruction.getKeyword() === 'RUN');
    }
    get escapeCharacter() {
        return this.ast.getEscapeCharacter();
    }
    /** The file's dominant line ending: the first one it uses (LF for a one-line file). */
    get eol() {
        const lf = this.text.indexOf('\n');
        return lf > 0 && this.text[lf - 1] === '\r' ? '\r\n' : '\n';
    }
    /** The line ending of the line containing `offset`, falling back to the file's own. */
    eolAt(offset) {
        const lf = this.text.indexOf('\n', offset);
        if (lf < 0)
            return this.eol;
        return lf > 0 && this.text[lf - 1] === '\r' ? '\r\n' : '\n';
    }
    /** Line starts as dockerfile-ast counts lines: CRLF, LF and a lone CR each end a line. */
    get lineStarts() {
        if (this.lineStartCache)
            return this.lineStartCache;
        const starts = [0];
        const text = this.text;
        for (let i = 0; i < text.length; i++) {
            const c = text.charCodeAt(i);
            if (c === 13) {
                if (text.charCodeAt(i + 1) === 10)
                    i++;
                starts.push(i + 1);
            }
            else if (c === 10) {
                starts.push(i + 1);
            }
        }
        this.lineStartCache = starts;
        return starts;
    }
    offsetAt(position) {
        const starts = this.lineStarts;
        if (position.line >= starts.length)
            return this.text.length;
        const lineStart = starts[position.line] ?? 0;
        const nextStart = starts[position.line + 1] ?? this.text.length;
        return Math.min(lineStart + position.character, nextStart);
    }
    /** 0-based line of an offset. */
    lineAt(offset) {
        const starts = this.lineStarts;
        let low = 0;
        let high = starts.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if ((starts[mid] ?? 0) <= offset)
                low = mid;
            else
                high = mid - 1;
        }
        return low;
    }
    slice(range) {
        return this.text.slice(this.offsetAt(range.start), this.offsetAt(range.end));
    }
}
//# sourceMappingURL=document.js.map