import {
  analyzeRun,
  basename,
  type BuildState,
  type Change,
  type DockerfileDocument,
  formatCacheMount,
  insertCommandBefore,
  insertCommandFirst,
  insertRunFlags,
  insertWords,
  isKnownImage,
  isPlainAbsolutePath,
  isWithin,
  type KnownUser,
  type LayoutContext,
  type LocatedInvocation,
  mountTarget,
  mountType,
  proseList,
  removeCommands,
  removeOperands,
  resolvePath,
  type RunAnalysis,
  type Skip,
  StageModel,
  type TextEdit,
  type Transform,
  type TransformContext,
  wordRange,
} from '../../src/toolkit.js';
import { commandUser, detectAll, targetContextFor, type CacheTarget, type CommandEdit, type Detection, type PackageManager } from './package-manager.js';
import { PACKAGE_MANAGERS } from './package-managers/index.js';
import { packageManagerFacts } from './docs.js';
import { MountSafety, relianceIn, type OperandDrop } from './safety.js';

/** Any word a package manager command starts with; files without one are not parsed for this transform. */
const PACKAGE_MANAGER_HINT =
  /\b(pip[0-9.]*|python[0-9.]*|pipenv|poetry|uv|apt|apt-get|apk|dnf5?|yum|microdnf|npm|yarn|pnpm|go|cargo|mvnw?|mvnd|gradlew?|bundle|bundler|gem|composer|conda|mamba|micromamba|dotnet)\b/;

const ROOT: KnownUser = { uid: 0, gid: 0, home: '/root' };

/** A mount this RUN should get, and the package managers that share it. */
interface PlannedMount {
  readonly target: CacheTarget;
  readonly users: Detection[];
  readonly packageManagers: Set<string>;
  /** Command edits the mount needs, checked to have a place in the file. */
  readonly edits: CommandEdit[];
  readonly notes: string[];
}

/** A planned mount that passed the safety checks, with the `rm` operands it makes unnecessary. */
interface AcceptedMount {
  readonly mount: PlannedMount;
  readonly flag: string;
  readonly drops: readonly OperandDrop[];
}

/**
 * Commands that write only where their arguments say, so that a broad target such as
 * `/root/.cache` cannot swallow their output unseen (unlike a browser or model download).
 */
const EXPLICIT_WRITERS = new Set([
  'cd', 'echo', 'printf', 'true', 'false', 'test', '[', 'set', 'export', 'rm', 'mkdir', 'cp', 'mv', 'ln', 'chmod', 'chown', 'chgrp',
  'cat', 'tee', 'sed', 'grep', 'ls', 'find', 'touch', 'install', 'tar', 'unzip', 'curl', 'wget', 'useradd', 'groupadd', 'adduser', 'addgroup',
  'apt-get', 'apt', 'apk', 'dnf', 'yum', 'microdnf', 'dpkg', 'ldconfig', 'update-ca-certificates', 'command', 'which', 'sh', 'bash',
]);

type Report = (message: string, topic?: string, detail?: string) => void;

