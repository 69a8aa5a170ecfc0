import {
  analyzeRun,
  ancestors,
  basename,
  type BuildState,
  type CopyFact,
  type DockerfileDocument,
  isExactly,
  isWithin,
  type LocatedInvocation,
  mayCover,
  mayLieWithin,
  mountTarget,
  type PathUse,
  pathUses,
  resolvePath,
  resolveUser,
  runWordExpander,
  type RunAnalysis,
  type Stage,
  type StageModel,
  type WordExpander,
} from '../../src/toolkit.js';
import type { Run } from 'dockerfile-ast';
import { detectAll, type Detection, type PackageManager } from './package-manager.js';

/**
 * The one place that decides whether a cache mount keeps the image and every later step as they
 * were. A mount hides the directory's earlier content during the RUN, takes what the RUN writes
 * there out of the image, and cannot itself be removed. So a mount at T is refused when:
 * - the same RUN removes or moves T or a directory above it (the build fails: "Device or resource
 *   busy"), unpacks into it, changes it recursively, or names a path inside it;
 * - an earlier step put files inside T that the RUN would no longer see;
 * - a later step (same stage, a stage built FROM it, COPY --from, RUN --mount=from) needs what
 *   the RUN leaves in T;
 * - BuildKit would create T, or a directory above it, owned by root inside a non-root user's home.
 * An `rm` of exactly T is dropped instead, when nothing else could have filled T.
 */
export type MountVerdict =
  | { readonly ok: true; readonly drops: readonly OperandDrop[] }
  | { readonly ok: false; readonly reason: string; readonly detail: string };

/** An `rm` operand naming exactly the mount target: only the cache it removed, now on the mount. */
export interface OperandDrop {
  readonly use: PathUse;
}

/** The planned mount being checked, with the RUN it is for. */
export interface MountRequest {
  readonly path: string;
  readonly managers: ReadonlySet<string>;
  readonly detections: readonly Detection[];
  /** True when the RUN's own cache settings (`--no-cache-dir`) leave nothing in the directory. */
  readonly cacheDisabled: boolean;
  /** The user accepts root-owned directories that BuildKit makes for a mount (option allowRootOwnedDirs). */
  readonly allowRootOwnedDirs: boolean;
}

interface RunFacts {
  readonly analysis: RunAnalysis;
  readonly state: BuildState;
  readonly uses: readonly PathUse[];
  /** Expands a word of one of the RUN's commands: ENV, ARG, the command's own and the RUN's earlier assignments. */
  readonly expand: WordExpander;
}

/** Who reads a stage's files from another instruction: `COPY --from=<stage>` or `RUN --mount=from=<stage>`. */
interface StageReader {
  readonly line: number;
  readonly sources: readonly string[];
  readonly shown: string;
}

/** The file's instructions by stage, built once, so that every check looks only at the stages it concerns. */
interface FileIndex {
  readonly runs: ReadonlyMap<number, Run>;
  readonly runLinesOfStage: readonly (readonly number[])[];
  readonly copiesOfStage: readonly (readonly CopyFact[])[];
  readonly readersOfStage: readonly (readonly StageReader[])[];
  readonly childrenOfStage: readonly (readonly number[])[];
}

type Home = { readonly name: string; readonly home: string; readonly made: boolean };

export class MountSafety {
  private readonly facts = new Map<number, RunFacts>();
  private fileIndex: FileIndex | undefined;
  private readonly homes = new Map<number, Home[]>();

  constructor(
    private readonly document: DockerfileDocument,
    private readonly stages: StageModel,
    private readonly managers: readonly PackageManager[],
  ) {}

