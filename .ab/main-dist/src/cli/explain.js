import { flagName } from '../engine/options.js';
import { didYouMean } from '../shared/suggest.js';
import { EXIT } from './environment.js';
/** The text of `--explain <id>`: what the transform does, its options (flag and config key), and its facts. */
export function explainTransform(transform) {
    const lines = [`${transform.id}${transform.defaultOn ? ' (runs by default)' : ' (runs only when selected with --transform)'}`, `  ${transform.description}`, ''];
    if (transform.options.length === 0) {
        lines.push('Options: none.');
    }
    else {
        lines.push(`Options (flag; in a config file: "options": {"${transform.id}": {"<name>": value}}):`);
        for (const spec of transform.options) {
            const values = spec.choices ? spec.choices.join('|') : spec.type;
            lines.push(`  --${flagName(spec.name)} <${values}>  (config "${spec.name}", default ${JSON.stringify(spec.default)})`, `      ${spec.description}`);
        }
    }
    const facts = transform.explain?.();
    if (facts)
        lines.push('', facts);
    return `${lines.join('\n')}\n`;
}
/** `--explain <id>`, or the list of transforms for a bare `--explain`; returns the exit code. */
export function explain(id, transforms, { stdout, stderr }) {
    if (id === '') {
        for (const transform of transforms)
            stdout.write(`${transform.id.padEnd(16)} ${transform.description}\n`);
        stdout.write('\nRun dockerfile-codemod --explain <id> for one of them.\n');
        return EXIT.ok;
    }
    const transform = transforms.find((candidate) => candidate.id === id);
    if (!transform) {
        const ids = transforms.map((candidate) => candidate.id);
        stderr.write(`dockerfile-codemod: --explain ${id}: unknown transform${didYouMean(id, ids)}; known: ${ids.join(', ')}\n`);
        return EXIT.failure;
    }
    stdout.write(explainTransform(transform));
    return EXIT.ok;
}
//# sourceMappingURL=explain.js.map