import { flagName } from '../engine/options.js';
import type { Transform } from '../engine/transform.js';
import { didYouMean } from '../shared/suggest.js';
import { EXIT, type CliEnvironment } from './environment.js';

/** The text of `--explain <id>`: what the transform does, its options (flag and config key), and its facts. */
export function explainTransform(transform: Transform): string {
  const lines = [`${transform.id}${transform.defaultOn ? ' (runs by default)' : ' (runs only when selected with --transform)'}`, `  ${transform.description}`, ''];
  if (transform.options.length === 0) {
    lines.push('Options: none.');
  } else {
    lines.push(`Options (flag; in a config file: "options": {"${transform.id}": {"<name>": value}}):`);
    for (const spec of transform.options) {
      const values = spec.choices ? spec.choices.join('|') : spec.type;
      lines.push(`  --${flagName(spec.name)} <${values}>  (config "${spec.name}", default ${JSON.stringify(spec.default)})`, `      ${spec.description}`);
    }
  }
  const subRules = transform.subRules ?? [];
  if (subRules.length > 0) {
    lines.push('', `Sub-rules (select with -t ${transform.id}/<name>; exempt with # dockerfile-codemod ignore=${transform.id}/<name>):`);
    const width = Math.max(...subRules.map((rule) => rule.topic.length)) + transform.id.length + 3;
    for (const rule of subRules) lines.push(`  ${`${transform.id}/${rule.topic}`.padEnd(width)}${rule.description}`);
  }
  const facts = transform.explain?.();
  if (facts) lines.push('', facts);
  return `${lines.join('\n')}\n`;
}

/** `--explain <id>`, or the list of transforms for a bare `--explain`; returns the exit code. */
export function explain(id: string, transforms: readonly Transform[], { stdout, stderr }: Pick<CliEnvironment, 'stdout' | 'stderr'>): number {
  if (id === '') {
    for (const transform of transforms) stdout.write(`${transform.id.padEnd(16)} ${transform.description}\n`);
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