  private get index(): FileIndex {
    if (this.fileIndex) return this.fileIndex;
    const count = this.stages.stages.length;
    const lists = <T>(): T[][] => Array.from({ length: count }, () => []);
    const runs = new Map<number, Run>();
    const runLinesOfStage = lists<number>();
    const copiesOfStage = lists<CopyFact>();
    const readersOfStage = lists<StageReader>();
    const childrenOfStage = lists<number>();
    for (const stage of this.stages.stages) if (stage.parent !== undefined) childrenOfStage[stage.parent]!.push(stage.index);
    for (const copy of this.stages.copies) {
      copiesOfStage[copy.stage]?.push(copy);
      const from = copy.from === undefined ? undefined : this.stages.stageNamed(copy.from);
      if (from) readersOfStage[from.index]!.push({ line: copy.line, sources: copy.sources, shown: `COPY --from=${copy.from}` });
    }
    for (const run of this.document.runs()) {
      const line = run.getRange().start.line;
      runs.set(line, run);
      const state = this.stages.stateAt(line);
      if (state) runLinesOfStage[state.stage.index]!.push(line);
      // Only a RUN that mentions from= can mount another stage: the others need no analysis here.
      if (!/from=/i.test(run.getTextContent())) continue;
      for (const mount of analyzeRun(this.document, run).mounts) {
        const from = mount.get('from');
        const source = mount.get('source') ?? mount.get('src');
        const stage = typeof from === 'string' ? this.stages.stageNamed(from) : undefined;
        if (stage && typeof source === 'string') readersOfStage[stage.index]!.push({ line, sources: [source], shown: `RUN --mount=from=${from},source=${source}` });
      }
    }
    this.fileIndex = { runs, runLinesOfStage, copiesOfStage, readersOfStage, childrenOfStage };
    return this.fileIndex;
  }

  /** `stage` and every stage built on it, directly or not. */
  private descendants(stage: Stage): number[] {
    const found = [stage.index];
    for (let i = 0; i < found.length; i++) found.push(...this.index.childrenOfStage[found[i]!]!);
    return found;
  }

  /** `stage` and every stage it is built on. */
  private chain(stage: Stage): number[] {
    const found: number[] = [];
    for (let current: number | undefined = stage.index; current !== undefined; current = this.stages.stages[current]!.parent) found.push(current);
    return found;
  }

  /** A RUN's analysis, state and path uses, computed once. */
  runFacts(line: number, analysis?: RunAnalysis): RunFacts | undefined {
    const known = this.facts.get(line);
    if (known) return known;
    const state = this.stages.stateAt(line);
    const run = analysis?.instruction ?? this.index.runs.get(line);
    if (!state || !run) return undefined;
    const runAnalysis = analysis ?? analyzeRun(this.document, run);
    const expand = runWordExpander(runAnalysis.scripts, state);
    const uses = pathUses(runAnalysis.invocations, state.workdir, expand);
    const facts = { analysis: runAnalysis, state, uses, expand };
    this.facts.set(line, facts);
    return facts;
  }

  /** The first command of the RUN that names a path strictly inside `target`, shown, if any. */
  namesInside(analysis: RunAnalysis, target: string): string | undefined {
    const run = this.runFacts(analysis.line, analysis)!;
    return namedInside(run, target)?.command;
  }

