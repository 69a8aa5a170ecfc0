import { basename } from '../../../src/toolkit.js';
import { fromEnv, inHome, subcommandOf, offlineBy } from '../package-manager.js';
const FILLS_CACHE = new Set(['install', 'i', 'ci', 'add', 'update', 'up', 'upgrade', 'install-clean', 'isntall']);
const VALUED = new Set(['--prefix', '-C', '--workspace', '-w', '--registry', '--cache', '--userconfig']);
export const npm = {
    id: 'npm',
    docs: {
        name: 'npm',
        commands: '`npm install`, `i`, `ci`, `add`, `update`',
        target: '`--cache`, `npm_config_cache`/`NPM_CONFIG_CACHE`, else `~/.npm` (`/root/.npm`)',
        removes: '`npm cache clean --force`',
        skips: 'a WORKDIR inside the cache directory (node_modules would land on the mount)',
    },
    defeaters: {
        commands: (argv) => basename(argv[0] ?? '') === 'npm' && argv[1] === 'cache' && argv[2] === 'clean',
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline']),
    detect(invocation) {
        if (basename(invocation.argv[0] ?? '') !== 'npm')
            return undefined;
        const subcommand = subcommandOf(invocation.argv.slice(1), FILLS_CACHE, VALUED);
        return subcommand ? { label: `npm ${subcommand}`, invocation, outputs: [] } : undefined;
    },
    targets(detection, context) {
        const argument = detection.invocation.argv.find((arg) => arg.startsWith('--cache='))?.slice('--cache='.length);
        const dir = argument ?? fromEnv(context.env, 'npm_config_cache') ?? fromEnv(context.env, 'NPM_CONFIG_CACHE') ?? inHome(context, '.npm');
        return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
    },
};
//# sourceMappingURL=npm.js.map