import type { TextEdit } from './text-edit.js';
import type { SimpleCommand } from '../shell/commands.js';
import { sourceRange, wordRange, type LocatedInvocation, type ShellScript } from './run.js';

/** Connectors a command can be cut out of without changing what the rest of the chain does. */
const NEUTRAL = new Set(['&&', ';', '\n']);

/** A simple command of a RUN's script to cut out. */
export interface CommandRemoval {
  readonly script: ShellScript;
  readonly command: SimpleCommand;
}

/**
 * Cuts commands out of their `&&`/`;` chains. Neighbouring removals are merged; a run of removed
 * commands takes the connector (and any continuation) before it, or after it when it starts the
 * script. Commands joined by `||` or `|`, inside `if`/`for` or strings, or alone in the RUN stay,
 * with the reason.
 */
export function removeCommands<T extends CommandRemoval>(removals: readonly T[]): { edits: { group: T[]; edit: TextEdit }[]; kept: { removal: T; why: string }[] } {
  const edits: { group: T[]; edit: TextEdit }[] = [];
  const kept: { removal: T; why: string }[] = [];
  const byScript = new Map<ShellScript, T[]>();
  for (const removal of removals) {
    const list = byScript.get(removal.script) ?? [];
    if (!list.some((other) => other.command === removal.command)) list.push(removal);
    byScript.set(removal.script, list);
  }
  for (const [script, list] of byScript) {
    const top = script.commands.filter((command) => command.via.length === 0);
    for (const removal of list) if (removal.command.via.length > 0) kept.push({ removal, why: `it runs inside ${removal.command.via.join(' inside ')}` });
    const removed = new Set(list.map((removal) => removal.command));
    const removalOf = (command: SimpleCommand) => list.find((removal) => removal.command === command)!;
    for (let i = 0; i < top.length; i++) {
      if (!removed.has(top[i]!)) continue;
      let j = i;
      while (j + 1 < top.length && removed.has(top[j + 1]!)) j++;
      const group = top.slice(i, j + 1);
      const previous = top[i - 1];
      const next = top[j + 1];
      const joined = (a: SimpleCommand, b: SimpleCommand) => a.after !== undefined && NEUTRAL.has(a.after) && b.before === a.after && script.text.slice(a.end, b.start).trim() === a.after.trim();
      const inner = group.every((command, k) => k === 0 || joined(group[k - 1]!, command));
      let range: { start: number; end: number } | undefined;
      if (inner && previous && joined(previous, group[0]!)) {
        range = { start: script.toSource(previous.end - 1) + 1, end: script.toSource(group[j - i]!.end - 1) + 1 };
      } else if (inner && !previous && next && joined(group[j - i]!, next)) {
        range = { start: script.toSource(group[0]!.start), end: script.toSource(next.start) };
      }
      const exact = group.every((command) => sourceRange(script, command, command.start, command.end) !== undefined);
      if (range && exact) edits.push({ group: group.map(removalOf), edit: { start: range.start, end: range.end, newText: '' } });
      else for (const command of group) kept.push({ removal: removalOf(command), why: 'it is not in a plain && or ; chain, or it is the whole RUN' });
      i = j;
    }
  }
  return { edits, kept };
}

/**
 * Edits that take single operands out of a command, each with the blank before it, leaving the
 * others (`rm -rf /tmp/x /root/.cache/pip` -> `rm -rf /tmp/x`). Undefined when one has no exact
 * place in the file (inside a string).
 */
export function removeOperands(invocation: LocatedInvocation, indexes: Iterable<number>): TextEdit[] | undefined {
  const edits: TextEdit[] = [];
  for (const index of indexes) {
    const word = wordRange(invocation, index);
    const previous = wordRange(invocation, index - 1);
    if (!word || !previous) return undefined;
    edits.push({ start: previous.end, end: word.end, newText: '' });
  }
  return edits;
}
