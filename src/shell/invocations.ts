import { findCommands, findCommandsInScriptArgument, type SimpleCommand } from './commands.js';
import type { LexOptions, WordToken } from './lexer.js';

/**
 * A program the shell will start, seen through wrappers such as `env`, `sudo` or `sh -c`:
 * `argv[0]` is the program itself.
 */
export interface Invocation {
  readonly argv: readonly string[];
  /** The words behind `argv`, when it came from shell text (absent for exec-form JSON). */
  readonly words?: readonly WordToken[];
  /** The simple command this invocation is part of, when it came from shell text. */
  readonly command?: SimpleCommand;
  /** Variables set for this command only (`FOO=1 pip ...`, `env FOO=1 pip ...`). */
  readonly env: ReadonlyMap<string, string>;
  /** Set when a wrapper runs the program as another user (`gosu app ...`): what that wrapper was. */
  readonly otherUser?: string;
  /** Set when `sudo` (without `-u`) runs the program as root whatever the stage's USER. */
  readonly asRoot?: boolean;
}

const SHELLS = /^(sh|bash|dash|ash|zsh|ksh|mksh)$/;
interface Wrapper {
  /** Options that take the next argument as their value. */
  readonly valued: readonly string[];
  /** Positional arguments before the wrapped command (`timeout 5s cmd`, `gosu app cmd`). */
  readonly positional?: number;
  /** The wrapper runs the command as another user or in another root: caches would land elsewhere. */
  readonly switchesUser?: boolean;
  /** Options whose value is a shell script (`su -c '...'`). */
  readonly script?: readonly string[];
  /** Options that name the user instead of the positional argument (`runuser -u app cmd`). */
  readonly userOptions?: readonly string[];
}

