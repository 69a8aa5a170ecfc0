import { didYouMean } from '../shared/suggest.js';
function describe(value) {
    if (Array.isArray(value))
        return 'an array';
    if (value === null)
        return 'null';
    return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
}
/** Why `value` is not acceptable for an option, or undefined when it is. */
export function optionProblem(spec, value) {
    if (typeof value !== spec.type) {
        // YAML reads 0755 as the number 755.
        const hint = spec.type === 'string' && typeof value === 'number' ? ' (quote it)' : '';
        return `expected a ${spec.type}, got ${describe(value)}${hint}`;
    }
    if (spec.choices && !spec.choices.includes(String(value)))
        return `expected one of ${spec.choices.join(', ')}, got ${describe(value)}`;
    return spec.validate?.(value);
}
/** Checks option values against the transforms' declarations. */
export function optionProblems(options, transforms) {
    const problems = [];
    for (const [id, values] of Object.entries(options)) {
        const transform = transforms.find((candidate) => candidate.id === id);
        if (!transform) {
            problems.push({ key: id, problem: `unknown transform${didYouMean(id, transforms.map((t) => t.id))}` });
            continue;
        }
        if (typeof values !== 'object' || values === null || Array.isArray(values)) {
            problems.push({ key: id, problem: `expected an object of option values, got ${describe(values)}` });
            continue;
        }
        for (const [name, value] of Object.entries(values)) {
            const spec = transform.options.find((candidate) => candidate.name === name);
            const problem = spec ? optionProblem(spec, value) : `unknown option of ${id}${didYouMean(name, transform.options.map((o) => o.name))}`;
            if (problem)
                problems.push({ key: `${id}.${name}`, problem });
        }
    }
    return problems;
}
/** Layers option values: later layers win, key by key within each transform. */
export function mergeOptions(...layers) {
    const merged = {};
    for (const layer of layers) {
        for (const [id, values] of Object.entries(layer ?? {}))
            merged[id] = { ...merged[id], ...values };
    }
    return merged;
}
/** The entries of transform lists as given (repeated flags, commas inside one): trimmed, empty ones left out. */
export function transformEntries(values) {
    return values
        .flatMap((value) => value.split(','))
        .map((entry) => entry.trim())
        .filter((entry) => entry !== '');
}
/** The transform with this id; throws, naming the known ones, when there is none. */
export function transformById(id, available) {
    const transform = available.find((candidate) => candidate.id === id);
    if (!transform)
        throw new Error(`unknown transform "${id}"${didYouMean(id, available.map((t) => t.id))}; known: ${available.map((t) => t.id).join(', ')}`);
    return transform;
}
/** The command-line flag of an option: its camelCase name in kebab-case. */
export function flagName(name) {
    return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
//# sourceMappingURL=options.js.map