import { basename, normalizeImage } from '../../../src/toolkit.js';
import { ArgvReader, type PackageManager, offlineBy } from '../package-manager.js';

const PROGRAMS = /^(dnf|dnf5|yum|microdnf)$/;
const VALUED = new Set(['-c', '--config', '--installroot', '--releasever', '--repo', '--repoid', '--enablerepo', '--disablerepo', '-x', '--exclude', '--setopt', '--nodocs', '-d', '--debuglevel', '-e', '--errorlevel', '--forcearch']);
const FILLS_CACHE = new Set(['install', 'upgrade', 'update', 'groupinstall', 'reinstall', 'downgrade', 'distro-sync', 'group', 'module']);
/** Images whose `dnf` is dnf5 (Fedora 41 and later). */
const DNF5_IMAGES = /^(fedora|registry\.fedoraproject\.org\/fedora)(:(4[1-9]|[5-9]\d|latest|rawhide))?$/;
/** Images whose `yum` is yum 3 (EL7 era), with its cache in /var/cache/yum. */
const YUM3_IMAGES = /^(centos:(centos)?7|amazonlinux:2$|amazonlinux:2\.|oraclelinux:7|registry\.access\.redhat\.com\/(ubi7|rhel7))/;

function cacheDirectory(program: string, image: string): string {
  const name = normalizeImage(image);
  if (program === 'dnf5' || (program === 'dnf' && DNF5_IMAGES.test(name))) return '/var/cache/libdnf5';
  if (program === 'microdnf' || (program === 'yum' && YUM3_IMAGES.test(name))) return '/var/cache/yum';
  return '/var/cache/dnf';
}

export const dnf: PackageManager = {
  id: 'dnf',
  docs: {
    name: 'dnf / dnf5 / yum / microdnf',
    commands: '`install`, `upgrade`, `update`, `groupinstall`, `reinstall`, `downgrade`, `distro-sync`',
    target: 'dnf4 and EL8+ yum `/var/cache/dnf`; dnf5 (and `dnf` on Fedora 41+) `/var/cache/libdnf5`; microdnf and EL7 yum `/var/cache/yum`; `sharing=locked`',
    removes: '`dnf/yum/microdnf clean ...`, `rm -rf /var/cache/dnf` (hadolint DL3040/DL3032 have no exemption for `/var/cache/dnf`: reported)',
    extra: 'adds `--setopt=keepcache=1`, without which downloaded packages are deleted after the transaction',
  },
  defeaters: {
    commands: (argv) => PROGRAMS.test(basename(argv[0] ?? '')) && argv.includes('clean'),
  },
  reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['-C', '--cacheonly']),
  detect(invocation) {
    const program = basename(invocation.argv[0] ?? '');
    if (!PROGRAMS.test(program)) return undefined;
    const args = invocation.argv.slice(1);
    const subcommand = args[new ArgvReader(args, VALUED).firstPositional()];
    if (subcommand === undefined || !FILLS_CACHE.has(subcommand)) return undefined;
    if ((subcommand === 'group' || subcommand === 'module') && !['install', 'update', 'upgrade'].includes(args[args.indexOf(subcommand) + 1] ?? '')) return undefined;
    return { label: `${program} ${subcommand}`, invocation, outputs: [] };
  },
  targets(detection, context) {
    const { invocation } = detection;
    if (context.user.uid !== 0) return { skip: `${basename(invocation.argv[0]!)} runs as root only` };
    const program = basename(invocation.argv[0]!);
    const keeps = invocation.argv.some((arg) => /^keepcache=(1|true|yes)$/i.test(arg) || /^--setopt=keepcache=(1|true|yes)$/i.test(arg));
    return {
      targets: [{ path: cacheDirectory(program, context.state.stage.rootImage), sharing: 'locked' }],
      edits: keeps ? [] : [{ after: invocation, word: 0, text: '--setopt=keepcache=1', why: `${program} deletes downloaded packages after each transaction unless keepcache is set: --setopt=keepcache=1 keeps them in the mount.` }],
    };
  },
};
