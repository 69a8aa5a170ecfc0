import {
  analyzeRun,
  basename,
  type BuildState,
  type Change,
  type CommandRemoval,
  isExactly,
  isWithin,
  type LocatedInvocation,
  mayLieWithin,
  mountTarget,
  mountType,
  pathUses,
  removeCommands,
  removeOperands,
  resolvePath,
  runWordExpander,
  type RunAnalysis,
  type Skip,
  StageModel,
  type TextEdit,
  type Transform,
  wordRange,
  type WordExpander,
} from '../../src/toolkit.js';
import { detectAll, targetContextFor, type PackageManager } from '../cache-mounts/package-manager.js';
import { PACKAGE_MANAGERS } from '../cache-mounts/package-managers/index.js';

/**
 * hadolint rules that flag the cache-defeating command or flag once it is gone, and whether a
 * mount target satisfies the rule (hadolint 2.14). Where nothing does, the change says so.
 */
const HADOLINT: Readonly<Record<string, { rule: string; exempt: (target: string) => boolean }>> = {
  pip: { rule: 'DL3042', exempt: (target) => target.includes('.cache/pip') || target.endsWith('/.cache') },
  apk: { rule: 'DL3019', exempt: (target) => target.includes('/var/cache/apk') },
  apt: { rule: 'DL3009', exempt: (target) => target.includes('/var/lib/apt/lists') },
  yarn: { rule: 'DL3060', exempt: (target) => target.includes('.cache/yarn') },
  dnf: { rule: 'DL3040 (dnf) / DL3032 (yum)', exempt: (target) => target.includes('/var/cache/libdnf5') || target.includes('.cache/libdnf5') },
};

interface Removal extends CommandRemoval {
  readonly manager: string;
  /** What the command does to the cache: "empties the apt cache mount". */
  readonly why: string;
  /** The hadolint rule that flags the RUN once it is gone, as a sentence, or ''. */
  readonly lint: string;
}

