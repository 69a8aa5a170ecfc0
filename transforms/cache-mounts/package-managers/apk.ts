import { basename, resolvePath } from '../../../src/toolkit.js';
import { ArgvReader, earlierInRun, type PackageManager } from '../package-manager.js';

const VALUED = new Set(['--cache-dir', '-X', '--repository', '-p', '--root', '-t', '--virtual', '--arch', '--repositories-file', '--keys-dir', '--cache-max-age']);
const FILLS_CACHE = new Set(['add', 'upgrade', 'fix']);
const DEFAULT_CACHE = '/var/cache/apk';

function apkSubcommand(argv: readonly string[]): { reader: ArgvReader; subcommand: string | undefined; index: number } | undefined {
  if (basename(argv[0] ?? '') !== 'apk') return undefined;
  const reader = new ArgvReader(argv, VALUED);
  const index = reader.firstPositional(1);
  return { reader, subcommand: argv[index], index };
}

export const apk: PackageManager = {
  id: 'apk',
  docs: {
    name: 'apk',
    commands: '`apk add`, `upgrade`, `fix` that fetch indexes in the same RUN (`--no-cache`, `-U`/`--update-cache`, or an `apk update` before)',
    target: '`/var/cache/apk` (or `--cache-dir`), `sharing=locked`',
    removes: '`--no-cache` (becomes `-U`, the short `--update-cache`), `apk cache clean/purge`, `rm -rf /var/cache/apk/*`',
    extra: 'adds `--cache-dir /var/cache/apk` to the command, which turns apk\'s package cache on; `--no-cache` becomes `-U` (`--update-cache`; no-cache-flags)',
    skips: 'an `apk add` that relies on indexes an earlier RUN fetched',
  },
  defeaters: {
    flags: [{ flag: '--no-cache', replacement: '-U' }],
    commands: (argv) => {
      const parsed = apkSubcommand(argv);
      return parsed?.subcommand === 'cache' && ['clean', 'purge'].includes(argv[parsed.index + 1] ?? '');
    },
  },
  detect(invocation, { state }) {
    const parsed = apkSubcommand(invocation.argv);
    if (!parsed?.subcommand || !FILLS_CACHE.has(parsed.subcommand)) return undefined;
    const cacheDir = parsed.reader.values('--cache-dir').pop();
    const noCache = parsed.reader.has('--no-cache');
    return {
      ...(noCache !== undefined ? { cacheDisabledBy: noCache } : {}),
      label: `apk ${parsed.subcommand}`,
      invocation,
      outputs: [],
      ...(cacheDir !== undefined ? { cacheDirArgument: resolvePath(cacheDir, state.workdir) } : {}),
    };
  },
  reliesOnEarlierRuns(detection, context) {
    const { invocation } = detection;
    const fetchesIndexes =
      apkSubcommand(invocation.argv)!.reader.has('--no-cache', '-U', '--update-cache', '--update') !== undefined ||
      earlierInRun(context, invocation, (argv) => apkSubcommand(argv)?.subcommand === 'update');
    return fetchesIndexes ? undefined : 'no --no-cache, -U or apk update in this RUN: it installs from the indexes an earlier RUN left in /var/cache/apk';
  },
  targets(detection, context) {
    const { invocation } = detection;
    const parsed = apkSubcommand(invocation.argv)!;
    if (context.user.uid !== 0) return { skip: 'apk runs as root only' };
    const path = detection.cacheDirArgument ?? DEFAULT_CACHE;
    const edits = detection.cacheDirArgument
      ? []
      : [{ after: invocation, word: parsed.index, text: `--cache-dir ${DEFAULT_CACHE}`, why: `apk keeps no package cache unless one is configured: --cache-dir ${DEFAULT_CACHE} turns it on, in the mount.` }];
    return { targets: [{ path, sharing: 'locked' }], edits };
  },
};