  check(analysis: RunAnalysis, state: BuildState, request: MountRequest): MountVerdict {
    const run = this.runFacts(analysis.line, analysis)!;
    const target = request.path;
    const refuse = (reason: string, detail: string): MountVerdict => ({ ok: false, reason, detail });
    const drops: OperandDrop[] = [];
    let emptiedByRun = request.cacheDisabled;

    for (const use of run.uses) {
      const shown = `\`${use.invocation.argv.join(' ')}\``;
      if (use.pattern === undefined) {
        if (use.kind !== 'write') return refuse(`${shown} names ${use.written}, whose value is unknown`, `It could remove, move or change ${target}, which fails on a mount point or changes the cache instead of the image.`);
        continue;
      }
      const pattern = use.pattern;
      switch (use.kind) {
        case 'delete':
        case 'move':
          if (use.kind === 'delete' && isExactly(pattern, target) && basename(use.invocation.argv[0] ?? '') === 'rm') {
            drops.push({ use });
            emptiedByRun = true;
          } else if (mayCover(pattern, target)) {
            return refuse(
              `${shown} would ${use.kind === 'move' ? 'move' : 'remove'} ${target} or a directory above it`,
              'A mount point cannot be removed or moved: the RUN would fail with "Device or resource busy". Narrow the command so that it leaves the cache directory alone.',
            );
          } else if (pattern.endsWith('/*') && mayLieWithin(pattern, target) && segmentsBelow(pattern, target) === 1) {
            emptiedByRun = true;
          }
          break;
        case 'extract':
          if (unpacksOver(use, pattern, target)) return refuse(`${shown} unpacks into ${pattern}`, `Files that land in ${target} would stay on the cache mount, not in the image.`);
          break;
        case 'modify':
          if (mayCover(pattern, target) || mayLieWithin(pattern, target)) return refuse(`${shown} changes ${pattern} recursively`, `It would change the cache mount, not the image's ${target}.`);
          break;
        case 'write':
          if (isWithin(pattern, target) && (use.index < 0 || !isManagerOwn(use.invocation, request))) return refuse(`${shown} writes ${pattern}, inside ${target}`, 'The file would land on the cache mount, not in the image.');
          break;
      }
    }

    const inside = namedInside(run, target);
    if (inside) return refuse(`\`${inside.command}\` uses ${inside.path}, inside ${target}`, 'With a mount it would read or leave files on the cache, not in the image.');

    const filled = this.earlierFill(analysis.line, state, target);
    if (filled) {
      if (drops.length > 0) return refuse(filled, `The RUN's \`rm\` of ${target} removes them from the image, which it could no longer do with a mount.`);
      return refuse(filled, 'A cache mount would hide them from this RUN.');
    }

    const owner = request.allowRootOwnedDirs ? undefined : this.rootOwnedInHome(state, target);
    if (owner) return refuse(owner.reason, owner.detail);

    if (!emptiedByRun) {
      const reader = this.laterReader(analysis.line, state.stage, target, request);
      if (reader) {
        const why = reader.why ? `${reader.why}. ` : '';
        return refuse(`${reader.where} needs what this RUN leaves in ${target}`, `${why}A cache mount would take it out of the image. Leave the RUN as it is, or let the later step fetch what it needs itself.`);
      }
    }
    return { ok: true, drops };
  }

  /** What an earlier step of the stage chain put inside `target`, if anything. */
  private earlierFill(line: number, state: BuildState, target: string): string | undefined {
    const chain = this.chain(state.stage);
    for (const copy of chain.flatMap((stage) => this.index.copiesOfStage[stage]!)) {
      const destination = copy.destination;
      if (copy.line >= line || destination === undefined) continue;
      if (isWithin(destination, target)) return `line ${copy.line + 1} copies files into ${destination}`;
      if (!isWithin(target, destination)) continue;
      // A directory copied into a parent of the target may hold the target's directories.
      const landing = copy.sources.filter((source) => !looksLikeFile(source));
      if (landing.length > 0) return `line ${copy.line + 1} copies ${landing.join(', ')} into ${destination}, which may put files inside ${target}`;
    }
    for (const runLine of chain.flatMap((stage) => this.index.runLinesOfStage[stage]!)) {
      if (runLine >= line) continue;
      const fill = this.runFacts(runLine)?.uses.find(
        (use) => use.pattern !== undefined && ((use.kind === 'write' && isWithin(use.pattern, target)) || (use.kind === 'extract' && unpacksOver(use, use.pattern, target))),
      );
      if (fill) return `line ${runLine + 1} puts files inside ${target} (\`${fill.invocation.argv.join(' ')}\`)`;
    }
    return undefined;
  }

  /**
   * Why BuildKit would leave a root-owned directory where a non-root user of the image needs to
   * write: it creates the missing target and parents as root, 0755.
   */
  private rootOwnedInHome(state: BuildState, target: string): { reason: string; detail: string } | undefined {
    for (const { name, home, made } of this.nonRootHomes(state.stage)) {
      if (!isWithin(target, home)) continue;
      const missing = [target, ...ancestors(target)].filter((dir) => isWithin(dir, home) && !state.madeDirectories.has(dir) && !(dir === home && made));
      if (missing.length > 0) {
        const top = missing[missing.length - 1]!;
        return {
          reason: `${target} is in the home of ${name}, and ${top} is not known to exist`,
          detail: `BuildKit would create it owned by root and leave it in the image, where ${name} could not write (moby/buildkit#2682). Make it in an earlier RUN as ${name} (mkdir -p ${target}), or set allowRootOwnedDirs.`,
        };
      }
    }
    return undefined;
  }

