import { basename } from '../../../src/toolkit.js';
import { fromEnv, offlineBy } from '../package-manager.js';
const VALUED = new Set(['--cwd', '--cache-folder', '--modules-folder', '--network-timeout', '--mutex', '--registry']);
/** Yarn 2+ ("berry") keeps its cache in the project unless configured otherwise: signs of it in the stage. */
function berrySign(context) {
    if (context.state.copiedPaths.some((path) => /\.yarnrc\.yml$|\/\.yarn(\/|$)/.test(path)))
        return 'a .yarnrc.yml or .yarn directory is copied in';
    const newerYarn = /yarn set version|corepack (enable|prepare|use)|yarn@[2-9]|yarn@berry|yarn@stable/;
    const selected = context.state.earlierRunMatches(newerYarn) || context.run.some((invocation) => newerYarn.test(invocation.argv.join(' ')));
    if (selected)
        return 'corepack or `yarn set version` selects a newer yarn';
    return undefined;
}
/** yarn v1's cache: `YARN_CACHE_FOLDER`, else `<yarn home>/.cache/yarn`, where root's yarn home is /usr/local/share. */
function yarnCacheFolder(context) {
    const explicit = fromEnv(context.env, 'YARN_CACHE_FOLDER');
    if (explicit !== undefined)
        return explicit;
    const xdg = fromEnv(context.env, 'XDG_CACHE_HOME');
    if (xdg !== undefined)
        return typeof xdg === 'string' ? `${xdg}/yarn` : xdg;
    return `${context.user.uid === 0 ? '/usr/local/share' : context.user.home}/.cache/yarn`;
}
export const yarn = {
    id: 'yarn',
    docs: {
        name: 'yarn (v1)',
        commands: '`yarn`, `yarn install`, `yarn add`',
        target: '`--cache-folder`, `YARN_CACHE_FOLDER`, `$XDG_CACHE_HOME/yarn`, else `/usr/local/share/.cache/yarn` for root (`~/.cache/yarn` otherwise)',
        removes: '`yarn cache clean`',
        skips: 'Yarn 2+ (berry): a `.yarnrc.yml`/`.yarn` copied in, or corepack/`yarn set version`; its cache lives in the project unless `enableGlobalCache` and `nodeLinker: node-modules` are set',
    },
    defeaters: {
        commands: (argv) => basename(argv[0] ?? '') === 'yarn' && argv[1] === 'cache' && argv[2] === 'clean',
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline']),
    detect(invocation) {
        if (basename(invocation.argv[0] ?? '') !== 'yarn')
            return undefined;
        const args = invocation.argv.slice(1);
        const positional = args.filter((arg, i) => !arg.startsWith('-') && !VALUED.has(args[i - 1] ?? ''));
        const subcommand = positional[0];
        if (subcommand !== undefined && subcommand !== 'install' && subcommand !== 'add')
            return undefined;
        const cacheFolder = args[args.indexOf('--cache-folder') + 1];
        return {
            label: `yarn${subcommand ? ` ${subcommand}` : ''}`,
            invocation,
            outputs: [],
            ...(args.includes('--cache-folder') && cacheFolder ? { cacheDirArgument: cacheFolder } : {}),
        };
    },
    targets(detection, context) {
        const berry = berrySign(context);
        if (berry)
            return { skip: `looks like Yarn 2+ (${berry}), whose cache location depends on .yarnrc.yml` };
        const dir = detection.cacheDirArgument ?? yarnCacheFolder(context);
        return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
    },
};
//# sourceMappingURL=yarn.js.map