import { type BuildState, type DockerfileDocument, type PathUse, type RunAnalysis, type StageModel, type WordExpander } from '../../src/toolkit.js';
import type { Run } from 'dockerfile-ast';
import { type Detection, type PackageManager } from './package-manager.js';
/**
 * The one place that decides whether a cache mount keeps the image and every later step as they
 * were. A mount hides the directory's earlier content during the RUN, takes what the RUN writes
 * there out of the image, and cannot itself be removed. So a mount at T is refused when:
 * - the same RUN removes or moves T or a directory above it (the build fails: "Device or resource
 *   busy"), unpacks into it, changes it recursively, or names a path inside it;
 * - an earlier step put files inside T that the RUN would no longer see;
 * - a later step (same stage, a stage built FROM it, COPY --from, RUN --mount=from) needs what
 *   the RUN leaves in T;
 * - BuildKit would create T, or a directory above it, owned by root inside a non-root user's home.
 * An `rm` of exactly T is dropped instead, when nothing else could have filled T.
 */
export type MountVerdict = {
    readonly ok: true;
    readonly drops: readonly OperandDrop[];
} | {
    readonly ok: false;
    readonly reason: string;
};
/** An `rm` operand naming exactly the mount target: only the cache it removed, now on the mount. */
export interface OperandDrop {
    readonly use: PathUse;
}
/** The planned mount being checked, with the RUN it is for. */
export interface MountRequest {
    readonly path: string;
    readonly managers: ReadonlySet<string>;
    readonly detections: readonly Detection[];
    /** True when the RUN's own cache settings (`--no-cache-dir`) leave nothing in the directory. */
    readonly cacheDisabled: boolean;
    /** The user accepts root-owned directories that BuildKit makes for a mount (option allowRootOwnedDirs). */
    readonly allowRootOwnedDirs: boolean;
}
interface RunFacts {
    readonly analysis: RunAnalysis;
    readonly state: BuildState;
    readonly uses: readonly PathUse[];
    /** Expands a word of one of the RUN's commands: ENV, ARG, the command's own and the RUN's earlier assignments. */
    readonly expand: WordExpander;
}
export declare class MountSafety {
    private readonly document;
    private readonly stages;
    private readonly managers;
    private readonly facts;
    private fileIndex;
    private readonly homes;
    constructor(document: DockerfileDocument, stages: StageModel, managers: readonly PackageManager[]);
    private get index();
    /** `stage` and every stage built on it, directly or not. */
    private descendants;
    /** `stage` and every stage it is built on. */
    private chain;
    /** A RUN's analysis, state and path uses, computed once. */
    runFacts(line: number, analysis?: RunAnalysis, runs?: ReadonlyMap<number, Run>): RunFacts | undefined;
    /** The first command of the RUN that names a path strictly inside `target`, shown, if any. */
    namesInside(analysis: RunAnalysis, state: BuildState, target: string): string | undefined;
    check(analysis: RunAnalysis, state: BuildState, request: MountRequest): MountVerdict;
    /** What an earlier step of the stage chain put inside `target`, if anything. */
    private earlierFill;
    /**
     * Why BuildKit would leave a root-owned directory where a non-root user of the image needs to
     * write: it creates the missing target and parents as root, 0755.
     */
    private rootOwnedInHome;
    /** Home directories of the non-root users of a stage and the stages built on it. */
    private nonRootHomes;
    private findHomes;
    /** A later step that reads what the RUN at `line` leaves in `target`, described; undefined when none does. */
    private laterReader;
    /** A command of a later RUN of one of the mount's package managers that works from what earlier RUNs left. */
    private reliance;
}
/**
 * The package manager commands of a RUN that need what earlier RUNs left in their cache: those
 * that say so, unless the same package manager fills its cache earlier in the same RUN.
 */
export declare function relianceIn(detections: readonly {
    manager: PackageManager;
    detection: Detection;
}[], analysis: RunAnalysis, state: BuildState): {
    manager: PackageManager;
    detection: Detection;
    reason: string;
}[];
export {};
