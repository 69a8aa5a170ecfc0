import { basename } from '../../../src/toolkit.js';
import { earlierInRun, subcommandOf, type PackageManager, type TargetContext } from '../package-manager.js';

const APT = /^apt(-get)?$/;
const VALUED = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release']);
const FILLS_CACHE = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'source']);
/** Debian's docker images delete downloaded .debs after every apt run unless this is undone. */
export const KEEP_DOWNLOADS =
  'rm -f /etc/apt/apt.conf.d/docker-clean && echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/keep-cache';

function aptSubcommand(argv: readonly string[], subcommands: ReadonlySet<string>): string | undefined {
  return APT.test(basename(argv[0] ?? '')) ? subcommandOf(argv.slice(1), subcommands, VALUED) : undefined;
}

const APT_TARGETS = [
  { path: '/var/cache/apt', sharing: 'locked' },
  { path: '/var/lib/apt/lists', sharing: 'locked' },
] as const;

const isUpdate = (argv: readonly string[]) => aptSubcommand(argv, new Set(['update'])) !== undefined;

/** True when this RUN, or an earlier one of the stage, already undoes docker-clean and keeps downloads. */
function keepsDownloads(context: TargetContext): boolean {
  const done = (pattern: RegExp) => context.state.earlierRunMatches(pattern) || context.run.some((invocation) => pattern.test(invocation.argv.join(' ')));
  return done(/docker-clean/) && done(/Keep-Downloaded-Packages\s*\\?"?true/i);
}

export const apt: PackageManager = {
  id: 'apt',
  docs: {
    name: 'apt-get / apt',
    commands: '`update` **and** `install`/`upgrade`/`dist-upgrade`/`build-dep` in the same RUN',
    target: '`/var/cache/apt` and `/var/lib/apt/lists`, both `sharing=locked`',
    removes: '`apt-get clean`, `apt-get autoclean`, `rm -rf /var/lib/apt/lists/*`',
    extra: 'adds `rm -f /etc/apt/apt.conf.d/docker-clean` and `Keep-Downloaded-Packages "true"` before the first apt command (unless the stage already does), or the cache stays empty',
    skips: '`install` without `update` in the same RUN (the lists would come from an earlier layer that the mount hides)',
  },
  defeaters: {
    commands: (argv) => aptSubcommand(argv, new Set(['clean', 'autoclean'])) !== undefined,
  },
  detect(invocation) {
    const subcommand = aptSubcommand(invocation.argv, FILLS_CACHE);
    return subcommand ? { label: `${basename(invocation.argv[0]!)} ${subcommand}`, invocation, outputs: [] } : undefined;
  },
  targets(detection, context) {
    if (!earlierInRun(context, detection.invocation, isUpdate)) {
      return { skip: 'no apt-get update before it in the same RUN: a mount on /var/lib/apt/lists would hide the lists an earlier RUN fetched' };
    }
    if (context.user.uid !== 0) return { skip: 'apt runs as root only' };
    const firstApt = context.run.find((invocation) => isUpdate(invocation.argv))!;
    if (keepsDownloads(context)) return { targets: APT_TARGETS };
    if (firstApt.asRoot) return { skip: 'apt runs through sudo as a non-root USER, so the keep-downloads setup cannot be added in front of it' };
    return { targets: APT_TARGETS, edits: [{ before: firstApt, text: KEEP_DOWNLOADS }] };
  },
};