const WRAPPERS: Record<string, Wrapper> = {
  env: { valued: ['-u', '--unset', '-C', '--chdir'] },
  exec: { valued: ['-a'] },
  nohup: { valued: [] },
  time: { valued: ['-f', '--format', '-o', '--output'] },
  nice: { valued: ['-n', '--adjustment'] },
  ionice: { valued: ['-c', '--class', '-n', '--classdata', '-p', '--pid'] },
  stdbuf: { valued: ['-i', '-o', '-e'] },
  timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
  eatmydata: { valued: [] },
  sudo: { valued: ['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '-D', '-r', '-t', '-T', '-U'] },
  doas: { valued: ['-u', '-C'], switchesUser: true },
  gosu: { valued: [], positional: 1, switchesUser: true },
  'su-exec': { valued: [], positional: 1, switchesUser: true },
  setuidgid: { valued: [], positional: 1, switchesUser: true },
  's6-setuidgid': { valued: [], positional: 1, switchesUser: true },
  chroot: { valued: [], positional: 1, switchesUser: true },
  runuser: { valued: ['-u', '--user', '-g', '--group', '-G', '--supp-group'], positional: 1, switchesUser: true, script: ['-c', '--command'], userOptions: ['-u', '--user'] },
  su: { valued: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w'], positional: 1, switchesUser: true, script: ['-c', '--command'] },
  setpriv: { valued: ['--reuid', '--regid', '--groups', '--ruid', '--euid', '--rgid', '--egid'], switchesUser: true },
  chpst: { valued: ['-u', '-U', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c'], switchesUser: true },
};

export function basename(path: string): string {
  const slash = path.lastIndexOf('/');
  return slash < 0 ? path : path.slice(slash + 1);
}

/** `NAME=value` as name and value; undefined for any other word. */
export function assignment(text: string): [string, string] | undefined {
  const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
  return match ? [match[1]!, match[2]!] : undefined;
}

/** Parses a script argument (`sh -c '...'`) into the invocations it makes. */
type ScriptParser = (script: string, word: WordToken | undefined) => Invocation[];

/** The invocations behind simple commands of shell text, following wrappers and `sh -c` scripts. */
export function invocationsOfCommands(root: string, commands: readonly SimpleCommand[]): Invocation[] {
  return commands.flatMap((command) => {
    const env = new Map<string, string>();
    for (const word of command.assignments) {
      const pair = assignment(word.value);
      if (pair) env.set(pair[0], pair[1]);
    }
    const parseScript: ScriptParser = (script, word) =>
      invocationsOfCommands(root, findCommandsInScriptArgument(root, word ?? fakeWord(script), [...command.via, 'sh -c'], command.exact));
    return resolve(command.argv, command.words, env, parseScript).map((invocation) => ({ command, ...invocation }));
  });
}

/** A shell script's simple commands and the invocations behind them. */
export interface ScriptCommands {
  readonly commands: readonly SimpleCommand[];
  readonly invocations: readonly Invocation[];
}

/**
 * Scripts read before, by heredoc mode and text. The fixpoint's later passes and the stage model
 * read the same RUN texts again (in a new parse after every edit). Bounded by the length of the
 * texts kept: their tokens take about 150 bytes per character, so 100,000 characters (a few
 * files' worth) stay near 15 MB however long the run. Callers must not mutate what they get.
 */
const scriptsRead = [new Map<string, ScriptCommands>(), new Map<string, ScriptCommands>()] as const;
const MAX_CHARACTERS_KEPT = 100_000;
let charactersKept = 0;

/** `findCommands` and `invocationsOfCommands` of a script, computed once per text. */
export function readScript(text: string, options: LexOptions = {}): ScriptCommands {
  const cache = scriptsRead[options.heredocBodiesInline === false ? 0 : 1];
  let read = cache.get(text);
  if (!read) {
    const commands = findCommands(text, options);
    read = { commands, invocations: invocationsOfCommands(text, commands) };
    if (charactersKept + text.length > MAX_CHARACTERS_KEPT) {
      for (const kept of scriptsRead) kept.clear();
      charactersKept = 0;
    }
    cache.set(text, read);
    charactersKept += text.length;
  }
  return read;
}

/** The invocations behind an exec-form argv (`RUN ["sh", "-c", "..."]`). */
export function invocationsOfArgv(argv: readonly string[]): Invocation[] {
  const parseScript: ScriptParser = (script) =>
    invocationsOfCommands(script, findCommandsInScriptArgument(script, fakeWord(script), ['sh -c'], false));
  return resolve(argv, undefined, new Map(), parseScript);
}

function fakeWord(value: string): WordToken {
  return { kind: 'word', start: 0, end: value.length, value, quoted: true, substitutions: [] };
}

function asOtherUser(invocations: Invocation[], wrapper: string | undefined): Invocation[] {
  if (wrapper === undefined) return invocations;
  return invocations.map((invocation) => (invocation.otherUser ? invocation : { ...invocation, otherUser: wrapper }));
}

function resolve(
  argv: readonly string[],
  words: readonly WordToken[] | undefined,
  env: Map<string, string>,
  parseScript: ScriptParser,
): Invocation[] {
  let index = 0;
  let otherUser: string | undefined;
  let asRoot = false;
  for (;;) {
    if (index >= argv.length) return [];
    const program = basename(argv[index]!);
    if (program === 'command' && /^-[vV]/.test(argv[index + 1] ?? '')) return [];
    if (program === 'command') {
      index++;
      continue;
    }
    const wrapper = WRAPPERS[program];
    if (!wrapper) break;
    if (wrapper.switchesUser) otherUser ??= program;
    if (program === 'sudo') asRoot = true;
    index++;
    let positional = wrapper.positional ?? 0;
    while (index < argv.length) {
      const arg = argv[index]!;
      if (arg === '--') {
        index++;
        break;
      }
      if (program === 'sudo' && /^(-u|--user)(=|$)|^-u./.test(arg)) {
        const user = /^(-u|--user)$/.test(arg) ? argv[index + 1] : arg.replace(/^(--user=|-u)/, '');
        if (user !== 'root' && user !== '0' && user !== '#0') otherUser ??= 'sudo -u';
      }
      const pair = program === 'env' ? assignment(arg) : undefined;
      if (pair) {
        env.set(pair[0], pair[1]);
        index++;
      } else if (wrapper.script?.includes(arg) && index + 1 < argv.length) {
        return asOtherUser(parseScript(argv[index + 1]!, words?.[index + 1]), otherUser);
      } else if (wrapper.valued.includes(arg)) {
        if (wrapper.userOptions?.includes(arg)) positional = 0;
        index += 2;
      } else if (arg.startsWith('-') && (arg.length > 1 || wrapper.switchesUser)) {
        // A lone `-` is su's and runuser's login option, not their user.
        index++;
      } else if (positional > 0) {
        positional--;
        index++;
      } else {
        break;
      }
    }
  }
  const program = basename(argv[index]!);
  if (SHELLS.test(program)) {
    const script = shellScriptArgument(argv, index + 1);
    if (script !== undefined) return asOtherUser(parseScript(argv[script]!, words?.[script]), otherUser);
  }
  return [
    {
      argv: argv.slice(index),
      ...(words ? { words: words.slice(index) } : {}),
      env,
      ...(otherUser !== undefined ? { otherUser } : asRoot ? { asRoot } : {}),
    },
  ];
}

/** Index of the script argument of `sh [options] -c script`, if the shell was given one. */
function shellScriptArgument(argv: readonly string[], from: number): number | undefined {
  let sawC = false;
  for (let index = from; index < argv.length; index++) {
    const arg = argv[index]!;
    if (/^[-+][A-Za-z]+$/.test(arg)) {
      if (arg.startsWith('-') && arg.includes('c')) sawC = true;
      // `-o pipefail`, `-euo pipefail`: the o option takes the next argument.
      if (arg.includes('o')) index++;
    } else if (arg === '--') {
      continue;
    } else {
      return sawC ? index : undefined;
    }
  }
  return undefined;
}
