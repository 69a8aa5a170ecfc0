import { type BuildState, type KnownUser, type LocatedInvocation, type OptionValue, resolveUser, type RunAnalysis } from '../../src/toolkit.js';

/** Variables in force for one command: its own prefix assignments over the stage's ENV and ARG. */
export class Environment {
  constructor(
    private readonly stage: ReadonlyMap<string, string | undefined>,
    private readonly command: ReadonlyMap<string, string>,
  ) {}

  isSet(name: string): boolean {
    return this.command.has(name) || this.stage.has(name);
  }

  /** The value, or undefined when it is unset or cannot be known statically (see `isSet`). */
  get(name: string): string | undefined {
    return this.command.get(name) ?? this.stage.get(name);
  }
}

/** One cache directory to mount. */
export interface CacheTarget {
  readonly path: string;
  /** A cache id that keeps caches apart which share a path but must not share content (apt lists of two releases). */
  readonly id?: string;
  readonly sharing?: 'locked';
  /** A narrower directory to mount instead when `path` would hide output that must reach the image. */
  readonly fallback?: string;
}

/** What a package manager sees of the RUN it is in. */
export interface DetectContext {
  readonly state: BuildState;
  /** Every invocation of the RUN, in order: for conditions such as apt's `update` before `install`. */
  readonly run: readonly LocatedInvocation[];
}

/** A package manager found in a RUN, with what it needs to compute its cache directories. */
export interface Detection {
  /** What the user sees in reports, e.g. `pip install`. */
  readonly label: string;
  readonly invocation: LocatedInvocation;
  /** Where this command writes output that must reach the image: never mount over these. */
  readonly outputs: readonly string[];
  /** A cache directory given on the command line (`--cache-dir X`). */
  readonly cacheDirArgument?: string;
  /** Set when a command-line flag turns the cache off (`--no-cache-dir`): the flag as written. */
  readonly cacheDisabledBy?: string;
}

/**
 * A change to the command itself without which the mount would stay empty: apt must keep its
 * downloads, dnf needs keepcache, apk a cache directory.
 */
export type CommandEdit = (
  /** Insert `text && ` before the simple command of `invocation`. */
  | { readonly before: LocatedInvocation; readonly text: string }
  /** Insert ` text` after word `word` of `invocation` (0 is the program). */
  | { readonly after: LocatedInvocation; readonly word: number; readonly text: string }
  /** Insert `text && ` before the first command of the RUN's script, where it cannot change a condition. */
  | { readonly first: true; readonly text: string }
) & {
  /** The one mount target the edit is for: without that mount, it is not made. */
  readonly forTarget?: string;
  /** Why the mount needs it, in a sentence: the change's detail. */
  readonly why: string;
};

export interface TargetContext extends DetectContext {
  readonly env: Environment;
  readonly user: KnownUser;
  readonly workdir: string;
  readonly options: Readonly<Record<string, OptionValue>>;
}

/** Either the directories to mount (and the command edits they need), or why none can be. */
export type TargetResult =
  | { readonly targets: readonly CacheTarget[]; readonly note?: string; readonly edits?: readonly CommandEdit[] }
  | { readonly skip: string };

/** What the README says about a package manager; generated from these fields so the two cannot drift. */
export interface PackageManagerDocs {
  readonly name: string;
  readonly commands: string;
  readonly target: string;
  readonly extra?: string;
  /** What the no-cache-flags transform removes in a RUN that mounts this cache. */
  readonly removes?: string;
  readonly skips?: string;
}

/** Something in a RUN that throws a mounted cache away, for the no-cache-flags transform. */
export interface CacheDefeaters {
  /** Flags of this package manager's own commands that turn its cache off, with what replaces them ('' removes). */
  readonly flags?: readonly { readonly flag: string; readonly replacement: string }[];
  /** Commands that only empty this package manager's cache (`pip cache purge`). */
  readonly commands?: (argv: readonly string[]) => boolean;
}

