import { basename } from '../../../src/toolkit.js';
import { ArgvReader, fromEnv, userCacheDir } from '../package-manager.js';
const FILLS_CACHE = new Set(['install', 'sync', 'update', 'upgrade']);
export const pipenv = {
    id: 'pipenv',
    docs: {
        name: 'pipenv',
        commands: '`pipenv install`, `sync`, `update`, `upgrade`',
        target: '`PIPENV_CACHE_DIR`, `$XDG_CACHE_HOME/pipenv`, else `~/.cache/pipenv` (pipenv points pip there)',
        extra: 'shares a `--pip-cache-target /root/.cache` mount',
    },
    detect(invocation) {
        if (basename(invocation.argv[0] ?? '') !== 'pipenv')
            return undefined;
        const args = invocation.argv.slice(1);
        const subcommand = args[new ArgvReader(args, new Set(['--python', '--site-packages'])).firstPositional()];
        if (subcommand === undefined || !FILLS_CACHE.has(subcommand))
            return undefined;
        return { label: `pipenv ${subcommand}`, invocation, outputs: [] };
    },
    targets(_detection, context) {
        // pipenv points pip's cache at its own directory, so this one mount serves both.
        const dir = fromEnv(context.env, 'PIPENV_CACHE_DIR') ?? userCacheDir(context, 'pipenv');
        return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
    },
};
//# sourceMappingURL=pipenv.js.map