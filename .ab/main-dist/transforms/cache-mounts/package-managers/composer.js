import { basename } from '../../../src/toolkit.js';
import { fromEnv, subcommandOf, userCacheDir } from '../package-manager.js';
const FILLS_CACHE = new Set(['install', 'i', 'update', 'u', 'upgrade', 'require', 'r', 'create-project', 'reinstall']);
export const composer = {
    id: 'composer',
    docs: {
        name: 'composer',
        commands: '`composer install`, `update`, `require`, `create-project`',
        target: '`COMPOSER_CACHE_DIR`, `$COMPOSER_HOME/cache` (composer image: `/tmp/cache`), else `~/.cache/composer`',
        removes: '`composer clear-cache`',
        skips: '`COMPOSER_CACHE_DIR=/dev/null`',
    },
    defeaters: {
        commands: (argv) => /^composer(\.phar)?$/.test(basename(argv[0] ?? '')) && ['clear-cache', 'clearcache', 'cc'].includes(argv[1] ?? ''),
    },
    imageEnvironment: ['COMPOSER_HOME', 'COMPOSER_CACHE_DIR'],
    detect(invocation) {
        const argv = basename(invocation.argv[0] ?? '') === 'php' ? invocation.argv.slice(1) : invocation.argv;
        if (!/^composer(\.phar)?$/.test(basename(argv[0] ?? '')))
            return undefined;
        const subcommand = subcommandOf(argv.slice(1), FILLS_CACHE, new Set(['-d', '--working-dir']));
        return subcommand ? { label: `composer ${subcommand}`, invocation, outputs: [] } : undefined;
    },
    targets(_detection, context) {
        const { env } = context;
        if (env.get('COMPOSER_CACHE_DIR') === '/dev/null')
            return { skip: 'COMPOSER_CACHE_DIR=/dev/null turns the cache off' };
        const home = fromEnv(env, 'COMPOSER_HOME');
        const dir = fromEnv(env, 'COMPOSER_CACHE_DIR') ?? (typeof home === 'string' ? `${home.replace(/\/+$/, '')}/cache` : home) ?? userCacheDir(context, 'composer');
        return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
    },
};
//# sourceMappingURL=composer.js.map