export const cacheMounts: Transform = {
  id: 'cache-mounts',
  description: 'Add BuildKit cache mounts to RUN instructions that download packages, so rebuilds reuse earlier downloads.',
  defaultOn: true,
  docsUrl: 'https://www.npmjs.com/package/dockerfile-codemod#transform-cache-mounts',
  // One rule per package manager, so that reports, code scanning and opt-outs can name it.
  subRules: PACKAGE_MANAGERS.map(({ id, docs }) => ({
    topic: id,
    description: `Cache mount for ${docs.name}`,
    help: `Add a BuildKit cache mount to RUN instructions that run ${docs.name} (${docs.commands}), at its cache directory: ${docs.target}.`,
  })),
  pullRequest: {
    title: (topics) => `add cache mounts for ${proseList(topics)}`,
    description: (topics) =>
      `RUN instructions that run ${proseList(topics)} get a BuildKit cache mount (\`RUN --mount=type=cache,...\`) at the package manager's own ` +
      'cache directory: a rebuild after a dependency change reuses earlier downloads and fetches only what is new. A mount is added only ' +
      'where the tool is sure of the user, the cache location and that nothing the image needs lands there; other RUNs are left as they were.',
    requires:
      'BuildKit: Docker 23+ on Linux uses it by default, Docker 18.09 to 20.10 with `DOCKER_BUILDKIT=1`, and `docker buildx` always. ' +
      'The legacy builder rejects `RUN --mount` ("the --mount option requires BuildKit"), as do kaniko and Windows engines without BuildKit.',
    image:
      'No installed file changes. The cache directories remain as empty mount points; caches the old image kept ' +
      '(pip downloads without `--no-cache-dir`, apt archives) are on the builder now, not in a layer. ' +
      'CI builders that start empty (cache mounts are not exported with `--cache-to`) build as before.',
  },
  options: [
    {
      name: 'pipCacheTarget',
      type: 'string',
      default: '/root/.cache/pip',
      description: 'Mount target for pip run as root: /root/.cache/pip, or a parent such as /root/.cache (shared with pipenv and uv).',
      validate: (value) =>
        typeof value === 'string' && isPlainAbsolutePath(value) && value !== '/' && value !== '/root' && '/root/.cache/pip'.startsWith(value)
          ? undefined
          : 'must be /root/.cache/pip or one of its parents below /root, e.g. /root/.cache',
    },
    {
      name: 'mountMode',
      type: 'string',
      default: '0755',
      description: 'The mode= of added cache mounts (octal), or "none" to leave it out. Changing it changes the cache identity.',
      validate: (value) => (value === 'none' || /^0?[0-7]{3}$/.test(String(value)) ? undefined : 'must be an octal mode such as 0755, or none'),
    },
    {
      name: 'allowRootOwnedDirs',
      type: 'boolean',
      default: false,
      description:
        'Add mounts for a non-root USER even when the cache directory is not known to exist: BuildKit then creates it, and any missing parent, owned by root, and leaves it in the image.',
    },
  ],
  mightApply: (text) => PACKAGE_MANAGER_HINT.test(text),
  explain: () =>
    [
      'How it decides:',
      '  Each RUN is read as the shell would (quotes, continuations, heredocs, sh -c, sudo, env...), each',
      '  command is matched against the package managers below, and the cache directory is worked out',
      '  from the stage: USER (and its home), ENV/ARG values, WORKDIR, flags such as --cache-dir.',
      '  It skips, and says why, when the user or a variable is unknown, when the mount would cover a',
      '  directory the RUN writes into the image (a --target, the WORKDIR, node_modules), on Windows',
      '  stages, and for a non-root user whose cache directory is not known to exist (BuildKit would',
      '  create it owned by root: moby/buildkit#2682; --allow-root-owned-dirs overrides).',
      '  Mounts for a non-root user get uid=/gid=; apt, apk, dnf and conda mounts get sharing=locked.',
      '',
      'Where each package manager keeps its cache:',
      packageManagerFacts(),
    ].join('\n'),
  apply(document, context) {
    const changes: Change[] = [];
    const skips: Skip[] = [];
    const stages = StageModel.of(document);
    const safety = new MountSafety(document, stages, PACKAGE_MANAGERS);
    const windowsStagesReported = new Set<number>();
    for (const instruction of document.runs()) {
      const line = instruction.getRange().start.line;
      const state = stages.stateAt(line);
      if (!state) continue;
      const analysis = analyzeRun(document, instruction);
      // Package managers left out by `-t cache-mounts/<id>` or an ignore comment are not seen at all.
      const detections = detectAll(PACKAGE_MANAGERS, analysis, state).filter(({ manager }) => context.appliesAt(line, manager.id));
      if (detections.length === 0) continue;
      const report: Report = (message, topic, detail) => skips.push({ line: line + 1, message, ...(detail ? { detail } : {}), ...(topic ? { topic } : {}) });
      if (context.isIgnored(line)) {
        report('exempted by an inline dockerfile-codemod ignore comment');
        continue;
      }
      if (state.windows) {
        if (!windowsStagesReported.has(state.stage.index)) report(`Windows stage (${state.windows}): cache mounts are not added to Windows builds`);
        windowsStagesReported.add(state.stage.index);
        continue;
      }
      const planned = planMounts(document, detections, state, analysis, context, safety, report);
      changes.push(...mountChanges(document, planned, analysis, state, context, safety, report));
    }
    return { changes, skips };
  },
};

