import { basename, resolvePath } from '../../../src/toolkit.js';
import { ArgvReader, fromEnv, userCacheDir } from '../package-manager.js';
const PIP = /^pip(\d+(\.\d+)*)?$/;
const PYTHON = /^python(\d+(\.\d+)*)?$/;
/** Interpreter options that take a value, before `-m pip`. */
const PYTHON_VALUED = new Set(['-W', '-X', '-c']);
const PIP_VALUED = new Set([
    '--python', '--proxy', '--retries', '--timeout', '--exists-action', '--trusted-host', '--cert', '--client-cert',
    '--cache-dir', '--log', '--log-file', '--use-feature', '--use-deprecated', '--keyring-provider', '--root-user-action',
    '-r', '--requirement', '-c', '--constraint', '-e', '--editable', '-t', '--target', '--prefix', '--root', '--src',
    '-i', '--index-url', '--extra-index-url', '-f', '--find-links', '--platform', '--python-version', '--implementation',
    '--abi', '--upgrade-strategy', '--progress-bar', '-d', '--dest', '-w', '--wheel-dir', '--config-settings', '-C',
    '--global-option', '--no-binary', '--only-binary', '--report',
]);
const FILLS_CACHE = new Set(['install', 'download', 'wheel']);
/** The pip arguments of `pip ...`, `pip3.11 ...` or `python3 -m pip ...`; undefined for anything else. */
export function pipArguments(argv) {
    const program = basename(argv[0] ?? '');
    if (PIP.test(program))
        return argv.slice(1);
    if (!PYTHON.test(program))
        return undefined;
    for (let i = 1; i < argv.length; i++) {
        const arg = argv[i];
        if (arg === '-m')
            return argv[i + 1] === 'pip' ? argv.slice(i + 2) : undefined;
        if (arg === '-mpip')
            return argv.slice(i + 1);
        if (!arg.startsWith('-'))
            return undefined;
        if (PYTHON_VALUED.has(arg))
            i++;
    }
    return undefined;
}
export const pip = {
    id: 'pip',
    docs: {
        name: 'pip',
        commands: '`pip`, `pip3`, `pip3.X`, `/path/to/pip`, `python[3[.X]] -m pip`: `install`, `download`, `wheel`',
        target: '`--cache-dir`, `PIP_CACHE_DIR`, `$XDG_CACHE_HOME/pip`, else `~/.cache/pip` (`/root/.cache/pip`)',
        removes: '`--no-cache-dir`, `pip cache purge/remove`',
        extra: '`--pip-cache-target` can widen it to a parent such as `/root/.cache`',
        skips: '`PIP_NO_CACHE_DIR` set; `--target`/`--prefix`/`--root`/`--src` inside the cache',
    },
    defeaters: {
        flags: [{ flag: '--no-cache-dir', replacement: '' }],
        commands: (argv) => {
            const args = pipArguments(argv);
            return args !== undefined && args[0] === 'cache' && (args[1] === 'purge' || args[1] === 'remove');
        },
    },
    detect(invocation, { state: { workdir } }) {
        const args = pipArguments(invocation.argv);
        if (!args)
            return undefined;
        const reader = new ArgvReader(args, PIP_VALUED);
        const subcommand = args[reader.firstPositional()];
        if (subcommand === undefined || !FILLS_CACHE.has(subcommand))
            return undefined;
        const outputs = [
            ...reader.values('--target', '-t'),
            ...reader.values('--prefix'),
            ...reader.values('--root'),
            ...reader.values('--src'),
        ].map((path) => resolvePath(path, workdir));
        const cacheDir = reader.values('--cache-dir').pop();
        const disabled = reader.has('--no-cache-dir');
        return {
            label: `pip ${subcommand}`,
            invocation,
            outputs,
            ...(cacheDir !== undefined ? { cacheDirArgument: resolvePath(cacheDir, workdir) } : {}),
            ...(disabled !== undefined ? { cacheDisabledBy: disabled } : {}),
        };
    },
    targets(detection, context) {
        const { env, options } = context;
        if (env.isSet('PIP_NO_CACHE_DIR'))
            return { skip: 'PIP_NO_CACHE_DIR is set, which turns the pip cache off' };
        const configured = detection.cacheDirArgument ?? fromEnv(env, 'PIP_CACHE_DIR') ?? userCacheDir(context, 'pip');
        if (typeof configured !== 'string')
            return configured;
        // `--pip-cache-target /root/.cache` mounts a parent of the pip cache, shared with pipenv and uv.
        const preferred = options.pipCacheTarget;
        const path = typeof preferred === 'string' && (configured === preferred || configured.startsWith(`${preferred}/`)) ? preferred : configured;
        return { targets: [{ path, ...(path !== configured ? { fallback: configured } : {}) }] };
    },
};
//# sourceMappingURL=pip.js.map