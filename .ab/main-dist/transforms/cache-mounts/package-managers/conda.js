import { basename } from '../../../src/toolkit.js';
import { fromEnv, offlineBy } from '../package-manager.js';
const PROGRAMS = /^(conda|mamba|micromamba)$/;
const FILLS_CACHE = new Set(['install', 'create', 'update', 'upgrade']);
/** Where the package cache is: CONDA_PKGS_DIRS, else `<root prefix>/pkgs` when the root prefix is known. */
function packagesDir(context, program) {
    const { env } = context;
    const explicit = fromEnv(env, 'CONDA_PKGS_DIRS');
    if (explicit !== undefined)
        return typeof explicit === 'string' ? explicit.split(',')[0].trim() : explicit;
    const prefixVariable = program === 'micromamba' ? 'MAMBA_ROOT_PREFIX' : 'CONDA_DIR';
    const prefix = fromEnv(env, prefixVariable) ?? (program !== 'micromamba' ? fromEnv(env, 'MAMBA_ROOT_PREFIX') : undefined);
    if (prefix === undefined)
        return { skip: `${program}'s root prefix is unknown (set CONDA_PKGS_DIRS or ${prefixVariable}, or use a known conda base image)` };
    return typeof prefix === 'string' ? `${prefix.replace(/\/+$/, '')}/pkgs` : prefix;
}
export const conda = {
    id: 'conda',
    docs: {
        name: 'conda / mamba / micromamba',
        commands: '`install`, `create`, `update`, `env create`, `env update`',
        target: '`CONDA_PKGS_DIRS`, else `<root prefix>/pkgs` (`/opt/conda/pkgs` in the miniconda, miniforge and micromamba images); `sharing=locked`',
        removes: '`conda/mamba/micromamba clean ...`',
        extra: 'micromamba image: `USER mambauser` gets `uid=57439,gid=57439`',
        skips: 'an unknown root prefix',
    },
    defeaters: {
        commands: (argv) => PROGRAMS.test(basename(argv[0] ?? '')) && argv[1] === 'clean',
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline']),
    detect(invocation) {
        const program = basename(invocation.argv[0] ?? '');
        if (!PROGRAMS.test(program))
            return undefined;
        const [subcommand, next] = invocation.argv.slice(1).filter((arg) => !arg.startsWith('-'));
        if (subcommand === 'env' && (next === 'create' || next === 'update'))
            return { label: `${program} env ${next}`, invocation, outputs: [] };
        if (subcommand === undefined || !FILLS_CACHE.has(subcommand))
            return undefined;
        return { label: `${program} ${subcommand}`, invocation, outputs: [] };
    },
    targets(detection, context) {
        const dir = packagesDir(context, basename(detection.invocation.argv[0]));
        return typeof dir === 'string' ? { targets: [{ path: dir, sharing: 'locked' }] } : dir;
    },
};
//# sourceMappingURL=conda.js.map