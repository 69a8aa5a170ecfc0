import { basename } from '../../../src/toolkit.js';
import { fromEnv, inHome, subcommandOf } from '../package-manager.js';
export const bundler = {
    id: 'bundler',
    docs: {
        name: 'bundler',
        commands: '`bundle install`, `bundle update`, `bundle cache`',
        target: '`BUNDLE_USER_CACHE`, `$BUNDLE_USER_HOME/cache`, else `~/.bundle/cache`',
        extra: 'never `$GEM_HOME/cache`: installed gems live under `$GEM_HOME`',
        skips: '`gem install`: RubyGems keeps its downloads in `$GEM_HOME/cache`, which is installed output',
    },
    detect(invocation) {
        const program = basename(invocation.argv[0] ?? '');
        if (program === 'gem' && invocation.argv[1] === 'install')
            return { label: 'gem install', invocation, outputs: [] };
        if (program !== 'bundle' && program !== 'bundler')
            return undefined;
        const subcommand = subcommandOf(invocation.argv.slice(1), new Set(['install', 'update', 'cache']), new Set(['--gemfile', '--path', '--jobs', '-j']));
        return subcommand ? { label: `bundle ${subcommand}`, invocation, outputs: [] } : undefined;
    },
    targets(detection, context) {
        if (detection.label === 'gem install')
            return { skip: 'RubyGems caches downloads in $GEM_HOME/cache, next to the installed gems: no safe mount' };
        const userHome = fromEnv(context.env, 'BUNDLE_USER_HOME');
        const dir = fromEnv(context.env, 'BUNDLE_USER_CACHE') ?? (typeof userHome === 'string' ? `${userHome}/cache` : userHome) ?? inHome(context, '.bundle/cache');
        return typeof dir === 'string' ? { targets: [{ path: dir }] } : dir;
    },
    protectedPaths(context) {
        const gemHome = context.env.get('GEM_HOME');
        const bundlePath = context.env.get('BUNDLE_PATH');
        return [gemHome, bundlePath].filter((path) => Boolean(path));
    },
};
//# sourceMappingURL=bundler.js.map