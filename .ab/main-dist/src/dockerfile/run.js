import { findCommands } from '../shell/commands.js';
import { lex } from '../shell/lexer.js';
import { basename, invocationsOfArgv, invocationsOfCommands } from '../shell/invocations.js';
import { droppedLinesEnd, lineContinuationEnd, readFlags } from './flags.js';
import { parseMountValue } from './mount.js';
/** File range of a range of script text, or undefined when the text is not a verbatim slice of the file (`sh -c "..."`). */
export function sourceRange(script, command, start, end) {
    if (!script || !command?.exact)
        return undefined;
    return { start: script.toSource(start), end: script.toSource(end - 1) + 1 };
}
/** File range of the invocation's word at `index` (0 is the program). */
export function wordRange(invocation, index) {
    const word = invocation.words?.[index];
    return word ? sourceRange(invocation.script, invocation.command, word.start, word.end) : undefined;
}
const SHELL_PROGRAMS = /^(sh|bash|dash|ash|zsh|ksh|mksh)$/;
export function analyzeRun(document, run) {
    const escape = document.escapeCharacter;
    const keywordEnd = document.offsetAt(run.getInstructionRange().end);
    const instructionEnd = document.offsetAt(run.getRange().end);
    const flags = readFlags(document.text, keywordEnd, instructionEnd, escape);
    const mounts = flags
        .filter((flag) => flag.name.toLowerCase() === 'mount' && flag.value !== null)
        .map((flag) => parseMountValue(unquoteFlagValue(flag.value)));
    const lastFlag = flags[flags.length - 1];
    const flagInsertOffset = lastFlag ? lastFlag.end : keywordEnd;
    const commandStart = flagInsertOffset;
    const heredocs = run.getHeredocs();
    const heredocLines = new Set();
    for (const heredoc of heredocs) {
        const from = heredoc.getStartRange().start.line + 1;
        const to = (heredoc.getDelimiterRange() ?? heredoc.getContentRange())?.end.line ?? document.lineAt(instructionEnd);
        for (let line = from; line <= to; line++)
            heredocLines.add(line);
    }
    const commandLine = logicalText(document, commandStart, instructionEnd, escape, heredocLines);
    const execArgv = heredocs.length === 0 ? parseExecForm(commandLine.text) : undefined;
    const form = heredocs.length > 0 ? 'heredoc' : execArgv ? 'exec' : 'shell';
    const scripts = [];
    let invocations;
    if (execArgv) {
        invocations = invocationsOfArgv(execArgv);
    }
    else {
        const lineScript = scriptOf(commandLine.text, (offset) => commandLine.sourceOffsets[offset] ?? instructionEnd, form === 'heredoc');
        scripts.push(lineScript);
        invocations = located(lineScript);
        const heredocScript = form === 'heredoc' ? heredocShellScript(document, lineScript, heredocs) : undefined;
        if (heredocScript) {
            // The shell that reads the heredoc is not itself a package manager call; its script's commands are.
            invocations = [...invocations.filter((invocation) => !SHELL_PROGRAMS.test(basename(invocation.argv[0] ?? ''))), ...located(heredocScript)];
            scripts.push(heredocScript);
        }
    }
    return {
        instruction: run,
        line: run.getRange().start.line,
        form,
        flags,
        mounts,
        flagInsertOffset,
        scripts,
        invocations,
    };
}
function scriptOf(text, toSource, heredocBodiesCut = false) {
    return { text, commands: findCommands(text, { heredocBodiesInline: !heredocBodiesCut }), toSource };
}
function located(script) {
    return invocationsOfCommands(script.text, script.commands).map((invocation) => ({ ...invocation, script }));
}
/** BuildKit runs a RUN in exec form when its arguments are a JSON array of strings; otherwise a shell runs them. */
function parseExecForm(text) {
    const trimmed = text.trim();
    if (!trimmed.startsWith('['))
        return undefined;
    try {
        const value = JSON.parse(trimmed);
        return Array.isArray(value) && value.length > 0 && value.every((item) => typeof item === 'string') ? value : undefined;
    }
    catch {
        return undefined;
    }
}
/** Flag values may be quoted shell-style (`--mount="type=cache,target=/x"`). */
function unquoteFlagValue(value) {
    const [word] = lex(value);
    return word?.kind === 'word' ? word.value : value;
}
/** Builds the shell's view of `[start, end)`: continuations joined, comment and blank lines inside them dropped. */
export function logicalText(document, start, end, escape, skippedLines = new Set()) {
    const source = document.text;
    let text = '';
    const sourceOffsets = [];
    let i = start;
    let line = document.lineAt(start);
    let nextLine = nextLineStart(source, start);
    // Keeps `line` in step with `i`; offsets only move forward.
    const advanceTo = (offset) => {
        while (offset >= nextLine && nextLine < source.length) {
            line++;
            nextLine = nextLineStart(source, nextLine);
        }
        i = offset;
    };
    while (i < end) {
        if (skippedLines.has(line)) {
            // A heredoc body: keep a newline so the command before it ends there.
            if (!text.endsWith('\n')) {
                text += '\n';
                sourceOffsets.push(i);
            }
            advanceTo(nextLine);
            continue;
        }
        const continued = lineContinuationEnd(source, i, escape);
        if (continued !== undefined) {
            advanceTo(droppedLinesEnd(source, continued, end, (offset) => skippedLines.has(document.lineAt(offset))));
            continue;
        }
        const c = source[i];
        if (!(c === '\r' && source[i + 1] === '\n')) {
            text += c;
            sourceOffsets.push(i);
        }
        advanceTo(i + 1);
    }
    sourceOffsets.push(Math.min(i, end));
    return { text, sourceOffsets };
}
function nextLineStart(text, offset) {
    const lf = text.indexOf('\n', offset);
    return lf < 0 ? text.length : lf + 1;
}
/**
 * In `RUN <<EOF` the first heredoc is the script; `RUN bash <<EOF` feeds it to a shell. Other
 * heredocs are data (`RUN python3 <<EOF`, `RUN cat <<EOF > file`): only their command line runs.
 */
function heredocShellScript(document, commandLine, heredocs) {
    const first = commandLine.commands[0];
    const feedsShell = first === undefined || (SHELL_PROGRAMS.test(basename(first.argv[0] ?? '')) && first.argv.slice(1).every((arg) => arg.startsWith('-')));
    const body = heredocs[0]?.getContentRange();
    if (!feedsShell || !body)
        return undefined;
    const start = document.offsetAt(body.start);
    return scriptOf(document.slice(body), (offset) => start + offset);
}
//# sourceMappingURL=run.js.map