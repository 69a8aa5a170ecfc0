import { analyzeRun, ancestors, assignmentsBefore, basename, expandPath, isExactly, isWithin, mayCover, mayLieWithin, mountTarget, pathUses, referencesVariable, resolvePath, resolveUser, } from '../../src/toolkit.js';
import { detectAll } from './package-manager.js';
export class MountSafety {
    document;
    stages;
    managers;
    facts = new Map();
    fileIndex;
    homes = new Map();
    constructor(document, stages, managers) {
        this.document = document;
        this.stages = stages;
        this.managers = managers;
    }
    get index() {
        if (this.fileIndex)
            return this.fileIndex;
        const count = this.stages.stages.length;
        const lists = () => Array.from({ length: count }, () => []);
        const runs = new Map();
        const runLinesOfStage = lists();
        const copiesOfStage = lists();
        const readersOfStage = lists();
        const childrenOfStage = lists();
        for (const stage of this.stages.stages)
            if (stage.parent !== undefined)
                childrenOfStage[stage.parent].push(stage.index);
        for (const copy of this.stages.copies) {
            copiesOfStage[copy.stage]?.push(copy);
            const from = copy.from === undefined ? undefined : this.stages.stageNamed(copy.from);
            if (from)
                readersOfStage[from.index].push({ line: copy.line, sources: copy.sources, shown: `COPY --from=${copy.from}` });
        }
        for (const run of this.document.runs()) {
            const line = run.getRange().start.line;
            runs.set(line, run);
            const state = this.stages.stateAt(line);
            if (state)
                runLinesOfStage[state.stage.index].push(line);
            // Only a RUN that mentions from= can mount another stage: the others need no analysis here.
            if (!/from=/i.test(run.getTextContent()))
                continue;
            for (const mount of this.runFacts(line, undefined, runs)?.analysis.mounts ?? []) {
                const from = mount.get('from');
                const source = mount.get('source') ?? mount.get('src');
                const stage = typeof from === 'string' ? this.stages.stageNamed(from) : undefined;
                if (stage && typeof source === 'string')
                    readersOfStage[stage.index].push({ line, sources: [source], shown: `RUN --mount=from=${from},source=${source}` });
            }
        }
        this.fileIndex = { runs, runLinesOfStage, copiesOfStage, readersOfStage, childrenOfStage };
        return this.fileIndex;
    }
    /** `stage` and every stage built on it, directly or not. */
    descendants(stage) {
        const found = [stage.index];
        for (let i = 0; i < found.length; i++)
            found.push(...this.index.childrenOfStage[found[i]]);
        return found;
    }
    /** `stage` and every stage it is built on. */
    chain(stage) {
        const found = [];
        for (let current = stage.index; current !== undefined; current = this.stages.stages[current].parent)
            found.push(current);
        return found;
    }
    /** A RUN's analysis, state and path uses, computed once. */
    runFacts(line, analysis, runs = this.index.runs) {
        const known = this.facts.get(line);
        if (known)
            return known;
        const state = this.stages.stateAt(line);
        const run = analysis?.instruction ?? runs.get(line);
        if (!state || !run)
            return undefined;
        const runAnalysis = analysis ?? analyzeRun(this.document, run);
        const locals = new Map(runAnalysis.scripts.flatMap((script) => [...assignmentsBefore(script.commands)]));
        const expand = (word, invocation) => expandWithLocals(word, state, invocation, invocation.command ? locals.get(invocation.command) : undefined);
        const uses = pathUses(runAnalysis.invocations, state.workdir, expand);
        const facts = { analysis: runAnalysis, state, uses, expand };
        this.facts.set(line, facts);
        return facts;
    }
    /** The first command of the RUN that names a path strictly inside `target`, shown, if any. */
    namesInside(analysis, state, target) {
        const run = this.runFacts(analysis.line, analysis);
        return namedInside(run, target)?.command;
    }
    check(analysis, state, request) {
        const run = this.runFacts(analysis.line, analysis);
        const target = request.path;
        const refuse = (reason) => ({ ok: false, reason });
        const drops = [];
        let emptiedByRun = request.cacheDisabled;
        for (const use of run.uses) {
            const shown = `\`${use.invocation.argv.join(' ')}\``;
            if (use.pattern === undefined) {
                if (use.kind !== 'write')
                    return refuse(`${shown} names ${use.written}, whose value is unknown: it could remove or change ${target}`);
                continue;
            }
            const pattern = use.pattern;
            switch (use.kind) {
                case 'delete':
                case 'move':
                    if (use.kind === 'delete' && isExactly(pattern, target) && basename(use.invocation.argv[0] ?? '') === 'rm') {
                        drops.push({ use });
                        emptiedByRun = true;
                    }
                    else if (mayCover(pattern, target)) {
                        return refuse(`${shown} in the same RUN would ${use.kind === 'move' ? 'move' : 'remove'} ${target} or a directory above it, which fails on a mount point ("Device or resource busy")`);
                    }
                    else if (pattern.endsWith('/*') && mayLieWithin(pattern, target) && segmentsBelow(pattern, target) === 1) {
                        emptiedByRun = true;
                    }
                    break;
                case 'extract':
                    if (unpacksOver(use, pattern, target))
                        return refuse(`${shown} unpacks into ${pattern}: files that land in ${target} would stay on the cache mount, not in the image`);
                    break;
                case 'modify':
                    if (mayCover(pattern, target) || mayLieWithin(pattern, target))
                        return refuse(`${shown} changes ${pattern} recursively: it would change the cache mount, not the image's ${target}`);
                    break;
                case 'write':
                    if (isWithin(pattern, target) && (use.index < 0 || !isManagerOwn(use.invocation, request)))
                        return refuse(`${shown} writes ${pattern}, inside ${target}: it would land on the cache mount, not in the image`);
                    break;
            }
        }
        const inside = namedInside(run, target);
        if (inside)
            return refuse(`\`${inside.command}\` in the same RUN uses ${inside.path}, inside ${target}: with a mount it would read or leave files on the cache, not in the image`);
        const filled = this.earlierFill(analysis.line, state, target);
        if (filled) {
            if (drops.length > 0)
                return refuse(`${filled}; the RUN's \`rm\` of ${target} removes them from the image, which it could no longer do with a mount`);
            return refuse(`${filled}: a cache mount would hide them from this RUN`);
        }
        const owner = request.allowRootOwnedDirs ? undefined : this.rootOwnedInHome(state, target);
        if (owner)
            return refuse(owner);
        if (!emptiedByRun) {
            const reader = this.laterReader(analysis.line, state.stage, target, request);
            if (reader)
                return refuse(`${reader} needs what this RUN leaves in ${target}, which a cache mount would take out of the image`);
        }
        return { ok: true, drops };
    }
    /** What an earlier step of the stage chain put inside `target`, if anything. */
    earlierFill(line, state, target) {
        const chain = this.chain(state.stage);
        for (const copy of chain.flatMap((stage) => this.index.copiesOfStage[stage])) {
            const destination = copy.destination;
            if (copy.line >= line || destination === undefined)
                continue;
            if (isWithin(destination, target))
                return `line ${copy.line + 1} copies files into ${destination}`;
            if (!isWithin(target, destination))
                continue;
            // A directory copied into a parent of the target may hold the target's directories.
            const landing = copy.sources.filter((source) => !looksLikeFile(source));
            if (landing.length > 0)
                return `line ${copy.line + 1} copies ${landing.join(', ')} into ${destination}, which may put files inside ${target}`;
        }
        for (const runLine of chain.flatMap((stage) => this.index.runLinesOfStage[stage])) {
            if (runLine >= line)
                continue;
            const fill = this.runFacts(runLine)?.uses.find((use) => use.pattern !== undefined && ((use.kind === 'write' && isWithin(use.pattern, target)) || (use.kind === 'extract' && unpacksOver(use, use.pattern, target))));
            if (fill)
                return `line ${runLine + 1} puts files inside ${target} (\`${fill.invocation.argv.join(' ')}\`)`;
        }
        return undefined;
    }
    /**
     * Why BuildKit would leave a root-owned directory where a non-root user of the image needs to
     * write: it creates the missing target and parents as root, 0755.
     */
    rootOwnedInHome(state, target) {
        for (const { name, home, made } of this.nonRootHomes(state.stage)) {
            if (!isWithin(target, home))
                continue;
            const missing = [target, ...ancestors(target)].filter((dir) => isWithin(dir, home) && !state.madeDirectories.has(dir) && !(dir === home && made));
            if (missing.length > 0) {
                const top = missing[missing.length - 1];
                return `${target} is in the home of ${name} and ${top} is not known to exist: BuildKit would create it owned by root and leave it in the image, where ${name} could not write (moby/buildkit#2682). Make it in an earlier RUN (mkdir -p ${target}) as ${name}`;
            }
        }
        return undefined;
    }
    /** Home directories of the non-root users of a stage and the stages built on it. */
    nonRootHomes(stage) {
        const known = this.homes.get(stage.index);
        if (known)
            return known;
        const found = this.findHomes(stage);
        this.homes.set(stage.index, found);
        return found;
    }
    findHomes(stage) {
        const homes = new Map();
        const descendants = this.descendants(stage);
        const states = [
            ...descendants.map((index) => this.stages.endStates[index]),
            ...descendants.flatMap((index) => this.index.runLinesOfStage[index].map((line) => this.stages.stateAt(line))),
        ].filter((candidate) => candidate !== undefined);
        // A HOME other than /root only matters when some user of the image is not root.
        const nonRoot = states.some((candidate) => [...candidate.users.values()].some((user) => user.uid !== 0) || !/^(root|0)(:|$)/.test(candidate.user));
        if (!nonRoot)
            return [];
        for (const candidate of states) {
            for (const [name, user] of candidate.users)
                if (user.uid !== 0)
                    homes.set(user.home, { name, home: user.home, made: true });
            const [userName = 'root'] = candidate.user.split(':');
            const home = resolveUser(candidate)?.home ?? candidate.env.get('HOME') ?? (/^[a-z_][a-z0-9_-]*$/.test(userName) ? `/home/${userName}` : undefined);
            if (userName !== 'root' && userName !== '0' && home && !homes.has(home))
                homes.set(home, { name: userName, home, made: false });
            const envHome = candidate.env.get('HOME');
            if (envHome && envHome !== '/root' && envHome !== '/' && !homes.has(envHome))
                homes.set(envHome, { name: `the user whose HOME is ${envHome}`, home: envHome, made: false });
        }
        return [...homes.values()];
    }
    /** A later step that reads what the RUN at `line` leaves in `target`, described; undefined when none does. */
    laterReader(line, stage, target, request) {
        const affected = this.descendants(stage);
        for (const reader of affected.flatMap((index) => this.index.readersOfStage[index])) {
            if (reader.line <= line)
                continue;
            // A copy of the target, of something in it, or of a directory above it all take its content.
            const source = reader.sources.find((path) => overlaps(resolvePath(path), target));
            if (source)
                return `line ${reader.line + 1} (${reader.shown}${reader.shown.startsWith('COPY') ? ` ${source}` : ''})`;
        }
        for (const runLine of affected.flatMap((index) => this.index.runLinesOfStage[index])) {
            if (runLine <= line)
                continue;
            const facts = this.runFacts(runLine);
            const runState = facts.state;
            if (facts.analysis.mounts.some((mount) => mountTarget(mount) !== undefined && isWithin(target, resolvePath(mountTarget(mount), runState.workdir))))
                continue;
            const reliance = this.reliance(facts, runState, request, target);
            if (reliance)
                return `line ${runLine + 1} (${reliance})`;
            const inside = namedInside(facts, target);
            if (inside)
                return `line ${runLine + 1} (\`${inside.command}\`)`;
        }
        return undefined;
    }
    /** A command of a later RUN of one of the mount's package managers that works from what earlier RUNs left. */
    reliance(facts, state, request, target) {
        const found = relianceIn(detectAll(this.managers, facts.analysis, state), facts.analysis, state);
        const reads = (manager) => manager.reliesOnPaths?.some((path) => isWithin(path, target) || isWithin(target, path)) ?? true;
        const relevant = found.find(({ manager }) => request.managers.has(manager.id) && reads(manager));
        return relevant && `${relevant.detection.label}: ${relevant.reason}`;
    }
}
/**
 * The package manager commands of a RUN that need what earlier RUNs left in their cache: those
 * that say so, unless the same package manager fills its cache earlier in the same RUN.
 */
