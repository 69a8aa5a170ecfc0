import { Run } from 'dockerfile-ast';
import type { DockerfileDocument } from '../../src/document.js';
import { insertAt } from '../../src/edits.js';
import { formatCacheMount, isPlainAbsolutePath, mountTarget, mountType } from '../../src/dockerfile/mount.js';
import { isWithin, resolvePath } from '../../src/dockerfile/paths.js';
import { analyzeRun } from '../../src/dockerfile/run.js';
import { StageModel, resolveUser, type BuildState } from '../../src/dockerfile/stages.js';
import type { KnownUser } from '../../src/dockerfile/base-images.js';
import type { Change, Skip, Transform, TransformContext } from '../../src/transform.js';
import { Environment, type CacheTarget, type Detection, type PackageManager, type TargetContext } from './package-manager.js';
import { PACKAGE_MANAGERS } from './package-managers/index.js';

/** A mount this RUN should get, and the package managers that share it. */
interface PlannedMount {
  readonly target: CacheTarget;
  readonly users: Detection[];
  readonly packageManagers: Set<string>;
  notes: string[];
}

export const cacheMounts: Transform = {
  id: 'cache-mounts',
  description: 'Add BuildKit cache mounts to RUN instructions that download packages, so rebuilds reuse earlier downloads.',
  defaultOn: true,
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
  ],
  apply(document, context) {
    const changes: Change[] = [];
    const skips: Skip[] = [];
    const stages = new StageModel(document);
    const windowsStagesReported = new Set<number>();
    for (const instruction of document.ast.getInstructions()) {
      if (!(instruction instanceof Run)) continue;
      const line = instruction.getRange().start.line;
      const state = stages.stateAt(line);
      if (!state) continue;
      const analysis = analyzeRun(document, instruction);
      const detections = analysis.invocations.flatMap((invocation) =>
        PACKAGE_MANAGERS.flatMap((manager) => {
          const detection = manager.detect(invocation, state.workdir);
          return detection ? [{ manager, detection }] : [];
        }),
      );
      if (detections.length === 0) continue;
      const report = (message: string, topic?: string) => skips.push({ line: line + 1, message, ...(topic ? { topic } : {}) });
      if (context.isIgnored(line)) {
        report('exempted by an inline dockerfile-codemod ignore comment');
        continue;
      }
      if (state.windows) {
        if (!windowsStagesReported.has(state.stage.index)) report(`Windows stage (${state.windows}): cache mounts are not added to Windows builds`);
        windowsStagesReported.add(state.stage.index);
        continue;
      }
      const user = resolveUser(state);
      const planned = planMounts(detections, state, user, context, report);
      const existing = analysis.mounts.flatMap((mount) => {
        const target = mountTarget(mount);
        return target === undefined ? [] : [{ type: mountType(mount), path: resolvePath(target, state.workdir) }];
      });
      for (const mount of planned) {
        const managers = [...mount.packageManagers].join(', ');
        const path = mount.target.path;
        if (existing.some((other) => isWithin(path, other.path))) continue;
        const inside = existing.find((other) => isWithin(other.path, path));
        if (inside) {
          report(`${managers}: the RUN already mounts ${inside.path} inside ${path}; not adding an overlapping cache mount`, managers);
          continue;
        }
        const flag = formatCacheMount({
          target: path,
          ...(mount.target.sharing ? { sharing: mount.target.sharing } : {}),
          ...(user && user.uid !== 0 ? { uid: user.uid, gid: user.gid } : {}),
          ...(context.options.mountMode !== 'none' ? { mode: String(context.options.mountMode) } : {}),
        });
        const labels = [...new Set(mount.users.map((detection) => detection.label))].join(', ');
        const notes = mount.notes.length > 0 ? ` (${mount.notes.join('; ')})` : '';
        changes.push({
          line: line + 1,
          message: `${labels}: cache mount ${path}${notes}`,
          edits: [insertAt(analysis.flagInsertOffset, ` ${flag}`)],
          topic: [...mount.packageManagers][0]!,
        });
      }
    }
    return { changes, skips };
  },
};

