import type { Arg, Env, From, Instruction } from 'dockerfile-ast';
import type { DockerfileDocument } from './document.js';
import { baseImageFacts, isWindowsImage, knownUserOfImage, type KnownUser } from './base-images.js';
import { directoriesMadeBy } from './directories.js';
import { ancestors, resolvePath } from './paths.js';
import { usersCreatedBy } from './users.js';
import type { WordExpander } from './path-uses.js';
import type { SimpleCommand } from '../shell/commands.js';
import { assignmentsBefore, referencesVariable, type LocalVariables } from '../shell/variables.js';

export interface Stage {
  readonly index: number;
  readonly name: string | undefined;
  /** The FROM image after ARG expansion (or the parent stage's name). */
  readonly image: string;
  /** The image at the root of the stage chain (`FROM a AS b` ... `FROM b`: a's image). */
  readonly rootImage: string;
  /** 0-based line of the FROM. */
  readonly line: number;
  /** The index of the stage this one is built `FROM`, when it is a stage of the same file. */
  readonly parent?: number;
}

/** What is in force at one instruction: the stage it belongs to, its user, variables and paths. */
export interface BuildState {
  readonly stage: Stage;
  /** USER as written (expanded), `root` when none is set. */
  readonly user: string;
  /** ENV and ARG values in scope; `undefined` marks a variable whose value cannot be known. */
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly workdir: string;
  /** Set when the stage runs Windows or a PowerShell/cmd SHELL: what gave it away. */
  readonly windows: string | undefined;
  /** Files and directories that COPY/ADD put into the image so far in this stage chain. */
  readonly copiedPaths: readonly string[];
  /** Texts of the earlier RUNs of this stage chain, for setup done once (apt's keep-downloads). */
  readonly earlierRuns: readonly string[];
  /**
   * True when an earlier RUN of this stage chain matches `pattern` (not a /g or /y one). Prefer it to
   * scanning `earlierRuns`: it is memoised along the chain, so asking at every RUN stays linear.
   */
  earlierRunMatches(pattern: RegExp): boolean;
  /** Users earlier RUNs created with a fixed uid. */
  readonly users: ReadonlyMap<string, KnownUser>;
  /** Directories earlier RUNs of this stage chain made (mkdir, install -d). */
  readonly madeDirectories: ReadonlySet<string>;
}

/** A COPY or ADD: where from, what, and where to, variables expanded where known. */
export interface CopyFact {
  /** 0-based line of the instruction. */
  readonly line: number;
  readonly stage: number;
  /** The `--from` value as written (a stage name or index, or an image); undefined for the build context. */
  readonly from: string | undefined;
  readonly sources: readonly string[];
  /** The absolute destination, or undefined when a variable in it is unknown. */
  readonly destination: string | undefined;
}

/** What deciding the effective user needs. */
type UserState = Pick<BuildState, 'stage' | 'user' | 'env' | 'users'>;

interface MutableState {
  stage: Stage;
  user: string;
  env: Map<string, string | undefined>;
  workdir: string;
  windows: string | undefined;
  copiedPaths: string[];
  runs: RunHistory | undefined;
  users: Map<string, KnownUser>;
  madeDirectories: Set<string>;
}

/** A variable reference: `$NAME`, `${NAME}`, `${NAME:-default}`, `${NAME-default}`. */
const VARIABLE = /\$(?:([A-Za-z_][A-Za-z0-9_]*)|\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-+])([^}]*))?\})/g;

/** Expands Dockerfile variables; returns undefined when any of them has no known value. */
export function expandVariables(value: string, lookup: (name: string) => string | undefined): string | undefined {
  let unknown = false;
  const expanded = value.replace(VARIABLE, (_match, plain: string | undefined, braced: string | undefined, operator: string | undefined, word: string | undefined) => {
    const name = (plain ?? braced)!;
    const current = lookup(name);
    if (operator?.endsWith('-')) {
      if (current === undefined || (operator === ':-' && current === '')) return word ?? '';
      return current;
    }
    if (operator?.endsWith('+')) return current === undefined || (operator === ':+' && current === '') ? '' : (word ?? '');
    if (current === undefined) unknown = true;
    return current ?? '';
  });
  return unknown ? undefined : expanded;
}

