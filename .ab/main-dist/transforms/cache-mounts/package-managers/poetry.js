import { basename } from '../../../src/toolkit.js';
import { ArgvReader, fromEnv, userCacheDir } from '../package-manager.js';
const FILLS_CACHE = new Set(['install', 'sync', 'add', 'update', 'lock']);
const GLOBAL_VALUED = new Set(['-C', '--directory', '-P', '--project']);
function poetryCacheDir(context) {
    return fromEnv(context.env, 'POETRY_CACHE_DIR') ?? userCacheDir(context, 'pypoetry');
}
export const poetry = {
    id: 'poetry',
    docs: {
        name: 'poetry',
        commands: '`poetry install`, `sync`, `add`, `update`, `lock`',
        target: '`cache` and `artifacts` under `POETRY_CACHE_DIR`, `$XDG_CACHE_HOME/pypoetry` or `~/.cache/pypoetry`; never the whole directory, which holds its virtualenvs',
        removes: '`--no-cache`, `poetry cache clear`',
        extra: 'its virtualenvs are protected: a broader mount in the same RUN is narrowed',
    },
    defeaters: {
        flags: [{ flag: '--no-cache', replacement: '' }],
        commands: (argv) => basename(argv[0] ?? '') === 'poetry' && argv[1] === 'cache' && argv[2] === 'clear',
    },
    detect(invocation) {
        if (basename(invocation.argv[0] ?? '') !== 'poetry')
            return undefined;
        const args = invocation.argv.slice(1);
        const reader = new ArgvReader(args, GLOBAL_VALUED);
        const subcommand = args[reader.firstPositional()];
        if (subcommand === undefined || !FILLS_CACHE.has(subcommand))
            return undefined;
        const disabled = reader.has('--no-cache');
        return { label: `poetry ${subcommand}`, invocation, outputs: [], ...(disabled ? { cacheDisabledBy: disabled } : {}) };
    },
    targets(_detection, context) {
        const dir = poetryCacheDir(context);
        if (typeof dir !== 'string')
            return dir;
        // Only the download caches: the virtualenvs poetry creates next to them must reach the image.
        return { targets: [{ path: `${dir}/cache` }, { path: `${dir}/artifacts` }] };
    },
    protectedPaths(context) {
        const explicit = context.env.get('POETRY_VIRTUALENVS_PATH');
        if (explicit)
            return [explicit];
        const dir = poetryCacheDir(context);
        return typeof dir === 'string' ? [`${dir}/virtualenvs`] : [];
    },
};
//# sourceMappingURL=poetry.js.map