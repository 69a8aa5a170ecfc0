import { basename, normalizeImage } from '../../../src/toolkit.js';
import { earlierInRun, subcommandOf, type CacheTarget, type PackageManager, type TargetContext } from '../package-manager.js';

const APT = /^apt(-get)?$/;
const VALUED = new Set(['-o', '--option', '-c', '--config-file', '-t', '--target-release']);
const FILLS_CACHE = new Set(['install', 'upgrade', 'dist-upgrade', 'full-upgrade', 'build-dep', 'reinstall', 'source']);
/** Where the setup puts its settings for the length of the RUN: read after docker-clean (z sorts last). */
const SETUP_FILE = '/etc/apt/apt.conf.d/zz-keep';

/**
 * Debian's and Ubuntu's images delete downloaded .debs after every apt run (docker-clean's
 * Post-Invoke hooks). The setup turns that off for this RUN only: a file that clears the hooks
 * (and makes `apt` keep downloads, as apt-get already does), removed by a trap when the RUN's
 * shell exits, whatever its exit status. The image's apt configuration stays as it was, so later
 * RUNs without a mount and containers of the image still clean up.
 */
export function keepDownloadsSetup(aptBinary: boolean): string {
  return [
    `trap 'rm -f ${SETUP_FILE}' EXIT`,
    `echo '#clear DPkg::Post-Invoke;' > ${SETUP_FILE}`,
    `echo '#clear APT::Update::Post-Invoke;' >> ${SETUP_FILE}`,
    ...(aptBinary ? [`echo 'Binary::apt::APT::Keep-Downloaded-Packages "1";' >> ${SETUP_FILE}`] : []),
  ].join(' && ');
}

const KEEP_DOWNLOADS_WHY =
  `Debian and Ubuntu images delete downloaded packages after every apt run (the docker-clean hooks), which would leave the mount empty: the setup at the start of the RUN writes ${SETUP_FILE} to turn them off, and its trap removes the file when the RUN ends, so the image keeps its apt configuration.`;

/** Debian and Ubuntu releases by version, for cache ids. */
const RELEASES: Readonly<Record<string, string>> = {
  '10': 'buster', '11': 'bullseye', '12': 'bookworm', '13': 'trixie',
  '18.04': 'bionic', '20.04': 'focal', '22.04': 'jammy', '24.04': 'noble',
};
const CODENAMES = /(?:^|[:-])(buster|bullseye|bookworm|trixie|bionic|focal|jammy|noble|oracular|plucky)(?=$|[-@.])/;

/** The Debian or Ubuntu release an image is built on, when its name says so. */
export function distributionRelease(image: string): string | undefined {
  const name = normalizeImage(image);
  const codename = CODENAMES.exec(name)?.[1];
  if (codename) return codename;
  const version = /^(?:debian|ubuntu):(\d+(?:\.\d+)?)(?=$|[-@])/.exec(name)?.[1];
  return version === undefined ? undefined : RELEASES[version] ?? RELEASES[version.split('.')[0]!];
}

function aptSubcommand(argv: readonly string[], subcommands: ReadonlySet<string>): string | undefined {
  return APT.test(basename(argv[0] ?? '')) ? subcommandOf(argv.slice(1), subcommands, VALUED) : undefined;
}

/** The two apt caches; with a known release, ids keep each release's lists and packages apart. */
function aptTargets(image: string): CacheTarget[] {
  const release = distributionRelease(image);
  return [
    { path: '/var/cache/apt', sharing: 'locked', ...(release ? { id: `apt-cache-${release}` } : {}) },
    { path: '/var/lib/apt/lists', sharing: 'locked', ...(release ? { id: `apt-lists-${release}` } : {}) },
  ];
}

const isUpdate = (argv: readonly string[]) => aptSubcommand(argv, new Set(['update'])) !== undefined;