function planMounts(
  detections: readonly { manager: PackageManager; detection: Detection }[],
  state: BuildState,
  user: KnownUser | undefined,
  context: TransformContext,
  report: (message: string, topic?: string) => void,
): PlannedMount[] {
  const candidates: { manager: PackageManager; detection: Detection; target: CacheTarget; note?: string }[] = [];
  const protectedPaths: string[] = [];
  for (const { manager, detection } of detections) {
    const { invocation, label } = detection;
    if (invocation.otherUser) {
      report(`${label} runs as another user through ${invocation.otherUser}, whose cache location is unknown`, manager.id);
      continue;
    }
    if (!user) {
      report(`${label} runs as USER ${state.user}, whose uid and home directory are unknown: a root-owned cache mount would not be writable`, manager.id);
      continue;
    }
    const targetContext: TargetContext = {
      env: new Environment(state.env, invocation.env),
      user,
      workdir: state.workdir,
      options: context.options,
    };
    protectedPaths.push(...detection.outputs, ...(manager.protectedPaths?.(targetContext) ?? []));
    const result = manager.targets(detection, targetContext);
    if ('skip' in result) {
      report(`${label}: ${result.skip}`, manager.id);
      continue;
    }
    const note = detection.cacheDisabledBy
      ? `${detection.cacheDisabledBy} still turns the cache off: remove it, or run the no-cache-flags transform`
      : result.note;
    for (const target of result.targets) candidates.push({ manager, detection, target, ...(note ? { note } : {}) });
  }

  const planned: PlannedMount[] = [];
  for (const candidate of candidates) {
    const { manager, detection } = candidate;
    const path = chooseTarget(candidate.target, protectedPaths);
    const narrowed = path !== undefined && path !== candidate.target.path;
    const note = narrowed ? `narrowed from ${candidate.target.path}, which holds output of this RUN that must reach the image` : candidate.note;
    if (path === undefined) {
      report(`${detection.label}: its cache directory ${candidate.target.path} would hide output that must reach the image`, manager.id);
      continue;
    }
    if (!isPlainAbsolutePath(path)) {
      report(`${detection.label}: cache directory ${JSON.stringify(path)} is not a plain absolute path`, manager.id);
      continue;
    }
    const copied = state.copiedPaths.find((copiedPath) => isWithin(copiedPath, path));
    if (copied) {
      report(`${detection.label}: an earlier COPY/ADD put ${copied} inside ${path}; a cache mount would hide it`, manager.id);
      continue;
    }
    const same = planned.find((mount) => mount.target.path === path);
    const mount = same ?? { target: { ...candidate.target, path }, users: [], packageManagers: new Set<string>(), notes: [] };
    if (!same) planned.push(mount);
    if (!mount.users.includes(detection)) mount.users.push(detection);
    mount.packageManagers.add(manager.id);
    if (note && !mount.notes.includes(note)) mount.notes.push(note);
  }
  // A mount inside another planned mount is already covered by it (pipenv under a /root/.cache mount).
  return planned.filter((mount) => {
    const outer = planned.find((other) => other !== mount && isWithin(mount.target.path, other.target.path));
    if (!outer) return true;
    for (const detection of mount.users) if (!outer.users.includes(detection)) outer.users.push(detection);
    for (const id of mount.packageManagers) outer.packageManagers.add(id);
    return false;
  });
}

/** The target itself, or its fallback when the target would cover output; undefined when neither is safe. */
function chooseTarget(target: CacheTarget, protectedPaths: readonly string[]): string | undefined {
  const safe = (path: string) => !protectedPaths.some((output) => isWithin(output, path) || isWithin(path, output));
  if (safe(target.path)) return target.path;
  if (target.fallback !== undefined && safe(target.fallback)) return target.fallback;
  return undefined;
}