/** Walks the instructions once and records the build state in force at each of them. */
export class StageModel {
  private static readonly models = new WeakMap<DockerfileDocument, StageModel>();

  /** The model of a document, built once however many transforms ask for it. */
  static of(document: DockerfileDocument): StageModel {
    let model = StageModel.models.get(document);
    if (!model) StageModel.models.set(document, (model = new StageModel(document)));
    return model;
  }

  private readonly states = new Map<number, BuildState>();
  readonly stages: Stage[] = [];
  /** The state at the end of each stage, by stage index: what its image is left with. */
  readonly endStates: BuildState[] = [];
  /** Every COPY and ADD, in file order. */
  readonly copies: CopyFact[] = [];
  private byName: Map<string, Stage> | undefined;

  constructor(private readonly document: DockerfileDocument) {
    const ast = document.ast;
    const globalArgs = new Map<string, string | undefined>();
    const finalStates = new Map<string, MutableState>();
    let current: MutableState | undefined;

    for (const instruction of ast.getInstructions()) {
      const keyword = instruction.getKeyword();
      const line = instruction.getRange().start.line;
      if (keyword === 'FROM') {
        if (current) this.endStates.push(new StateSnapshot(current));
        current = this.startStage(instruction as From, line, globalArgs, finalStates);
        this.states.set(line, new StateSnapshot(current));
        continue;
      }
      if (!current) {
        if (keyword === 'ARG') {
          const property = (instruction as Arg).getProperty();
          if (property) globalArgs.set(property.getName(), expandOrUndefined(property.getValue(), globalArgs));
        }
        continue;
      }
      // Only RUNs are asked about, and a RUN sees the state before its own effect.
      if (keyword === 'RUN') this.states.set(line, new StateSnapshot(current));
      this.apply(current, instruction, keyword, globalArgs);
      if (current.stage.name) finalStates.set(current.stage.name.toLowerCase(), current);
      finalStates.set(String(current.stage.index), current);
    }
    if (current) this.endStates.push(new StateSnapshot(current));
  }

  /** The stage a `--from` value names (by name or index), if it is a stage of this file. */
  stageNamed(reference: string): Stage | undefined {
    if (!this.byName) {
      this.byName = new Map();
      // The first stage of a name wins, as BuildKit resolves it; an index names its stage too.
      for (const stage of this.stages) {
        if (stage.name !== undefined && !this.byName.has(stage.name.toLowerCase())) this.byName.set(stage.name.toLowerCase(), stage);
      }
    }
    const key = reference.toLowerCase();
    return this.byName.get(key) ?? (/^\d+$/.test(key) ? this.stages[Number(key)] : undefined);
  }

  /** The state in force at the RUN (or FROM) starting on this 0-based line. */
  stateAt(line: number): BuildState | undefined {
    return this.states.get(line);
  }

  private startStage(
    from: From,
    line: number,
    globalArgs: ReadonlyMap<string, string | undefined>,
    finalStates: ReadonlyMap<string, MutableState>,
  ): MutableState {
    const written = from.getImage() ?? '';
    const image = expandVariables(written, (name) => globalArgs.get(name)) ?? written;
    const parent = finalStates.get(image.toLowerCase());
    const name = from.getBuildStage() ?? undefined;
    if (parent) {
      const stage: Stage = { index: this.stages.length, name, image, rootImage: parent.stage.rootImage, line, parent: parent.stage.index };
      this.stages.push(stage);
      return {
        stage,
        user: parent.user,
        env: new Map(parent.env),
        workdir: parent.workdir,
        windows: parent.windows,
        copiedPaths: [...parent.copiedPaths],
        runs: parent.runs,
        users: new Map(parent.users),
        madeDirectories: new Set(parent.madeDirectories),
      };
    }
    const stage: Stage = { index: this.stages.length, name, image, rootImage: image, line };
    this.stages.push(stage);
    const facts = baseImageFacts(image);
    return {
      stage,
      user: facts.user ?? 'root',
      env: new Map(Object.entries(facts.env ?? {})),
      workdir: '/',
      windows: isWindowsImage(image) ? `Windows base image ${image}` : undefined,
      copiedPaths: [],
      runs: undefined,
      users: new Map(),
      madeDirectories: new Set(),
    };
  }