/** The cache mounts each package manager of a RUN needs, merged per target and checked against the RUN's outputs. */
function planMounts(
  document: DockerfileDocument,
  detections: readonly { manager: PackageManager; detection: Detection }[],
  state: BuildState,
  analysis: RunAnalysis,
  context: TransformContext,
  safety: MountSafety,
  report: Report,
): PlannedMount[] {
  const candidates: { manager: PackageManager; detection: Detection; target: CacheTarget; edits: CommandEdit[]; note?: string }[] = [];
  // The command's working directory receives its output (node_modules, .venv, target/): never mount over it.
  const protectedPaths: string[] = [state.workdir === '/' ? [] : [state.workdir]].flat();
  // Several commands of one package manager ask for the same edit (apt's keep-downloads): make it once.
  const uniqueEdits = new Map<string, CommandEdit>();
  const unique = ({ key, edit }: { key: string; edit: CommandEdit }) => {
    if (!uniqueEdits.has(key)) uniqueEdits.set(key, edit);
    return uniqueEdits.get(key)!;
  };
  const relying = new Map(relianceIn(detections, analysis, state).map(({ detection, reason }) => [detection, reason]));
  // A broad target (`--pip-cache-target /root/.cache`) is only safe when nothing else in the RUN may write below it unseen.
  const broadTargetSafe = analysis.invocations.every(
    (invocation) => EXPLICIT_WRITERS.has(basename(invocation.argv[0] ?? '')) || detections.some(({ detection }) => detection.invocation === invocation),
  );
  for (const { manager, detection } of detections) {
    const { invocation, label } = detection;
    const reliance = relying.get(detection);
    if (reliance) {
      report(`${label}: works from what an earlier RUN left in its cache`, manager.id, `${reliance}, which a cache mount would hide.`);
      continue;
    }
    const unsetVariable = isKnownImage(state.stage.rootImage)
      ? undefined
      : manager.imageEnvironment?.find((name) => !state.env.has(name) && !invocation.env.has(name));
    if (unsetVariable) {
      report(
        `${label}: the base image ${state.stage.rootImage} may set ${unsetVariable}, which moves the cache`,
        manager.id,
        `A mount at the default path could stay empty. Set ENV ${unsetVariable} in the Dockerfile to allow the mount.`,
      );
      continue;
    }
    if (invocation.otherUser) {
      report(`${label} runs as another user through ${invocation.otherUser}, whose cache location is unknown`, manager.id);
      continue;
    }
    const targetContext = targetContextFor(detection, state, analysis, context.options);
    if (!targetContext) {
      report(`${label} runs as USER ${state.user}, whose uid and home directory are unknown: a root-owned cache mount would not be writable`, manager.id);
      continue;
    }
    protectedPaths.push(...detection.outputs, ...(manager.protectedPaths?.(targetContext) ?? []));
    const result = manager.targets(detection, targetContext);
    if ('skip' in result) {
      report(`${label}: ${result.skip}`, manager.id);
      continue;
    }
    const placed = checkPlaces(document, analysis, result.edits ?? []);
    if (typeof placed === 'string') {
      report(`${label}: ${placed}`, manager.id);
      continue;
    }
    const note = detection.cacheDisabledBy
      ? `${detection.cacheDisabledBy} keeps ${manager.id} from using the cache until it is removed, which the no-cache-flags transform does`
      : result.note;
    const edits = placed.map(unique);
    for (const target of result.targets) {
      const namedBelow = target.fallback === undefined ? undefined : safety.namesInside(analysis, target.path);
      const narrowed = target.fallback !== undefined && (!broadTargetSafe || namedBelow !== undefined);
      const chosen = narrowed ? { ...target, path: target.fallback!, fallback: undefined } : target;
      const why = narrowed ? `not ${target.path}: ${namedBelow ? `\`${namedBelow}\` uses a path below it` : 'other commands of the RUN may write below it'}` : note;
      const own = edits.filter((edit) => edit.forTarget === undefined || edit.forTarget === chosen.path);
      candidates.push({ manager, detection, target: chosen, edits: own, ...(why ? { note: why } : {}) });
    }
  }

  const planned: PlannedMount[] = [];
  for (const candidate of candidates) {
    const { manager, detection } = candidate;
    const path = chooseTarget(candidate.target, protectedPaths);
    if (path === undefined) {
      report(`${detection.label}: its cache directory ${candidate.target.path} would hide output that must reach the image`, manager.id);
      continue;
    }
    if (!isPlainAbsolutePath(path)) {
      report(`${detection.label}: cache directory ${JSON.stringify(path)} is not a plain absolute path`, manager.id);
      continue;
    }
    const note = path !== candidate.target.path ? `narrowed from ${candidate.target.path}, which holds output of this RUN that must reach the image` : candidate.note;
    const same = planned.find((mount) => mount.target.path === path);
    const mount = same ?? { target: { ...candidate.target, path }, users: [], packageManagers: new Set<string>(), edits: [], notes: [] };
    if (!same) planned.push(mount);
    if (!mount.users.includes(detection)) mount.users.push(detection);
    mount.packageManagers.add(manager.id);
    for (const edit of candidate.edits) if (!mount.edits.includes(edit)) mount.edits.push(edit);
    if (note && !mount.notes.includes(note)) mount.notes.push(note);
  }
  // A mount inside another planned mount is already covered by it (pipenv under a /root/.cache mount).
  return planned.filter((mount) => {
    const outer = planned.find((other) => other !== mount && isWithin(mount.target.path, other.target.path));
    if (!outer) return true;
    for (const detection of mount.users) if (!outer.users.includes(detection)) outer.users.push(detection);
    for (const id of mount.packageManagers) outer.packageManagers.add(id);
    outer.edits.push(...mount.edits.filter((edit) => !outer.edits.includes(edit)));
    return false;
  });
}

/** The `--mount` flags (and command edits) for the planned mounts the RUN does not have yet. */
function mountChanges(
  document: DockerfileDocument,
  planned: readonly PlannedMount[],
  analysis: RunAnalysis,
  state: BuildState,
  context: TransformContext,
  safety: MountSafety,
  report: Report,
): Change[] {
  const existing = analysis.mounts.flatMap((mount) => {
    const target = mountTarget(mount);
    return target === undefined ? [] : [{ type: mountType(mount), path: resolvePath(target, state.workdir) }];
  });
  const added: AcceptedMount[] = [];
  for (const mount of planned) {
    const managers = [...mount.packageManagers].join(', ');
    const path = mount.target.path;
    if (existing.some((other) => isWithin(path, other.path))) continue;
    const inside = existing.find((other) => isWithin(other.path, path));
    if (inside) {
      report(`${managers}: the RUN already mounts ${inside.path} inside ${path}; not adding an overlapping cache mount`, managers);
      continue;
    }
    const user = commandUser(state, mount.users[0]!.invocation) ?? ROOT;
    if (user.uid !== 0 && !context.options.allowRootOwnedDirs && !state.madeDirectories.has(path)) {
      const name = state.user.split(':')[0];
      report(
        `${managers}: runs as USER ${name} (uid ${user.uid}) and ${path} is not known to exist`,
        [...mount.packageManagers][0],
        `BuildKit would create ${path} and any missing parent owned by root, and leave them in the image, where ${name} could no longer write (moby/buildkit#2682). Make it in an earlier RUN (mkdir -p ${path}), or set allowRootOwnedDirs.`,
      );
      continue;
    }
    const verdict = safety.check(analysis, state, {
      path,
      managers: mount.packageManagers,
      detections: mount.users,
      cacheDisabled: mount.users.every((detection) => detection.cacheDisabledBy !== undefined),
      allowRootOwnedDirs: context.options.allowRootOwnedDirs === true,
    });
    if (!verdict.ok) {
      report(`${managers}: no cache mount at ${path}: ${verdict.reason}`, [...mount.packageManagers][0], verdict.detail);
      continue;
    }
    if (verdict.drops.length > 0 && dropEdits(verdict.drops) === undefined) {
      report(
        `${managers}: no cache mount at ${path}: its \`rm\` in the same RUN cannot be taken out exactly`,
        [...mount.packageManagers][0],
        'The `rm` would fail on the mount point, and it is inside a string or not in a plain && chain, so it cannot be cut out.',
      );
      continue;
    }
    const flag = formatCacheMount({
      ...(mount.target.id ? { id: mount.target.id } : {}),
      target: path,
      ...(mount.target.sharing ? { sharing: mount.target.sharing } : {}),
      ...(user.uid !== 0 ? { uid: user.uid, gid: user.gid } : {}),
      ...(context.options.mountMode !== 'none' ? { mode: String(context.options.mountMode) } : {}),
    });
    added.push({ mount, flag, drops: verdict.drops });
  }
  // All insertions into the RUN are laid out together: the number of flags and the words added to
  // commands decide what goes on a line of its own.
  const flags = added.map(({ flag }) => flag);
  const editsDone = new Set<CommandEdit>();
  const commandEdits = added.map(({ mount }) => {
    const fresh = mount.edits.filter((edit) => !editsDone.has(edit));
    for (const edit of fresh) editsDone.add(edit);
    return fresh;
  });
  const placed = new Map<CommandEdit, TextEdit>();
  for (const edit of editsDone) if ('after' in edit) placed.set(edit, placeEdit(document, analysis, edit)!);
  const wordEdits = [...placed.values()];
  for (const edit of editsDone) if (!('after' in edit)) placed.set(edit, placeEdit(document, analysis, edit, { addedFlags: flags, otherEdits: wordEdits })!);
  const flagEdits = insertRunFlags(document, analysis, flags, { otherEdits: wordEdits });
  // Operands of one `rm` may be dropped for several mounts: the edits are made once, for all of them.
  const drops = dropEdits(added.flatMap(({ drops }) => drops)) ?? [];
  return added.map(({ mount, drops: own }, i) => {
    const labels = [...new Set(mount.users.map((detection) => detection.label))].join(', ');
    // The message stays one short line; why the RUN needed more than the flag goes into the detail.
    const notes = [
      ...mount.notes,
      ...commandEdits[i]!.map((edit) => edit.why),
      ...(own.length > 0 ? [`Without the \`rm\` of ${mount.target.path}: the mount holds it now, and removing a mount point fails`] : []),
    ];
    return {
      line: document.lineAt(flagEdits[i]!.start) + 1,
      message: `${labels}: cache mount ${mount.target.path}`,
      ...(notes.length > 0 ? { detail: notes.map(asSentence).join(' ') } : {}),
      edits: [flagEdits[i]!, ...commandEdits[i]!.map((edit) => placed.get(edit)!), ...(i === 0 ? drops : [])],
      topic: [...mount.packageManagers][0]!,
    };
  });
}