export const noCacheFlags: Transform = {
  id: 'no-cache-flags',
  description: 'In a RUN that has a cache mount, remove what throws the cache away: --no-cache-dir, apt-get clean, rm -rf of the cached directory...',
  defaultOn: true,
  docsUrl: 'https://www.npmjs.com/package/dockerfile-codemod#transform-no-cache-flags',
  // It acts on the mounts cache-mounts adds.
  runsAfter: ['cache-mounts'],
  // The same ids as cache-mounts' package managers, so that one rollout selects or ignores both.
  // An `rm` of a mounted cache (topic `rm`) is no package manager's: it belongs to the transform as a whole.
  subRules: PACKAGE_MANAGERS.filter(({ docs }) => docs.removes).map(({ id, docs }) => ({
    topic: id,
    description: `Remove what empties the ${docs.name} cache mount`,
    help: `In a RUN with a cache mount for ${docs.name}, remove ${docs.removes!}.`,
  })),
  explain: () =>
    [
      'Only in a RUN that has a cache mount, and only for a package manager that fills its cache in that',
      'RUN with every one of its cache directories mounted, it removes:',
      ...PACKAGE_MANAGERS.filter(({ docs }) => docs.removes).map(({ docs }) => `  ${docs.name}: ${docs.removes!.replace(/`/g, '')}`),
      '  any package manager: an rm whose every path lies on a cache mount of the RUN; of an rm that also',
      '  deletes other paths, the operands that lie on a mount',
      'A command joined by || or |, inside if/for/while or a string (sh -c "..."), or that is the whole',
      'RUN is kept and reported: removing it there could change what runs.',
    ].join('\n'),
  pullRequest: {
    title: () => 'drop cache clean-ups',
    description: () =>
      'In RUNs that have a cache mount, flags and commands that threw the cache away (`--no-cache-dir`, `apt-get clean`, ' +
      '`rm -rf /var/lib/apt/lists/*`...) are removed: with the mount they would only empty the cache.',
    image: 'Unchanged: what those commands deleted now lies on the cache mount, outside the image.',
  },
  options: [],
  // A cache mount, and something that could defeat it: a flag, a clean-up subcommand, an rm.
  mightApply: (text) => /type=cache/i.test(text) && /--no-cache|-n\b|\bclean\b|\bpurge\b|\bprune\b|\bclear\b|clear-?cache|\bcc\b|\blocals\b|\bremove\b|\brm\b/.test(text),
  apply(document, context) {
    const changes: Change[] = [];
    const skips: Skip[] = [];
    const stages = StageModel.of(document);
    for (const instruction of document.runs()) {
      const line = instruction.getRange().start.line;
      const state = stages.stateAt(line);
      if (!state || context.isIgnored(line)) continue;
      const analysis = analyzeRun(document, instruction);
      const mounted = analysis.mounts
        .filter((mount) => mountType(mount) === 'cache')
        .flatMap((mount) => {
          const target = mountTarget(mount);
          return target === undefined ? [] : [resolvePath(target, state.workdir)];
        });
      if (mounted.length === 0) continue;
      const report = (message: string, topic: string, detail?: string) => skips.push({ line: line + 1, message, ...(detail ? { detail } : {}), topic });
      const removals: Removal[] = [];
      for (const { manager, mountedTargets } of managersWithMountedCache(analysis, state, mounted, context.options)) {
        if (!context.appliesAt(line, manager.id)) continue;
        const hadolint = HADOLINT[manager.id];
        const lint = hadolint && !mountedTargets.some(hadolint.exempt) ? ` hadolint ${hadolint.rule} will flag this, as none of its exemptions covers ${mountedTargets.join(', ')}.` : '';
        for (const invocation of analysis.invocations) {
          for (const { flag, replacement } of manager.defeaters?.flags ?? []) {
            if (!managerOwns(manager, invocation, analysis, state)) continue;
            const index = invocation.argv.indexOf(flag);
            if (index < 1) continue;
            const range = wordRange(invocation, index);
            const previous = wordRange(invocation, index - 1);
            if (!range || !previous) {
              report(`${manager.id}: ${flag} is inside a string; remove it by hand to use the cache`, manager.id);
              continue;
            }
            const edit: TextEdit = replacement === '' ? { start: previous.end, end: range.end, newText: '' } : { start: range.start, end: range.end, newText: replacement };
            changes.push({
              line: document.lineAt(range.start) + 1,
              message: `${manager.id}: ${replacement === '' ? `without ${flag}` : `${replacement} instead of ${flag}`}`,
              detail: `${flag} keeps ${manager.id} from using the cache mount.${lint}`,
              edits: [edit],
              topic: manager.id,
            });
          }
          if (invocation.command && manager.defeaters?.commands?.(invocation.argv) && invocation.script) {
            removals.push({ script: invocation.script, command: invocation.command, manager: manager.id, why: `empties the ${manager.id} cache mount`, lint });
          }
        }
      }
      const expand = runWordExpander(analysis.scripts, state);
      for (const invocation of analysis.invocations) {
        const operands = invocation.command && invocation.script && context.appliesAt(line, 'rm') ? rmOperandsOnMounts(invocation, mounted, state, expand) : [];
        const onMounts = operands.filter((operand) => operand.mount !== undefined);
        if (onMounts.length === 0) continue;
        const covering = [...new Set(onMounts.map((operand) => operand.mount))].join(', ');
        if (onMounts.length === operands.length) {
          removals.push({ script: invocation.script!, command: invocation.command!, manager: 'rm', why: `only deletes files on the cache mount ${covering}`, lint: '' });
          continue;
        }
        // The other operands stay: only the words that empty a mount go.
        const edits = removeOperands(invocation, onMounts.map(({ index }) => index));
        const words = onMounts.map(({ index }) => `\`${invocation.argv[index]}\``).join(' ');
        const lineOfCommand = document.lineAt(invocation.script!.toSource(invocation.command!.start)) + 1;
        if (edits) {
          changes.push({
            line: lineOfCommand,
            message: `rm: without ${words} in \`${invocation.argv.join(' ')}\``,
            detail: `${words} only deletes files on the cache mount ${covering}; the command's other operands stay.`,
            edits,
            topic: 'rm',
          });
        } else {
          report(`rm: keeps ${words} in \`${invocation.argv.join(' ')}\``, 'rm', `It only deletes files on the cache mount ${covering}, but it is inside a string: remove it by hand to keep the cache.`);
        }
      }
      const { edits, kept } = removeCommands(removals);
      for (const { removal, why } of kept) {
        report(`${removal.manager}: keeps \`${commandText(removal)}\`, which ${removal.why}: ${why}`, removal.manager);
      }
      for (const { group, edit } of edits) {
        changes.push({
          line: document.lineAt(group[0]!.script.toSource(group[0]!.command.start)) + 1,
          message: `${group[0]!.manager}: without ${group.map((removal) => `\`${commandText(removal)}\``).join(' and ')}`,
          detail: group.map((removal) => `\`${commandText(removal)}\` ${removal.why}.${removal.lint}`).join(' '),
          edits: [edit],
          topic: group[0]!.manager,
        });
      }
    }
    return { changes, skips };
  },
};

/** Package managers that fill their cache in this RUN and whose every cache directory is mounted. */
function managersWithMountedCache(
  analysis: RunAnalysis,
  state: BuildState,
  mounted: readonly string[],
  options: Readonly<Record<string, string | number | boolean>>,
): { manager: PackageManager; mountedTargets: string[] }[] {
  const result = new Map<PackageManager, string[]>();
  for (const { manager, detection } of detectAll(PACKAGE_MANAGERS, analysis, state)) {
    const context = targetContextFor(detection, state, analysis, options);
    if (!context) continue;
    const targets = manager.targets(detection, context);
    if ('skip' in targets) continue;
    const covering = targets.targets.map((target) => mounted.find((path) => isWithin(target.path, path)));
    if (covering.every((path) => path !== undefined)) result.set(manager, covering as string[]);
  }
  return [...result].map(([manager, mountedTargets]) => ({ manager, mountedTargets }));
}

/** A flag defeater applies to the package manager's own commands only (`pip --no-cache-dir`, not `foo --no-cache-dir`). */
function managerOwns(manager: PackageManager, invocation: RunAnalysis['invocations'][number], analysis: RunAnalysis, state: BuildState): boolean {
  return manager.detect(invocation, { state, run: analysis.invocations }) !== undefined;
}

/**
 * The operands of `rm -rf <paths>`, each with the cache mount it lies on (inside it, or the
 * mount's contents by a glob), if any: with the mount, such an operand only throws the cache away.
 * Empty when the command is not an rm.
 */
function rmOperandsOnMounts(invocation: LocatedInvocation, mounted: readonly string[], state: BuildState, expand: WordExpander): { index: number; mount: string | undefined }[] {
  if (basename(invocation.argv[0] ?? '') !== 'rm') return [];
  return pathUses([invocation], state.workdir, expand).map(({ pattern, index }) => ({
    index,
    mount: pattern === undefined ? undefined : mounted.find((target) => mayLieWithin(pattern, target) || isExactly(pattern, target)),
  }));
}

function commandText({ script, command }: CommandRemoval): string {
  return script.text.slice(command.start, command.end);
}