  /** Home directories of the non-root users of a stage and the stages built on it. */
  private nonRootHomes(stage: Stage): Home[] {
    const known = this.homes.get(stage.index);
    if (known) return known;
    const found = this.findHomes(stage);
    this.homes.set(stage.index, found);
    return found;
  }

  private findHomes(stage: Stage): Home[] {
    const homes = new Map<string, Home>();
    const descendants = this.descendants(stage);
    const states = [
      ...descendants.map((index) => this.stages.endStates[index]),
      ...descendants.flatMap((index) => this.index.runLinesOfStage[index]!.map((line) => this.stages.stateAt(line))),
    ].filter((candidate): candidate is BuildState => candidate !== undefined);
    // A HOME other than /root only matters when some user of the image is not root.
    const nonRoot = states.some((candidate) => [...candidate.users.values()].some((user) => user.uid !== 0) || !/^(root|0)(:|$)/.test(candidate.user));
    if (!nonRoot) return [];
    for (const candidate of states) {
      for (const [name, user] of candidate.users) if (user.uid !== 0) homes.set(user.home, { name, home: user.home, made: true });
      const [userName = 'root'] = candidate.user.split(':');
      const home = resolveUser(candidate)?.home ?? candidate.env.get('HOME') ?? (/^[a-z_][a-z0-9_-]*$/.test(userName) ? `/home/${userName}` : undefined);
      if (userName !== 'root' && userName !== '0' && home && !homes.has(home)) homes.set(home, { name: userName, home, made: false });
      const envHome = candidate.env.get('HOME');
      if (envHome && envHome !== '/root' && envHome !== '/' && !homes.has(envHome)) homes.set(envHome, { name: `the user whose HOME is ${envHome}`, home: envHome, made: false });
    }
    return [...homes.values()];
  }

  /** A later step that reads what the RUN at `line` leaves in `target`: where, and why when a flag says so; undefined when none does. */
  private laterReader(line: number, stage: Stage, target: string, request: MountRequest): { where: string; why?: string } | undefined {
    const affected = this.descendants(stage);
    for (const reader of affected.flatMap((index) => this.index.readersOfStage[index]!)) {
      if (reader.line <= line) continue;
      // A copy of the target, of something in it, or of a directory above it all take its content.
      const source = reader.sources.find((path) => overlaps(resolvePath(path), target));
      if (source) return { where: `line ${reader.line + 1} (${reader.shown}${reader.shown.startsWith('COPY') ? ` ${source}` : ''})` };
    }
    for (const runLine of affected.flatMap((index) => this.index.runLinesOfStage[index]!)) {
      if (runLine <= line) continue;
      const facts = this.runFacts(runLine)!;
      const runState = facts.state;
      if (facts.analysis.mounts.some((mount) => mountTarget(mount) !== undefined && isWithin(target, resolvePath(mountTarget(mount)!, runState.workdir)))) continue;
      const reliance = this.reliance(facts, runState, request, target);
      if (reliance) return { where: `line ${runLine + 1} (${reliance.label})`, why: `${reliance.label}: ${reliance.reason}` };
      const inside = namedInside(facts, target);
      if (inside) return { where: `line ${runLine + 1} (\`${inside.command}\`)` };
    }
    return undefined;
  }

  /** A command of a later RUN of one of the mount's package managers that works from what earlier RUNs left. */
  private reliance(facts: RunFacts, state: BuildState, request: MountRequest, target: string): { label: string; reason: string } | undefined {
    const found = relianceIn(detectAll(this.managers, facts.analysis, state), facts.analysis, state);
    const reads = (manager: PackageManager) => manager.reliesOnPaths?.some((path) => overlaps(path, target)) ?? true;
    const relevant = found.find(({ manager }) => request.managers.has(manager.id) && reads(manager));
    return relevant && { label: relevant.detection.label, reason: relevant.reason };
  }
}

