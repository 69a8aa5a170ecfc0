import type { FileResult } from '../../engine/pipeline.js';
import { itemLine, listedItems } from '../items.js';
import { changeLevel, RuleTable } from '../rules.js';
import { summaryLine } from '../summary.js';
import type { Formatter, FormatterContext, Mode } from '../types.js';

type Command = 'error' | 'warning' | 'notice';

// The runner reads a command up to the end of the line, and `::`/`,` end a property value.
const escapeData = (text: string) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text: string) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');

function command(name: Command, properties: Readonly<Record<string, string | number>>, message: string): string {
  const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
  return `::${name} ${list.join(',')}::${escapeData(message)}\n`;
}

const count = (n: number, noun: string) => `${n} ${noun}${n === 1 ? '' : 's'}`;

/**
 * The workflow command for one file: a single annotation (GitHub shows only about ten per step),
 * at its first changed line, listing every change and skip with its rule and detail; a notice for
 * a file with skips only or skipped as a whole; an error for a file in error.
 */
export function githubAnnotations(result: FileResult, mode: Mode, rules: RuleTable): string {
  const file = result.path;
  if (result.status === 'error') return command('error', { file }, `${result.error}`);
  if (result.status === 'skipped') return command('notice', { file }, `skipped: ${result.error}`);
  const listed = listedItems(result);
  if (listed.length === 0) return '';
  const changes = result.changes.length;
  const title =
    changes === 0 ? `dockerfile-codemod: ${count(result.skipped.length, 'optimisation')} skipped` : `dockerfile-codemod: ${count(changes, 'change')} ${mode === 'write' ? 'made' : 'to make'}`;
  const message = listed.map((entry) => `line ${itemLine(entry, rules.ruleId(entry.item))}${entry.detail ? `\n  ${entry.detail}` : ''}`).join('\n');
  const level = changes > 0 && changeLevel(mode) === 'warning' ? 'warning' : 'notice';
  return command(level, { file, line: listed[0]!.item.line, title }, message);
}

/** Workflow commands on stdout, which the Actions runner turns into annotations; the summary on stderr. */
export function githubFormatter({ stdout, stderr, mode, transforms, stdin }: FormatterContext): Formatter {
  const rules = new RuleTable(transforms);
  return {
    file(result) {
      stdout.write(githubAnnotations(result, mode, rules));
    },
    finish(summary) {
      if (!stdin) stderr.write(`${summaryLine(summary, mode)}\n`);
    },
  };
}
