/** The offset after a line continuation (escape, blanks, line break) at `offset`, or undefined when there is none. */
export function lineContinuationEnd(text, offset, escape) {
    if (text[offset] !== escape)
        return undefined;
    let j = offset + 1;
    while (text[j] === ' ' || text[j] === '\t')
        j++;
    if (text[j] === '\r' && text[j + 1] === '\n')
        return j + 2;
    if (text[j] === '\n' || text[j] === '\r')
        return j + 1;
    return undefined;
}
/**
 * From the start of a line inside a continuation, the offset after the empty and comment lines
 * Docker drops there. `keep` stops at a line that is not the continuation's (a heredoc body).
 */
export function droppedLinesEnd(text, from, to, keep = () => false) {
    let i = from;
    while (i < to && !keep(i)) {
        const lf = text.indexOf('\n', i);
        const next = lf < 0 ? text.length : lf + 1;
        const content = text.slice(i, next).trim();
        if (content !== '' && !content.startsWith('#'))
            break;
        i = next;
    }
    return i;
}
/** Skips blanks, and continuations with the lines Docker drops after them. */
function skipSeparators(text, from, to, escape) {
    let i = from;
    for (;;) {
        while (i < to && (text[i] === ' ' || text[i] === '\t'))
            i++;
        const next = lineContinuationEnd(text, i, escape);
        if (next === undefined)
            return i;
        i = droppedLinesEnd(text, next, to);
    }
}
/** The flags between `from` (just after the keyword) and `to` (the end of the instruction). */
export function readFlags(text, from, to, escape) {
    const flags = [];
    for (let i = skipSeparators(text, from, to, escape); i < to && text.startsWith('--', i); i = skipSeparators(text, i, to, escape)) {
        const start = i;
        let quote;
        while (i < to) {
            const c = text[i];
            if (quote) {
                if (c === quote)
                    quote = undefined;
            }
            else if (c === '"' || c === "'") {
                quote = c;
            }
            else if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || lineContinuationEnd(text, i, escape) !== undefined) {
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
//# sourceMappingURL=flags.js.map