/** True when this RUN already has the setup, or an earlier one of the stage removed docker-clean for good. */
function keepsDownloads(context: TargetContext): boolean {
  const inRun = (pattern: RegExp) => context.run.some((invocation) => pattern.test(invocation.argv.join(' ')));
  if (inRun(/#clear DPkg::Post-Invoke/)) return true;
  const done = (pattern: RegExp) => context.state.earlierRunMatches(pattern) || inRun(pattern);
  return done(/rm (-f )?\/etc\/apt\/apt\.conf\.d\/docker-clean/) && done(/Keep-Downloaded-Packages\s*\\?"?(true|1)\b/i);
}

/** Why the setup cannot be put at the start of the RUN so that it is undone at its end, if so. */
function setupBlocker(context: TargetContext): string | undefined {
  const trapOrExec = context.run.find((invocation) => invocation.command?.via.length === 0 && ['trap', 'exec'].includes(invocation.argv[0] ?? ''));
  if (trapOrExec) return `the RUN runs \`${trapOrExec.argv[0]}\` itself, so the setup could not be undone at its end`;
  if (context.run.some((invocation) => invocation.command?.after === '&')) return 'the RUN starts a command in the background (&), which could outlive the setup';
  return undefined;
}

export const apt: PackageManager = {
  id: 'apt',
  docs: {
    name: 'apt-get / apt',
    commands: '`update` **and** `install`/`upgrade`/`dist-upgrade`/`build-dep` in the same RUN',
    target: '`/var/cache/apt` and `/var/lib/apt/lists`, both `sharing=locked`',
    removes: '`apt-get clean`, `apt-get autoclean`, `rm -rf /var/lib/apt/lists/*`',
    extra: 'puts a setup at the start of the RUN that turns docker-clean off until the RUN ends (a trap removes it), or the cache stays empty; `id=apt-cache-<release>`/`id=apt-lists-<release>` when the base image names its Debian or Ubuntu release',
    skips: '`install` without `update` in the same RUN (the lists would come from an earlier layer that the mount hides); `--download-only`, whose .debs are output',
  },
  defeaters: {
    commands: (argv) => aptSubcommand(argv, new Set(['clean', 'autoclean'])) !== undefined,
  },
  detect(invocation) {
    const subcommand = aptSubcommand(invocation.argv, FILLS_CACHE);
    if (!subcommand) return undefined;
    // `--download-only` keeps the .debs as the RUN's product, for a later step to take.
    const downloadOnly = invocation.argv.some((arg) => arg === '--download-only' || arg === '-d' || /^-[a-z]*d[a-z]*$/.test(arg));
    return { label: `${basename(invocation.argv[0]!)} ${subcommand}`, invocation, outputs: downloadOnly ? ['/var/cache/apt/archives'] : [] };
  },
  reliesOnPaths: ['/var/lib/apt/lists'],
  reliesOnEarlierRuns(detection, context) {
    return earlierInRun(context, detection.invocation, isUpdate)
      ? undefined
      : 'no apt-get update before it in the same RUN: it installs from the package lists an earlier RUN left in /var/lib/apt/lists';
  },
  targets(_detection, context) {
    if (context.user.uid !== 0) return { skip: 'apt runs as root only' };
    const targets = aptTargets(context.state.stage.rootImage);
    if (keepsDownloads(context)) return { targets };
    const firstApt = context.run.find((invocation) => isUpdate(invocation.argv));
    if (!firstApt) return { skip: 'no apt-get update in the same RUN' };
    if (firstApt.asRoot) return { skip: 'apt runs through sudo as a non-root USER, so the keep-downloads setup cannot be added in front of it' };
    const blocker = setupBlocker(context);
    if (blocker) return { skip: blocker };
    const aptBinary = context.run.some((invocation) => basename(invocation.argv[0] ?? '') === 'apt');
    return { targets, edits: [{ first: true, text: keepDownloadsSetup(aptBinary), forTarget: '/var/cache/apt', why: KEEP_DOWNLOADS_WHY }] };
  },
};
