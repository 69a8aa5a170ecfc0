import { DockerfileDocument } from '../dockerfile/document.js';
import { applyEdits, LineMap } from './edits.js';
const IGNORE_COMMENT = /^#\s*dockerfile-codemod\s+ignore(?:\s*=\s*([\w,\s-]+))?\s*$/;
/**
 * Lines (0-based) of instructions exempted by `# dockerfile-codemod ignore[=ids]` in the comment
 * block right above them, with the transform ids exempted (`undefined`: all of them).
 */
function inlineIgnores(document) {
    const ignores = new Map();
    const lines = document.text.split(/\r?\n/);
    for (const instruction of document.ast.getInstructions()) {
        const first = instruction.getRange().start.line;
        for (let line = first - 1; line >= 0; line--) {
            const content = lines[line].trim();
            if (!content.startsWith('#'))
                break;
            const match = IGNORE_COMMENT.exec(content);
            if (!match)
                continue;
            const ids = match[1]?.split(',').map((id) => id.trim()).filter(Boolean);
            const previous = ignores.get(first);
            if (!ids || (ignores.has(first) && previous === undefined))
                ignores.set(first, undefined);
            else
                ignores.set(first, new Set([...(previous ?? []), ...ids]));
        }
    }
    return ignores;
}
/** A transform's option values, defaults filled in. */
function optionValues(transform, options) {
    const values = {};
    for (const spec of transform.options)
        values[spec.name] = options[transform.id]?.[spec.name] ?? spec.default;
    return values;
}
function contextFor(transform, document, options) {
    const values = optionValues(transform, options);
    let ignores;
    return {
        options: values,
        isIgnored(line) {
            ignores ??= inlineIgnores(document);
            if (!ignores.has(line))
                return false;
            const ids = ignores.get(line);
            return ids === undefined || ids.has(transform.id);
        },
    };
}
const INSTRUCTIONS = new Set([
    'FROM', 'RUN', 'CMD', 'LABEL', 'MAINTAINER', 'EXPOSE', 'ENV', 'ADD', 'COPY', 'ENTRYPOINT', 'VOLUME', 'USER', 'WORKDIR', 'ARG',
    'ONBUILD', 'STOPSIGNAL', 'HEALTHCHECK', 'SHELL',
]);
/** Why a file is left alone as a whole, or undefined when transforms may run on it. */
function whyNotTransformable(document) {
    // Docker splits lines at LF only, dockerfile-ast also at a lone CR: edits could land mid-line for Docker.
    const bareCr = /\r(?!\n)/.exec(document.text);
    if (bareCr)
        return `contains a bare carriage return (CR without LF) on line ${document.lineAt(bareCr.index) + 1}, where Docker and the parser disagree about lines`;
    const instructions = document.ast.getInstructions();
    const unknown = instructions.find((instruction) => !INSTRUCTIONS.has(instruction.getKeyword()));
    if (unknown) {
        const line = unknown.getRange().start.line + 1;
        return `line ${line}: unknown instruction ${JSON.stringify(unknown.getInstruction())}: not a valid Dockerfile (a template?)`;
    }
    if (!instructions.some((instruction) => instruction.getKeyword() === 'FROM'))
        return 'no FROM instruction: not a Dockerfile';
    return undefined;
}
/**
 * Runs transforms in order over one file's content, re-parsing between them so each sees the
 * previous one's result. Pure: no I/O. A transform that throws puts the file in error.
 */
export function transformContent(path, content, transforms, options = {}) {
    try {
        return transformUnguarded(path, content, transforms, options);
    }
    catch (error) {
        // The parser or the engine failing on one pathological file (a stack overflow, say) fails that file only.
        const message = error instanceof Error ? error.message : String(error);
        return { path, status: 'error', changes: [], skipped: [], original: content, error: `cannot process this file: ${message}` };
    }
}
function transformUnguarded(path, content, transforms, options) {
    let document = new DockerfileDocument(path, content);
    if (document.text.trim() === '') {
        return { path, status: 'skipped', changes: [], skipped: [], original: content, output: content, error: 'empty file' };
    }
    // Files no selected transform can touch are not parsed at all: most of a monorepo's files, usually.
    if (!transforms.some((transform) => transform.mightApply?.(document.text, optionValues(transform, options)) ?? true)) {
        return { path, status: 'unchanged', changes: [], skipped: [], original: content, output: content };
    }
    const unusable = whyNotTransformable(document);
    if (unusable)
        return { path, status: 'skipped', changes: [], skipped: [], original: content, output: content, error: unusable };
    const changes = [];
    const skipped = [];
    const lineMaps = [];
    const toOriginalLine = (line) => lineMaps.reduceRight((current, map) => map.toOriginal(current), line);
    for (const transform of transforms) {
        if (transform.mightApply && !transform.mightApply(document.text, optionValues(transform, options)))
            continue;
        let result;
        let edited;
        try {
            result = transform.apply(document, contextFor(transform, document, options));
            const edits = result.changes.flatMap((change) => change.edits);
            // Applied here too: edits a transform got wrong (overlapping, out of range) fail this file only.
            if (edits.length > 0)
                edited = { text: applyEdits(document.text, edits), lines: new LineMap(document.text, edits) };
        }
        catch (error) {
            const message = error instanceof Error ? error.message : String(error);
            return { path, status: 'error', changes: [], skipped: [], original: content, error: `transform ${transform.id} failed: ${message}` };
        }
        const report = (item) => ({
            transform: transform.id,
            line: toOriginalLine(item.line),
            message: item.message,
            ...(item.topic ? { topic: item.topic } : {}),
        });
        // Not push(...items): a spread of 100,000 items overflows the stack.
        for (const change of result.changes)
            changes.push(report(change));
        for (const skip of result.skips)
            skipped.push(report(skip));
        if (edited === undefined)
            continue;
        lineMaps.push(edited.lines);
        document = document.withText(edited.text);
    }
    const output = document.toFileContent();
    const byLine = (a, b) => a.line - b.line;
    return { path, status: output === content ? 'unchanged' : 'changed', changes: changes.sort(byLine), skipped: skipped.sort(byLine), original: content, output };
}
//# sourceMappingURL=pipeline.js.map