/** A note as a sentence of a detail: with a full stop (its first word may be a command, so its case stays). */
function asSentence(note: string): string {
  return /[.!?]$/.test(note) ? note : `${note}.`;
}

/**
 * Text edits that take `rm` operands out: the whole command when all its operands go, else each
 * operand with the space before it. Undefined when one has no exact place in the file.
 */
function dropEdits(drops: readonly OperandDrop[]): TextEdit[] | undefined {
  const byInvocation = new Map<LocatedInvocation, Set<number>>();
  for (const { use } of drops) {
    const invocation = use.invocation as LocatedInvocation;
    byInvocation.set(invocation, (byInvocation.get(invocation) ?? new Set()).add(use.index));
  }
  const edits: TextEdit[] = [];
  const wholeCommands: { script: NonNullable<LocatedInvocation['script']>; command: NonNullable<LocatedInvocation['command']> }[] = [];
  for (const [invocation, indexes] of byInvocation) {
    const operandCount = invocation.argv.slice(1).filter((arg) => !arg.startsWith('-') || arg === '-').length;
    if (indexes.size >= operandCount) {
      if (!invocation.script || !invocation.command) return undefined;
      wholeCommands.push({ script: invocation.script, command: invocation.command });
      continue;
    }
    const operands = removeOperands(invocation, indexes);
    if (!operands) return undefined;
    edits.push(...operands);
  }
  const removed = removeCommands(wholeCommands);
  if (removed.kept.length > 0) return undefined;
  return [...edits, ...removed.edits.map(({ edit }) => edit)];
}