/**
 * The package manager commands of a RUN that need what earlier RUNs left in their cache: those
 * that say so, unless the same package manager fills its cache earlier in the same RUN.
 */
export function relianceIn(
  detections: readonly { manager: PackageManager; detection: Detection }[],
  analysis: RunAnalysis,
  state: BuildState,
): { manager: PackageManager; detection: Detection; reason: string }[] {
  const context = { state, run: analysis.invocations };
  const filled = new Set<string>();
  const found: { manager: PackageManager; detection: Detection; reason: string }[] = [];
  for (const { manager, detection } of detections) {
    const reason = manager.reliesOnEarlierRuns?.(detection, context);
    if (reason === undefined) filled.add(manager.id);
    else if (!filled.has(manager.id)) found.push({ manager, detection, reason });
  }
  return found;
}

/**
 * True when an unpack may put files inside `target`: a named directory at, above or below it; an
 * unpack into the working directory (no directory named) only when that directory is inside it,
 * since an archive's own paths normally start with a folder of its own (`curl-7.70.0/`).
 */
function unpacksOver(use: PathUse, pattern: string, target: string): boolean {
  if (use.implicit) return isWithin(pattern, target);
  return mayCover(pattern, target) || mayLieWithin(pattern, target);
}

/** True when one path is the other or lies inside it. */
function overlaps(path: string, other: string): boolean {
  return isWithin(path, other) || isWithin(other, path);
}

/** How many path segments `pattern` has below `path`. */
function segmentsBelow(pattern: string, path: string): number {
  const count = (value: string) => value.split('/').filter(Boolean).length;
  return count(pattern) - count(path);
}

/** A COPY source that names a file, whose copy lands beside the others, not a directory whose content spreads out. */
function looksLikeFile(source: string): boolean {
  const name = basename(source.replace(/\/+$/, ''));
  if (source.endsWith('/') || /[*?[]/.test(source) || name.startsWith('.')) return false;
  return /\.[A-Za-z0-9]+$/.test(name) || EXTENSIONLESS_FILES.test(name);
}

/** Build and project files that by convention have no extension. */
const EXTENSIONLESS_FILES = /^(Pipfile|Gemfile|Makefile|GNUmakefile|Procfile|Rakefile|Brewfile|Justfile|Vagrantfile|Dockerfile|Containerfile|gradlew|mvnw|LICENSE|COPYING|NOTICE|README|VERSION|CHANGELOG|AUTHORS)$/;

/** True when a write belongs to one of the package managers the mount is for (`pip download -d` into its own cache). */
function isManagerOwn(invocation: LocatedInvocation, request: MountRequest): boolean {
  return request.detections.some((detection) => detection.invocation === invocation);
}

/**
 * The first argument of a RUN's commands that names a path strictly inside `target` (after `~`
 * and variables), other than a deletion: `--find-links /root/.cache/pip/wheels`, `ls ~/.m2/x`.
 */
function namedInside({ analysis, uses, expand }: RunFacts, target: string): { command: string; path: string } | undefined {
  const invocations = analysis.invocations;
  const deletions = new Set(uses.filter((use) => use.kind === 'delete' || use.kind === 'move').map((use) => `${invocations.indexOf(use.invocation as LocatedInvocation)}:${use.index}`));
  for (const [i, invocation] of invocations.entries()) {
    for (let index = 1; index < invocation.argv.length; index++) {
      if (deletions.has(`${i}:${index}`)) continue;
      const word = invocation.argv[index]!;
      const value = word.includes('=') && !word.startsWith('/') ? word.slice(word.indexOf('=') + 1) : word;
      if (!/^(~|\$|\/)/.test(value)) continue;
      const path = expand(value, invocation);
      if (path === undefined || !path.startsWith('/') || /[*?[]/.test(path)) continue;
      const clean = resolvePath(path);
      if (clean !== target && isWithin(clean, target)) return { command: invocation.argv.join(' '), path: clean };
    }
  }
  return undefined;
}
