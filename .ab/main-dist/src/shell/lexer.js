/**
 * A POSIX-shell tokenizer that keeps source offsets, so that commands can be found wherever a
 * shell would run them and, later, edited in place. It understands quoting, escapes, comments,
 * operators, `$(...)`, backticks, `${...}` and here-documents; it does not expand anything.
 */
// Longest first, so that `&&` wins over `&`.
const OPERATORS = [
    '&>>', '<<-', '<<<',
    '&&', '||', ';;', '|&', '&>', '>>', '<<', '>&', '<&', '>|', '<>',
    ';', '&', '|', '(', ')', '<', '>',
];
const OPERATOR_START = new Set(OPERATORS.map((op) => op[0]));
function isBlank(c) {
    return c === ' ' || c === '\t' || c === '\r';
}
export function lex(text, options = {}) {
    const bodiesInline = options.heredocBodiesInline ?? true;
    const tokens = [];
    const pendingHeredocs = [];
    let i = 0;
    const n = text.length;
    /** The index after a backslash escape at `j`: never past the end, where a trailing `\` has nothing to escape. */
    const afterEscape = (j) => Math.min(j + 2, n);
    /** Skip from `open` (an index just after the opening bracket) to after the matching close. */
    const skipBalanced = (from, open, close) => {
        let depth = 1;
        let j = from;
        while (j < n && depth > 0) {
            const c = text[j];
            if (c === '\\')
                j = afterEscape(j);
            else if (c === "'")
                j = skipSingleQuoted(j + 1);
            else if (c === '"')
                j = skipDoubleQuoted(j + 1);
            else {
                if (c === open)
                    depth++;
                else if (c === close)
                    depth--;
                j++;
            }
        }
        return j;
    };
    const skipSingleQuoted = (from) => {
        const close = text.indexOf("'", from);
        return close < 0 ? n : close + 1;
    };
    const skipDoubleQuoted = (from) => {
        let j = from;
        while (j < n && text[j] !== '"') {
            if (text[j] === '\\')
                j = afterEscape(j);
            else if (text.startsWith('$(', j))
                j = skipBalanced(j + 2, '(', ')');
            else if (text[j] === '`')
                j = skipBacktick(j + 1);
            else
                j++;
        }
        return Math.min(j + 1, n);
    };
    const skipBacktick = (from) => {
        let j = from;
        while (j < n && text[j] !== '`')
            j = text[j] === '\\' ? afterEscape(j) : j + 1;
        return Math.min(j + 1, n);
    };
    const readHeredocBodies = (from) => {
        let j = from;
        for (const { delimiter, stripTabs } of pendingHeredocs) {
            while (j < n) {
                let lineEnd = text.indexOf('\n', j);
                if (lineEnd < 0)
                    lineEnd = n;
                let line = text.slice(j, lineEnd).replace(/\r$/, '');
                if (stripTabs)
                    line = line.replace(/^\t+/, '');
                j = lineEnd + 1;
                if (line === delimiter)
                    break;
            }
        }
        pendingHeredocs.length = 0;
        return Math.min(j, n);
    };
    const readWord = (start) => {
        let j = start;
        let value = '';
        let quoted = false;
        const substitutions = [];
        while (j < n) {
            const c = text[j];
            if (isBlank(c) || c === '\n' || OPERATOR_START.has(c))
                break;
            if (c === '\\') {
                quoted = true;
                if (text[j + 1] === '\n') {
                    j += 2;
                    continue;
                }
                value += text[j + 1] ?? '';
                j = afterEscape(j);
            }
            else if (c === "'") {
                quoted = true;
                const end = skipSingleQuoted(j + 1);
                value += text.slice(j + 1, text[end - 1] === "'" ? end - 1 : end);
                j = end;
            }
            else if (c === '"') {
                quoted = true;
                j++;
                while (j < n && text[j] !== '"') {
                    if (text[j] === '\\' && j + 1 < n && '$`"\\\n'.includes(text[j + 1])) {
                        if (text[j + 1] !== '\n')
                            value += text[j + 1];
                        j += 2;
                    }
                    else if (text.startsWith('$(', j)) {
                        const end = skipBalanced(j + 2, '(', ')');
                        substitutions.push({ start: j + 2, end: end - 1 });
                        value += text.slice(j, end);
                        j = end;
                    }
                    else if (text[j] === '`') {
                        const end = skipBacktick(j + 1);
                        substitutions.push({ start: j + 1, end: end - 1 });
                        value += text.slice(j, end);
                        j = end;
                    }
                    else {
                        value += text[j];
                        j++;
                    }
                }
                j = Math.min(j + 1, n);
            }
            else if (text.startsWith('$(', j)) {
                const end = skipBalanced(j + 2, '(', ')');
                substitutions.push({ start: j + 2, end: end - 1 });
                value += text.slice(j, end);
                j = end;
            }
            else if (text.startsWith('${', j)) {
                const end = skipBalanced(j + 2, '{', '}');
                value += text.slice(j, end);
                j = end;
            }
            else if (c === '`') {
                const end = skipBacktick(j + 1);
                substitutions.push({ start: j + 1, end: end - 1 });
                value += text.slice(j, end);
                j = end;
            }
            else {
                value += c;
                j++;
            }
        }
        const singleQuoted = text[start] === "'" && text[j - 1] === "'" && skipSingleQuoted(start + 1) === j;
        return {
            kind: 'word',
            start,
            end: j,
            value,
            quoted,
            ...(singleQuoted ? { singleQuotedBody: { start: start + 1, end: j - 1 } } : {}),
            substitutions,
        };
    };
    while (i < n) {
        const c = text[i];
        if (isBlank(c)) {
            i++;
        }
        else if (c === '\n') {
            tokens.push({ kind: 'newline', start: i, end: i + 1 });
            i++;
            if (pendingHeredocs.length > 0) {
                if (bodiesInline)
                    i = readHeredocBodies(i);
                else
                    pendingHeredocs.length = 0;
            }
        }
        else if (c === '#') {
            // A comment runs to the end of the line; `#` inside a word is handled by readWord.
            const lf = text.indexOf('\n', i);
            i = lf < 0 ? n : lf;
        }
        else if (c === '\\' && text[i + 1] === '\n') {
            i += 2;
        }
        else if (OPERATOR_START.has(c)) {
            const op = OPERATORS.find((candidate) => text.startsWith(candidate, i));
            tokens.push({ kind: 'op', start: i, end: i + op.length, value: op });
            i += op.length;
            if (op === '<<' || op === '<<-') {
                while (isBlank(text[i]))
                    i++;
                const delimiter = readWord(i);
                tokens.push(delimiter);
                i = delimiter.end;
                pendingHeredocs.push({ delimiter: delimiter.value, stripTabs: op === '<<-' });
            }
        }
        else {
            const word = readWord(i);
            tokens.push(word);
            i = word.end;
        }
    }
    return tokens;
}
//# sourceMappingURL=lexer.js.map