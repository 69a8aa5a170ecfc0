import { optionProblems, transformById, transformEntries } from './engine/options.js';
import { BUILTIN_TRANSFORMS } from '../transforms/index.js';
import { transformContent } from './engine/pipeline.js';
/**
 * Runs transforms over one Dockerfile's text, without touching the disk: the CLI's engine for
 * scripts and editors. Throws on an unknown transform id, a bad option value, or a transform
 * that fails.
 */
export function transform(source, settings = {}) {
    const objects = settings.transforms?.filter((entry) => typeof entry !== 'string') ?? [];
    const known = [...BUILTIN_TRANSFORMS, ...objects];
    const selected = settings.transforms
        ? settings.transforms.flatMap((entry) => (typeof entry === 'string' ? transformEntries([entry]).map((id) => transformById(id, known)) : [entry]))
        : BUILTIN_TRANSFORMS.filter((candidate) => candidate.defaultOn);
    const [problem] = optionProblems(settings.options ?? {}, known);
    if (problem)
        throw new Error(`options "${problem.key}": ${problem.problem}`);
    const result = transformContent(settings.path ?? 'Dockerfile', source, selected, settings.options);
    if (result.status === 'error')
        throw new Error(`${result.path}: ${result.error}`);
    return {
        output: result.output ?? source,
        changed: result.status === 'changed',
        changes: result.changes,
        skipped: result.skipped,
        ...(result.status === 'skipped' && result.error ? { reason: result.error } : {}),
    };
}
//# sourceMappingURL=library.js.map