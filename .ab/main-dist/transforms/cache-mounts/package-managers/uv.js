import { basename, resolvePath } from '../../../src/toolkit.js';
import { ArgvReader, fromEnv, userCacheDir, offlineBy } from '../package-manager.js';
const GLOBAL_VALUED = new Set(['--cache-dir', '--directory', '--project', '--config-file', '--python', '-p', '--color']);
/** `uv <sub>` commands that download packages; `uv pip <sub>` is handled separately. */
const FILLS_CACHE = new Set(['sync', 'add', 'lock', 'run', 'tool']);
const PIP_FILLS_CACHE = new Set(['install', 'sync', 'compile']);
export const uv = {
    id: 'uv',
    docs: {
        name: 'uv',
        commands: '`uv pip install/sync/compile`, `uv sync`, `add`, `lock`, `run`, `tool install`',
        target: '`--cache-dir`, `UV_CACHE_DIR`, `$XDG_CACHE_HOME/uv`, else `~/.cache/uv`',
        removes: '`--no-cache`/`-n`, `uv cache clean/prune`',
        extra: 'notes when `UV_LINK_MODE=copy` is not set',
        skips: '`UV_NO_CACHE` set',
    },
    defeaters: {
        flags: [
            { flag: '--no-cache', replacement: '' },
            { flag: '-n', replacement: '' },
        ],
        commands: (argv) => basename(argv[0] ?? '') === 'uv' && argv[1] === 'cache' && (argv[2] === 'clean' || argv[2] === 'prune'),
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline'], { UV_OFFLINE: /^(1|true)$/ }),
    detect(invocation, { state: { workdir } }) {
        if (basename(invocation.argv[0] ?? '') !== 'uv')
            return undefined;
        const args = invocation.argv.slice(1);
        const reader = new ArgvReader(args, GLOBAL_VALUED);
        const [subcommand, next] = reader.positionals();
        const label = subcommand === 'pip' && next !== undefined && PIP_FILLS_CACHE.has(next)
            ? `uv pip ${next}`
            : subcommand === 'tool' && next === 'install'
                ? 'uv tool install'
                : subcommand !== undefined && subcommand !== 'tool' && FILLS_CACHE.has(subcommand)
                    ? `uv ${subcommand}`
                    : undefined;
        if (!label)
            return undefined;
        const cacheDir = reader.values('--cache-dir').pop();
        const disabled = reader.has('--no-cache', '-n');
        return {
            label,
            invocation,
            outputs: [],
            ...(cacheDir !== undefined ? { cacheDirArgument: resolvePath(cacheDir, workdir) } : {}),
            ...(disabled ? { cacheDisabledBy: disabled } : {}),
        };
    },
    targets(detection, context) {
        if (context.env.isSet('UV_NO_CACHE'))
            return { skip: 'UV_NO_CACHE is set, which turns the uv cache off' };
        const dir = detection.cacheDirArgument ?? fromEnv(context.env, 'UV_CACHE_DIR') ?? userCacheDir(context, 'uv');
        if (typeof dir !== 'string')
            return dir;
        // uv hard-links from its cache by default; across a mount that fails over to copying, with a warning.
        const note = context.env.isSet('UV_LINK_MODE') ? undefined : 'set ENV UV_LINK_MODE=copy to silence uv\'s hard-link warning';
        return { targets: [{ path: dir }], ...(note ? { note } : {}) };
    },
};
//# sourceMappingURL=uv.js.map