import { basename, resolvePath } from '../../../src/toolkit.js';
import { fromEnv, inHome, offlineBy } from '../package-manager.js';
const PROGRAMS = /^(gradle|gradlew)$/;
export const gradle = {
    id: 'gradle',
    docs: {
        name: 'gradle',
        commands: '`gradle`, `./gradlew` with any task',
        target: '`caches` and `wrapper` under `--gradle-user-home`/`-g`, `GRADLE_USER_HOME`, else `~/.gradle`',
        extra: 'never all of `~/.gradle`: `gradle.properties` and init scripts live there',
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline']),
    imageEnvironment: ['GRADLE_USER_HOME'],
    detect(invocation, { state }) {
        if (!PROGRAMS.test(basename(invocation.argv[0] ?? '')) || invocation.argv.length < 2)
            return undefined;
        const args = invocation.argv.slice(1);
        if (args.every((arg) => /^(-v|--version|-h|--help|-\?)$/.test(arg)))
            return undefined;
        const index = args.findIndex((arg) => arg === '-g' || arg === '--gradle-user-home');
        const inline = args.find((arg) => arg.startsWith('--gradle-user-home='))?.slice('--gradle-user-home='.length);
        const home = inline ?? (index >= 0 ? args[index + 1] : undefined);
        const tasks = args.filter((arg, i) => !arg.startsWith('-') && args[i - 1] !== '-g' && args[i - 1] !== '--gradle-user-home');
        return {
            label: `${basename(invocation.argv[0])}${tasks.length > 0 ? ` ${tasks.join(' ')}` : ''}`,
            invocation,
            outputs: [],
            ...(home !== undefined ? { cacheDirArgument: resolvePath(home, state.workdir) } : {}),
        };
    },
    targets(detection, context) {
        const home = detection.cacheDirArgument ?? fromEnv(context.env, 'GRADLE_USER_HOME') ?? inHome(context, '.gradle');
        if (typeof home !== 'string')
            return home;
        return { targets: [{ path: `${home}/caches` }, { path: `${home}/wrapper` }] };
    },
};
//# sourceMappingURL=gradle.js.map