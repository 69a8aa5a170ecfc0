import { basename } from '../../../src/toolkit.js';
import { fromEnv, inHome, type PackageManager, offlineBy } from '../package-manager.js';

const FILLS_CACHE = new Set(['restore', 'build', 'publish', 'test', 'pack', 'run']);

export const dotnet: PackageManager = {
  id: 'dotnet',
  docs: {
    name: 'dotnet / NuGet',
    commands: '`dotnet restore`, `build`, `publish`, `test`, `pack`, `run`',
    target: '`NUGET_PACKAGES`, else `~/.nuget/packages`',
    removes: '`dotnet nuget locals ...`',
    skips: '`--no-restore` builds, which read the packages an earlier `restore` left in the image: neither they nor that `restore` get a mount',
  },
  defeaters: {
    commands: (argv) => basename(argv[0] ?? '') === 'dotnet' && argv[1] === 'nuget' && argv[2] === 'locals',
  },
  reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--no-restore']),
  imageEnvironment: ['NUGET_PACKAGES'],
  detect(invocation) {
    if (basename(invocation.argv[0] ?? '') !== 'dotnet') return undefined;
    const subcommand = invocation.argv[1];
    return subcommand !== undefined && FILLS_CACHE.has(subcommand) ? { label: `dotnet ${subcommand}`, invocation, outputs: [] } : undefined;
  },
  targets(_detection, context) {
    const dir = fromEnv(context.env, 'NUGET_PACKAGES') ?? inHome(context, '.nuget/packages');
    return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
  },
};
