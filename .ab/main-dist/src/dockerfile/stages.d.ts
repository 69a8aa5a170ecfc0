import type { DockerfileDocument } from './document.js';
import { type KnownUser } from './base-images.js';
export interface Stage {
    readonly index: number;
    readonly name: string | undefined;
    /** The FROM image after ARG expansion (or the parent stage's name). */
    readonly image: string;
    /** The image at the root of the stage chain (`FROM a AS b` ... `FROM b`: a's image). */
    readonly rootImage: string;
    /** 0-based line of the FROM. */
    readonly line: number;
    /** The index of the stage this one is built `FROM`, when it is a stage of the same file. */
    readonly parent?: number;
}
/** What is in force at one instruction: the stage it belongs to, its user, variables and paths. */
export interface BuildState {
    readonly stage: Stage;
    /** USER as written (expanded), `root` when none is set. */
    readonly user: string;
    /** ENV and ARG values in scope; `undefined` marks a variable whose value cannot be known. */
    readonly env: ReadonlyMap<string, string | undefined>;
    readonly workdir: string;
    /** Set when the stage runs Windows or a PowerShell/cmd SHELL: what gave it away. */
    readonly windows: string | undefined;
    /** Files and directories that COPY/ADD put into the image so far in this stage chain. */
    readonly copiedPaths: readonly string[];
    /** Texts of the earlier RUNs of this stage chain, for setup done once (apt's keep-downloads). */
    readonly earlierRuns: readonly string[];
    /**
     * True when an earlier RUN of this stage chain matches `pattern` (not a /g or /y one). Prefer it to
     * scanning `earlierRuns`: it is memoised along the chain, so asking at every RUN stays linear.
     */
    earlierRunMatches(pattern: RegExp): boolean;
    /** Users earlier RUNs created with a fixed uid. */
    readonly users: ReadonlyMap<string, KnownUser>;
    /** Directories earlier RUNs of this stage chain made (mkdir, install -d). */
    readonly madeDirectories: ReadonlySet<string>;
}
/** A COPY or ADD: where from, what, and where to, variables expanded where known. */
export interface CopyFact {
    /** 0-based line of the instruction. */
    readonly line: number;
    readonly stage: number;
    /** The `--from` value as written (a stage name or index, or an image); undefined for the build context. */
    readonly from: string | undefined;
    readonly sources: readonly string[];
    /** The absolute destination, or undefined when a variable in it is unknown. */
    readonly destination: string | undefined;
}
/** What deciding the effective user needs. */
type UserState = Pick<BuildState, 'stage' | 'user' | 'env' | 'users'>;
/** Expands Dockerfile variables; returns undefined when any of them has no known value. */
export declare function expandVariables(value: string, lookup: (name: string) => string | undefined): string | undefined;
/** Walks the instructions once and records the build state in force at each of them. */
export declare class StageModel {
    private readonly document;
    private readonly states;
    readonly stages: Stage[];
    /** The state at the end of each stage, by stage index: what its image is left with. */
    readonly endStates: BuildState[];
    /** Every COPY and ADD, in file order. */
    readonly copies: CopyFact[];
    private byName;
    constructor(document: DockerfileDocument);
    /** The stage a `--from` value names (by name or index), if it is a stage of this file. */
    stageNamed(reference: string): Stage | undefined;
    /** True when `stage` is `base` or is built FROM it, directly or through other stages. */
    builtOn(stage: Stage, base: Stage): boolean;
    /** The state in force at the RUN (or FROM) starting on this 0-based line. */
    stateAt(line: number): BuildState | undefined;
    private startStage;
    /** Applies an instruction's effect on the state; a RUN's own state is taken before its effect. */
    private apply;
}
/**
 * A path word of a RUN with `~` and variables expanded as the shell would, the command's own
 * assignments (`FOO=x cmd`) first; undefined when unknown.
 */
export declare function expandPath(word: string, state: UserState, command?: ReadonlyMap<string, string>): string | undefined;
/**
 * The uid, gid and home of the effective user, when known: root; a user an earlier RUN created
 * with a fixed uid; a user an official base image defines; a numeric uid when ENV HOME is set.
 */
export declare function resolveUser(state: UserState): KnownUser | undefined;
/**
 * The flags (`--from=x`, lower-case names) and paths of a COPY/ADD, in shell or JSON form. Read off
 * the text because it is asked for every COPY of every file, and dockerfile-ast's argument
 * splitting is the slowest part of a parse.
 */
export declare function copyArguments(text: string, escape: string): {
    flags: Map<string, string>;
    paths: string[];
} | undefined;
/** The destination of a COPY/ADD from its text: its last path. */
export declare function copyDestination(text: string, escape: string): string | undefined;
export {};
