import { basename } from '../../../src/toolkit.js';
import { fromEnv, offlineBy, userCacheDir } from '../package-manager.js';
const FILLS_CACHE = new Set(['build', 'install', 'test', 'run', 'generate', 'get', 'vet', 'list']);
const MOD_FILLS_CACHE = new Set(['download', 'tidy', 'vendor', 'graph', 'verify']);
function gopath(context) {
    const value = fromEnv(context.env, 'GOPATH');
    if (value === undefined)
        return `${context.user.home.replace(/\/+$/, '')}/go`;
    // GOPATH may list several directories; modules go to the first.
    return typeof value === 'string' ? value.split(':')[0] : value;
}
export const go = {
    id: 'go',
    docs: {
        name: 'go',
        commands: '`go build`, `install`, `test`, `run`, `generate`, `get`, `vet`, `list`, `mod download/tidy/vendor/verify`',
        target: '`GOMODCACHE` or `$GOPATH/pkg/mod` (golang image: `/go/pkg/mod`), and `GOCACHE` or `~/.cache/go-build`',
        removes: '`go clean -modcache` / `-cache`',
        extra: 'never `$GOPATH` itself: `$GOPATH/bin` is where `go install` puts binaries',
        skips: '`GOCACHE=off`',
    },
    defeaters: {
        commands: (argv) => basename(argv[0] ?? '') === 'go' && argv[1] === 'clean' && argv.some((arg) => /^-(modcache|cache)$/.test(arg)),
    },
    detect(invocation) {
        if (basename(invocation.argv[0] ?? '') !== 'go')
            return undefined;
        const [subcommand, next] = invocation.argv.slice(1).filter((arg) => !arg.startsWith('-'));
        if (subcommand === 'mod' && next !== undefined && MOD_FILLS_CACHE.has(next))
            return { label: `go mod ${next}`, invocation, outputs: [] };
        if (subcommand === undefined || !FILLS_CACHE.has(subcommand))
            return undefined;
        return { label: `go ${subcommand}`, invocation, outputs: [] };
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, [], { GOPROXY: /^off$/ }),
    imageEnvironment: ['GOPATH', 'GOMODCACHE', 'GOCACHE'],
    targets(_detection, context) {
        const { env } = context;
        if (env.get('GOCACHE') === 'off')
            return { skip: 'GOCACHE=off turns the build cache off' };
        const path = gopath(context);
        const modules = fromEnv(env, 'GOMODCACHE') ?? (typeof path === 'string' ? `${path}/pkg/mod` : path);
        const build = fromEnv(env, 'GOCACHE') ?? userCacheDir(context, 'go-build');
        if (typeof modules !== 'string')
            return modules;
        if (typeof build !== 'string')
            return build;
        return { targets: [{ path: modules }, { path: build }] };
    },
    protectedPaths(context) {
        const path = gopath(context);
        const gobin = context.env.get('GOBIN');
        return [...(typeof path === 'string' ? [`${path}/bin`] : []), ...(gobin ? [gobin] : [])];
    },
};
//# sourceMappingURL=go.js.map