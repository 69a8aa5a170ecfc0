import { basename, resolvePath } from '../../../src/toolkit.js';
import { inHome, offlineBy } from '../package-manager.js';
const PROGRAMS = /^(mvn|mvnw|mvnd)$/;
const REPO_LOCAL = /^-Dmaven\.repo\.local=(.+)$/;
export const maven = {
    id: 'maven',
    docs: {
        name: 'maven',
        commands: '`mvn`, `./mvnw`, `mvnd` with any goal',
        target: '`-Dmaven.repo.local` (on the command or in `MAVEN_OPTS`), else `~/.m2/repository`; `sharing=locked`',
        extra: 'never all of `~/.m2`: `settings.xml` lives there',
        skips: 'files copied into the repository directory (a pre-seeded `~/.m2/repository`); `-o`/`--offline` builds, which rely on an earlier RUN',
    },
    detect(invocation, { state }) {
        if (!PROGRAMS.test(basename(invocation.argv[0] ?? '')) || invocation.argv.length < 2)
            return undefined;
        const args = invocation.argv.slice(1);
        if (args.every((arg) => /^(-v|--version|-h|--help)$/.test(arg)))
            return undefined;
        const repo = args.map((arg) => REPO_LOCAL.exec(arg)?.[1]).find((value) => value !== undefined);
        const goals = args.filter((arg) => !arg.startsWith('-'));
        return {
            label: `${basename(invocation.argv[0])}${goals.length > 0 ? ` ${goals.join(' ')}` : ''}`,
            invocation,
            outputs: [],
            ...(repo !== undefined ? { cacheDirArgument: resolvePath(repo, state.workdir) } : {}),
        };
    },
    reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['-o', '--offline']),
    targets(detection, context) {
        const fromOptions = REPO_LOCAL.exec((context.env.get('MAVEN_OPTS') ?? '').split(/\s+/).find((opt) => REPO_LOCAL.test(opt)) ?? '')?.[1];
        const path = detection.cacheDirArgument ?? fromOptions ?? inHome(context, '.m2/repository');
        return { targets: [{ path, sharing: 'locked' }] };
    },
};
//# sourceMappingURL=maven.js.map