import { flagName } from '../engine/options.js';
import type { Transform } from '../engine/transform.js';

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
  const facts = transform.explain?.();
  if (facts) lines.push('', facts);
  return `${lines.join('\n')}\n`;
}