/**
 * One package manager, declared like an ESLint rule: how to recognise it, where its cache lives
 * in a given environment, what else the cache needs, and when not to touch it.
 */
export interface PackageManager {
  readonly id: string;
  readonly docs: PackageManagerDocs;
  /** Returns a detection when the invocation runs this package manager in a way that fills its cache. */
  detect(invocation: LocatedInvocation, context: DetectContext): Detection | undefined;
  targets(detection: Detection, context: TargetContext): TargetResult;
  /** Directories this package manager installs into that must reach the image (poetry's virtualenvs). */
  protectedPaths?(context: TargetContext): readonly string[];
  /**
   * Why this command needs what earlier RUNs left in its cache directories (an offline build,
   * `apt-get install` without `update`), or undefined when it fetches what it needs. Such a RUN
   * gets no mount, and an earlier RUN whose cache it reads keeps its cache in the image.
   */
  reliesOnEarlierRuns?(detection: Detection, context: DetectContext): string | undefined;
  /**
   * The cache directories such a relying command reads, when not all of the manager's targets
   * (apt reads its lists, not its archives): a mount elsewhere stays possible.
   */
  readonly reliesOnPaths?: readonly string[];
  /**
   * Variables that move the cache and that base images set (the rust image's CARGO_HOME): on a
   * base image whose environment is unknown, the cache directory is unknown unless the
   * Dockerfile sets them itself.
   */
  readonly imageEnvironment?: readonly string[];
  readonly defeaters?: CacheDefeaters;
}

/**
 * The reason an offline command relies on earlier RUNs: `flags` it was given, or variables set to
 * one of the values in `variables` (for the command or the stage). Undefined when none is.
 */
export function offlineBy(
  detection: Detection,
  context: DetectContext,
  flags: readonly string[],
  variables: Readonly<Record<string, RegExp>> = {},
): string | undefined {
  const { argv, env } = detection.invocation;
  const flag = argv.find((arg) => flags.includes(arg) || flags.some((name) => name.startsWith('--') && arg.startsWith(`${name}=`)));
  if (flag) return `${flag} makes it work offline from what earlier RUNs left in its cache`;
  for (const [name, value] of Object.entries(variables)) {
    const set = env.get(name) ?? context.state.env.get(name);
    if (set !== undefined && value.test(set)) return `${name}=${set} makes it work offline from what earlier RUNs left in its cache`;
  }
  return undefined;
}

/** `<home>/<relative>`, for caches that live straight in the home directory (`~/.npm`). */
export function inHome(context: TargetContext, relative: string): string {
  return `${context.user.home.replace(/\/+$/, '')}/${relative}`;
}

/** The first positional argument when it is one of `subcommands`, for `tool <subcommand> ...` detectors. */
export function subcommandOf(args: readonly string[], subcommands: ReadonlySet<string>, valued: ReadonlySet<string> = new Set()): string | undefined {
  const subcommand = args[new ArgvReader(args, valued).firstPositional()];
  return subcommand !== undefined && subcommands.has(subcommand) ? subcommand : undefined;
}

/** True when an earlier invocation of the RUN matches: `apt-get update` before `apt-get install`. */
export function earlierInRun(context: DetectContext, invocation: LocatedInvocation, matches: (argv: readonly string[]) => boolean): boolean {
  const index = context.run.indexOf(invocation);
  return context.run.slice(0, index < 0 ? context.run.length : index).some((other) => matches(other.argv));
}

/** `$XDG_CACHE_HOME/<name>` or `~/.cache/<name>`: the default of most Linux tools. */
export function userCacheDir(context: TargetContext, name: string): string | { skip: string } {
  const { env, user } = context;
  if (env.isSet('XDG_CACHE_HOME')) {
    const xdg = env.get('XDG_CACHE_HOME');
    return xdg ? `${xdg.replace(/\/+$/, '')}/${name}` : { skip: 'XDG_CACHE_HOME is set to a value that cannot be resolved' };
  }
  return `${user.home.replace(/\/+$/, '')}/.cache/${name}`;
}

