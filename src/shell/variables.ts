import type { SimpleCommand } from './commands.js';
import { assignment } from './invocations.js';

/** What a RUN's own assignments have set before a command: a value as written, or undefined when the text cannot tell it. */
export type LocalVariables = ReadonlyMap<string, string | undefined>;

const DECLARERS = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);
/** `$(mktemp)`, `$(mktemp -d)`, `$(mktemp -d -t name.XXXXXX)`: a new entry under $TMPDIR, i.e. /tmp. */
const MKTEMP = /^\$\(\s*mktemp(\s+(-d|-t|--directory|-q|--quiet|[A-Za-z0-9_.-]*X{3,}[A-Za-z0-9_.-]*))*\s*\)$|^`\s*mktemp(\s+(-d|-t|-q|[A-Za-z0-9_.-]*X{3,}[A-Za-z0-9_.-]*))*\s*`$/;

/**
 * The variables a script's own assignments (`X=1;`, `export X=1`, `X="$(mktemp -d)"`) have set
 * before each of its commands, in order. A `$(mktemp ...)` value is a fresh path under /tmp; any
 * other command substitution is unknown. Assignments that prefix a command (`X=1 cmd`) only
 * apply to that command and are not counted here.
 */
export function assignmentsBefore(commands: readonly SimpleCommand[]): Map<SimpleCommand, LocalVariables> {
  const before = new Map<SimpleCommand, LocalVariables>();
  // Commands between two assignments share one snapshot: most scripts assign nothing.
  let current: LocalVariables = new Map();
  for (const command of commands) {
    before.set(command, current);
    const words = command.argv.length === 0 ? command.assignments.map((word) => word.value) : DECLARERS.has(command.argv[0]!) ? command.argv.slice(1) : [];
    const pairs = words.map(assignment).filter((pair) => pair !== undefined);
    if (pairs.length > 0) current = new Map([...current, ...pairs.map(([name, value]): [string, string | undefined] => [name, valueOf(name, value)])]);
  }
  return before;
}

function valueOf(name: string, value: string): string | undefined {
  if (MKTEMP.test(value.trim())) return `/tmp/mktemp.${name}`;
  return /\$\(|`/.test(value) ? undefined : value;
}

/** True when `word` expands the variable `name` (`$name`, `${name}`, `${name:-x}`). */
export function referencesVariable(word: string, name: string): boolean {
  return new RegExp(`\\$(\\{)?${name}(?![A-Za-z0-9_])`).test(word);
}