  /** Applies an instruction's effect on the state; a RUN's own state is taken before its effect. */
  private apply(state: MutableState, instruction: Instruction, keyword: string, globalArgs: ReadonlyMap<string, string | undefined>): void {
    const lookup = (name: string) => state.env.get(name);
    switch (keyword) {
      case 'RUN':
        const text = this.document.slice(instruction.getRange());
        // Snapshots keep the history as it was: a new node is added, none is changed.
        state.runs = { text, previous: state.runs, matches: new Map() };
        if (/\b(useradd|adduser)\b/.test(text)) {
          for (const [name, user] of usersCreatedBy(instruction.getArgumentsContent() ?? '')) state.users.set(name, user);
        }
        if (mayMakeDirectories(text)) {
          const expand = (word: string) => expandPath(word, state);
          for (const path of directoriesMadeBy(instruction.getArgumentsContent() ?? '', { workdir: state.workdir, expand })) state.madeDirectories.add(path);
        }
        break;
      case 'ENV':
        for (const property of (instruction as Env).getProperties()) {
          state.env.set(property.getName(), expandOrUndefined(property.getValue(), state.env));
        }
        break;
      case 'ARG': {
        const property = (instruction as Arg).getProperty();
        if (!property) break;
        const name = property.getName();
        const value = property.getValue();
        // An ARG can be overridden with --build-arg; its default is the best knowledge we have.
        if (!state.env.has(name) || value !== null) {
          state.env.set(name, value === null ? globalArgs.get(name) : expandOrUndefined(value, state.env));
        }
        break;
      }
      case 'USER': {
        const written = instruction.getArgumentsContent() ?? '';
        state.user = expandVariables(written.trim(), lookup) ?? written.trim();
        break;
      }
      case 'WORKDIR': {
        const written = instruction.getArgumentsContent()?.trim() ?? '';
        const expanded = expandVariables(written, lookup);
        if (!expanded) break;
        state.workdir = resolvePath(expanded, state.workdir);
        // BuildKit makes a missing WORKDIR, with its parents.
        for (const path of [state.workdir, ...ancestors(state.workdir)]) if (path !== '/') state.madeDirectories.add(path);
        break;
      }
      case 'SHELL': {
        const shell = instruction.getArgumentsContent() ?? '';
        if (/powershell|pwsh|cmd(\.exe)?"/i.test(shell)) state.windows = `SHELL ${shell.trim()}`;
        break;
      }
      case 'COPY':
      case 'ADD': {
        const copy = copyArguments(this.document.slice(instruction.getRange()), this.document.escapeCharacter);
        const destination = copy?.paths[copy.paths.length - 1];
        if (copy && destination !== undefined && !destination.startsWith('--') && !/^<<-?/.test(destination)) {
          const expanded = expandVariables(destination, lookup);
          state.copiedPaths.push(expanded ? resolvePath(expanded, state.workdir) : destination);
          const from = copy.flags.get('from');
          this.copies.push({
            line: instruction.getRange().start.line,
            stage: state.stage.index,
            from,
            sources: copy.paths.slice(0, -1).map((source) => expandVariables(source, lookup) ?? source),
            destination: expanded === undefined ? undefined : resolvePath(expanded, state.workdir),
          });
        }
        break;
      }
    }
  }
}

/**
 * A cheap test before reading a RUN for `mkdir` and `install -d`: most RUNs say `install` (apt-get,
 * pip) without an option that ends in `d` or is `--directory`, and need not be read again.
 */
function mayMakeDirectories(text: string): boolean {
  return /\bmkdir\b/.test(text) || (/\binstall\b/.test(text) && /(?<![\w-])-(?:-directory\b|[A-Za-z]*d)/.test(text));
}

function expandOrUndefined(value: string | null, env: ReadonlyMap<string, string | undefined>): string | undefined {
  if (value === null) return '';
  return expandVariables(value, (name) => env.get(name));
}

/** The RUNs of a stage chain, newest first; stages built on a stage share its nodes. */
interface RunHistory {
  readonly text: string;
  readonly previous: RunHistory | undefined;
  /** Whether this RUN or an earlier one matches a pattern, by pattern. */
  readonly matches: Map<string, boolean>;
}

function historyMatches(history: RunHistory | undefined, pattern: RegExp): boolean {
  const key = `${pattern.flags}/${pattern.source}`;
  const unknown: RunHistory[] = [];
  let found = false;
  for (let node = history; node; node = node.previous) {
    const known = node.matches.get(key);
    if (known !== undefined) {
      found = known;
      break;
    }
    unknown.push(node);
    if (pattern.test(node.text)) {
      found = true;
      break;
    }
  }
  for (const node of unknown) node.matches.set(key, found);
  return found;
}

/** The state at one instruction, frozen: later instructions change the mutable state, not this. */
class StateSnapshot implements BuildState {
  readonly stage: Stage;
  readonly user: string;
  readonly env: ReadonlyMap<string, string | undefined>;
  readonly workdir: string;
  readonly windows: string | undefined;
  readonly copiedPaths: readonly string[];
  readonly users: ReadonlyMap<string, KnownUser>;
  readonly madeDirectories: ReadonlySet<string>;
  private readonly runs: RunHistory | undefined;
  private texts: string[] | undefined;