/** A directory named by an environment variable, when set: its value, or a reason to skip. */
export function fromEnv(env: Environment, name: string): string | { skip: string } | undefined {
  if (!env.isSet(name)) return undefined;
  const value = env.get(name);
  return value ? value : { skip: `${name} is set to a value that cannot be resolved statically` };
}

/**
 * Reads command-line options: index of the subcommand (first argument that is not an option or
 * an option's value), and the values of selected options (`--opt v`, `--opt=v`, `-o v`, `-ov`).
 */
export class ArgvReader {
  constructor(
    readonly args: readonly string[],
    /** Options that take a separate value. */
    private readonly valued: ReadonlySet<string>,
  ) {}

  /** Positional arguments, in order, skipping options and their values. */
  positionals(from = 0): string[] {
    const result: string[] = [];
    for (let i = from; i < this.args.length; i++) {
      const arg = this.args[i]!;
      if (arg === '--') return [...result, ...this.args.slice(i + 1)];
      if (arg.startsWith('-') && arg.length > 1) {
        if (this.valued.has(arg)) i++;
        continue;
      }
      result.push(arg);
    }
    return result;
  }

  /** Index of the first positional argument at or after `from`. */
  firstPositional(from = 0): number {
    for (let i = from; i < this.args.length; i++) {
      const arg = this.args[i]!;
      if (arg === '--') return i + 1;
      if (arg.startsWith('-') && arg.length > 1) {
        if (this.valued.has(arg)) i++;
        continue;
      }
      return i;
    }
    return this.args.length;
  }

  has(...names: string[]): string | undefined {
    return this.args.find((arg) => names.includes(arg) || names.some((name) => name.startsWith('--') && arg.startsWith(`${name}=`)));
  }

  /** Values of an option given as `--long v`, `--long=v`, `-s v` or `-sv`. */
  values(long: string, short?: string): string[] {
    const result: string[] = [];
    for (let i = 0; i < this.args.length; i++) {
      const arg = this.args[i]!;
      if (arg === long || (short !== undefined && arg === short)) {
        const value = this.args[i + 1];
        if (value !== undefined) result.push(value);
        i++;
      } else if (arg.startsWith(`${long}=`)) {
        result.push(arg.slice(long.length + 1));
      } else if (short !== undefined && arg.startsWith(short) && !arg.startsWith('--') && arg.length > short.length) {
        result.push(arg.slice(short.length));
      }
    }
    return result;
  }
}

/** The user a command runs as: root under `sudo`, else the stage's USER when its uid and home are known. */
export function commandUser(state: BuildState, invocation: LocatedInvocation): KnownUser | undefined {
  if (invocation.asRoot) return { uid: 0, gid: 0, home: state.env.get('HOME') ?? '/root' };
  return resolveUser(state);
}

/** Every package manager use in a RUN, in command order. */
export function detectAll(
  managers: readonly PackageManager[],
  analysis: RunAnalysis,
  state: BuildState,
): { manager: PackageManager; detection: Detection }[] {
  const context: DetectContext = { state, run: analysis.invocations };
  return analysis.invocations.flatMap((invocation) =>
    managers.flatMap((manager) => {
      const detection = manager.detect(invocation, context);
      return detection ? [{ manager, detection }] : [];
    }),
  );
}

/** What `targets()` needs for one detection, or undefined when the command's user is unknown. */
export function targetContextFor(
  detection: Detection,
  state: BuildState,
  analysis: RunAnalysis,
  options: Readonly<Record<string, OptionValue>>,
): TargetContext | undefined {
  const user = commandUser(state, detection.invocation);
  if (!user) return undefined;
  return {
    env: new Environment(state.env, detection.invocation.env),
    user,
    workdir: state.workdir,
    options,
    state,
    run: analysis.invocations,
  };
}