export function relianceIn(detections, analysis, state) {
    const context = { state, run: analysis.invocations };
    const filled = new Set();
    const found = [];
    for (const { manager, detection } of detections) {
        const reason = manager.reliesOnEarlierRuns?.(detection, context);
        if (reason === undefined)
            filled.add(manager.id);
        else if (!filled.has(manager.id))
            found.push({ manager, detection, reason });
    }
    return found;
}
/**
 * Expands a word for one command, with the variables the RUN itself assigned before it
 * (`GNUPGHOME="$(mktemp -d)"; ... rm -rf "$GNUPGHOME"`); a word that uses one whose value is
 * unknown is unknown, whatever ENV says.
 */
function expandWithLocals(word, state, invocation, locals) {
    if (!locals || locals.size === 0)
        return expandPath(word, state, invocation.env);
    const env = new Map();
    for (const [name, value] of locals) {
        const expanded = value === undefined ? undefined : expandPath(value, state, env);
        if (expanded === undefined) {
            if (referencesVariable(word, name))
                return undefined;
            continue;
        }
        env.set(name, expanded);
    }
    for (const [name, value] of invocation.env)
        env.set(name, value);
    return expandPath(word, state, env);
}
/**
 * True when an unpack may put files inside `target`: a named directory at, above or below it; an
 * unpack into the working directory (no directory named) only when that directory is inside it,
 * since an archive's own paths normally start with a folder of its own (`curl-7.70.0/`).
 */
