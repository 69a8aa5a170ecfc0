import { basename } from '../../../src/toolkit.js';
import { fromEnv, inHome, subcommandOf, offlineBy } from '../package-manager.js';
const FILLS_CACHE = new Set(['install', 'i', 'add', 'fetch', 'update', 'up']);
const VALUED = new Set(['-C', '--dir', '--filter', '-F', '--store-dir', '--workspace-root']);
export const pnpm = {
    id: 'pnpm',
    docs: {
        name: 'pnpm',
        commands: '`pnpm install`, `i`, `add`, `fetch`, `update`',
        target: '`--store-dir`, `npm_config_store_dir`, `$PNPM_HOME/store`, `$XDG_DATA_HOME/pnpm/store`, else `~/.local/share/pnpm/store`',
        removes: '`pnpm store prune`',
    },
    defeaters: {
        commands: (argv) => basename(argv[0] ?? '') === 'pnpm' && argv[1] === 'store' && argv[2] === 'prune',
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline']),
    imageEnvironment: ['PNPM_HOME'],
    detect(invocation) {
        if (basename(invocation.argv[0] ?? '') !== 'pnpm')
            return undefined;
        const subcommand = subcommandOf(invocation.argv.slice(1), FILLS_CACHE, VALUED);
        if (!subcommand)
            return undefined;
        const args = invocation.argv;
        const storeDir = args.includes('--store-dir') ? args[args.indexOf('--store-dir') + 1] : undefined;
        return { label: `pnpm ${subcommand}`, invocation, outputs: [], ...(storeDir ? { cacheDirArgument: storeDir } : {}) };
    },
    targets(detection, context) {
        const { env } = context;
        const pnpmHome = fromEnv(env, 'PNPM_HOME');
        const xdgData = fromEnv(env, 'XDG_DATA_HOME');
        const dir = detection.cacheDirArgument ??
            fromEnv(env, 'npm_config_store_dir') ??
            (typeof pnpmHome === 'string' ? `${pnpmHome}/store` : pnpmHome) ??
            (typeof xdgData === 'string' ? `${xdgData}/pnpm/store` : xdgData) ??
            inHome(context, '.local/share/pnpm/store');
        return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
    },
};
//# sourceMappingURL=pnpm.js.map