  constructor(state: MutableState) {
    this.stage = state.stage;
    this.user = state.user;
    this.env = new Map(state.env);
    this.workdir = state.workdir;
    this.windows = state.windows;
    this.copiedPaths = [...state.copiedPaths];
    this.users = new Map(state.users);
    this.madeDirectories = new Set(state.madeDirectories);
    this.runs = state.runs;
  }

  /** Built on demand: copying every earlier RUN at every RUN is quadratic in a long stage. */
  get earlierRuns(): readonly string[] {
    if (!this.texts) {
      this.texts = [];
      for (let node = this.runs; node; node = node.previous) this.texts.push(node.text);
      this.texts.reverse();
    }
    return this.texts;
  }

  earlierRunMatches(pattern: RegExp): boolean {
    return historyMatches(this.runs, pattern);
  }
}

/**
 * A path word of a RUN with `~` and variables expanded as the shell would, the command's own
 * assignments (`FOO=x cmd`) first; undefined when unknown.
 */
export function expandPath(word: string, state: UserState, command: ReadonlyMap<string, string> = new Map()): string | undefined {
  const home = () => command.get('HOME') ?? resolveUser(state)?.home;
  const tilde = /^~(?=\/|$)/.test(word) ? home() : '';
  if (tilde === undefined) return undefined;
  const lookup = (name: string) => command.get(name) ?? (name === 'HOME' ? home() : state.env.get(name));
  return expandVariables(tilde + word.replace(/^~(?=\/|$)/, ''), lookup);
}

/**
 * How the words of a RUN's commands expand: ENV and ARG, each command's own assignments, and the
 * variables the RUN itself assigned before it (`GNUPGHOME="$(mktemp -d)"; ... rm -rf "$GNUPGHOME"`).
 * A word that uses a variable the RUN set to an unknown value is unknown, whatever ENV says.
 */
export function runWordExpander(scripts: readonly { readonly commands: readonly SimpleCommand[] }[], state: UserState): WordExpander {
  const locals = new Map(scripts.flatMap((script) => [...assignmentsBefore(script.commands)]));
  return (word, invocation) => expandWithLocals(word, state, invocation.env, invocation.command ? locals.get(invocation.command) : undefined);
}

function expandWithLocals(word: string, state: UserState, command: ReadonlyMap<string, string>, locals: LocalVariables | undefined): string | undefined {
  if (!locals || locals.size === 0) return expandPath(word, state, command);
  const env = new Map<string, string>();
  for (const [name, value] of locals) {
    const expanded = value === undefined ? undefined : expandPath(value, state, env);
    if (expanded === undefined) {
      if (referencesVariable(word, name)) return undefined;
      continue;
    }
    env.set(name, expanded);
  }
  for (const [name, value] of command) env.set(name, value);
  return expandPath(word, state, env);
}

/**
 * The uid, gid and home of the effective user, when known: root; a user an earlier RUN created
 * with a fixed uid; a user an official base image defines; a numeric uid when ENV HOME is set.
 */
export function resolveUser(state: UserState): KnownUser | undefined {
  const [name = 'root', group] = state.user.split(':');
  const home = state.env.get('HOME');
  const numericGroup = group !== undefined && /^\d+$/.test(group) ? Number(group) : undefined;
  if (group !== undefined && numericGroup === undefined && group !== 'root') return undefined;
  if (name === 'root' || name === '0') {
    if (numericGroup !== undefined && numericGroup !== 0) return undefined;
    return { uid: 0, gid: 0, home: home ?? '/root' };
  }
  const known = state.users.get(name) ?? knownUserOfImage(state.stage.rootImage, name);
  if (known) return { ...known, gid: numericGroup ?? known.gid, home: home ?? known.home };
  // A bare uid has no passwd entry we know of, so its HOME is only known when ENV sets it.
  if (/^\d+$/.test(name) && home) return { uid: Number(name), gid: numericGroup ?? Number(name), home };
  return undefined;
}

/**
 * The flags (`--from=x`, lower-case names) and paths of a COPY/ADD, in shell or JSON form. Read off
 * the text because it is asked for every COPY of every file, and dockerfile-ast's argument
 * splitting is the slowest part of a parse.
 */
export function copyArguments(text: string, escape: string): { flags: Map<string, string>; paths: string[] } | undefined {
  // Continuations joined; heredoc bodies (after the first line) are content, not arguments.
  const [firstLine = ''] = text.split(new RegExp(`\\${escape}[ \\t]*\\r?\\n`)).join(' ').split('\n');
  let rest = firstLine.replace(/^\s*\S+/, '').trim();
  const flags = new Map<string, string>();
  for (let flag = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest); flag; flag = /^--([A-Za-z-]+)(?:=(\S*))?\s*/.exec(rest)) {
    flags.set(flag[1]!.toLowerCase(), flag[2] ?? '');
    rest = rest.slice(flag[0].length);
  }
  if (rest.startsWith('[')) {
    try {
      const list: unknown = JSON.parse(rest);
      if (Array.isArray(list) && list.every((item) => typeof item === 'string')) return { flags, paths: list as string[] };
    } catch {
      // Not JSON after all: read it as shell form.
    }
  }
  const paths = rest.split(/\s+/).filter((word) => word !== '').map((word) => word.replace(/^["']|["']$/g, ''));
  return paths.length === 0 ? undefined : { flags, paths };
}

/** The destination of a COPY/ADD from its text: its last path. */
export function copyDestination(text: string, escape: string): string | undefined {
  const last = copyArguments(text, escape)?.paths.at(-1);
  return last === undefined || last.startsWith('--') || /^<<-?/.test(last) ? undefined : last;
}