function unpacksOver(use, pattern, target) {
    if (use.implicit)
        return isWithin(pattern, target);
    return mayCover(pattern, target) || mayLieWithin(pattern, target);
}
/** True when one path is the other or lies inside it. */
function overlaps(path, other) {
    return isWithin(path, other) || isWithin(other, path);
}
/** How many path segments `pattern` has below `path`. */
function segmentsBelow(pattern, path) {
    const count = (value) => value.split('/').filter(Boolean).length;
    return count(pattern) - count(path);
}
/** A COPY source that names a file, whose copy lands beside the others, not a directory whose content spreads out. */
function looksLikeFile(source) {
    const name = basename(source.replace(/\/+$/, ''));
    if (source.endsWith('/') || /[*?[]/.test(source) || name.startsWith('.'))
        return false;
    return /\.[A-Za-z0-9]+$/.test(name) || EXTENSIONLESS_FILES.test(name);
}
/** Build and project files that by convention have no extension. */
const EXTENSIONLESS_FILES = /^(Pipfile|Gemfile|Makefile|GNUmakefile|Procfile|Rakefile|Brewfile|Justfile|Vagrantfile|Dockerfile|Containerfile|gradlew|mvnw|LICENSE|COPYING|NOTICE|README|VERSION|CHANGELOG|AUTHORS)$/;
/** True when a write belongs to one of the package managers the mount is for (`pip download -d` into its own cache). */
function isManagerOwn(invocation, request) {
    return request.detections.some((detection) => detection.invocation === invocation);
}
/**
 * The first argument of a RUN's commands that names a path strictly inside `target` (after `~`
 * and variables), other than a deletion: `--find-links /root/.cache/pip/wheels`, `ls ~/.m2/x`.
 */
function namedInside({ analysis, uses, expand }, target) {
    const invocations = analysis.invocations;
    const deletions = new Set(uses.filter((use) => use.kind === 'delete' || use.kind === 'move').map((use) => `${invocations.indexOf(use.invocation)}:${use.index}`));
    for (const [i, invocation] of invocations.entries()) {
        for (let index = 1; index < invocation.argv.length; index++) {
            if (deletions.has(`${i}:${index}`))
                continue;
            const word = invocation.argv[index];
            const value = word.includes('=') && !word.startsWith('/') ? word.slice(word.indexOf('=') + 1) : word;
            if (!/^(~|\$|\/)/.test(value))
                continue;
            const path = expand(value, invocation);
            if (path === undefined || !path.startsWith('/') || /[*?[]/.test(path))
                continue;
            const clean = resolvePath(path);
            if (clean !== target && isWithin(clean, target))
                return { command: invocation.argv.join(' '), path: clean };
        }
    }
    return undefined;
}
//# sourceMappingURL=safety.js.map