/** The command edit as a text edit in the file, laid out with the RUN's other insertions; undefined when it has no exact place. */
function placeEdit(document: DockerfileDocument, analysis: RunAnalysis, edit: CommandEdit, layout: LayoutContext = {}): TextEdit | undefined {
  if ('first' in edit) return insertCommandFirst(document, analysis, edit.text, layout);
  if ('before' in edit) return insertCommandBefore(document, analysis, edit.before, edit.text, layout);
  const range = wordRange(edit.after as LocatedInvocation, edit.word);
  return range && insertWords(document, analysis, range.end, edit.text, layout);
}

/** The command edits with a key that is the same for the same edit, or why one has no exact place in the file. */
function checkPlaces(document: DockerfileDocument, analysis: RunAnalysis, edits: readonly CommandEdit[]): { key: string; edit: CommandEdit }[] | string {
  const placed: { key: string; edit: CommandEdit }[] = [];
  for (const edit of edits) {
    const at = placeEdit(document, analysis, edit);
    if (!at) {
      if ('first' in edit) return 'the RUN has no shell script to put the setup at the start of (exec form)';
      return 'before' in edit
        ? `cannot add \`${edit.text}\` before a command nested in a string, $(...) or a pipe`
        : `cannot add \`${edit.text}\` to a command nested in a string`;
    }
    placed.push({ key: `${at.start}:${edit.text}`, edit });
  }
  return placed;
}

/** The target itself, or its fallback when the target would cover output; undefined when neither is safe. */
function chooseTarget(target: CacheTarget, protectedPaths: readonly string[]): string | undefined {
  const safe = (path: string) => !protectedPaths.some((output) => isWithin(output, path));
  if (safe(target.path)) return target.path;
  if (target.fallback !== undefined && safe(target.fallback)) return target.fallback;
  return undefined;
}
