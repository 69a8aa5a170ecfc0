/**
 * What official and well-known base images set up that changes where caches live or who runs
 * RUN commands. Matched against the image name without registry `docker.io/library/` prefix.
 */
export interface BaseImageFacts {
    /** Environment variables the image sets. */
    readonly env?: Readonly<Record<string, string>>;
    /** The image's default USER when it is not root. */
    readonly user?: string;
}
export interface KnownUser {
    readonly uid: number;
    readonly gid: number;
    readonly home: string;
}
/** True when the image's environment is known: what it sets, and that it sets nothing else that moves a cache. */
export declare function isKnownImage(image: string): boolean;
export declare function normalizeImage(image: string): string;
export declare function baseImageFacts(image: string): BaseImageFacts;
export declare function knownUserOfImage(image: string, name: string): KnownUser | undefined;
/** Windows base images: BuildKit on Windows only recently got cache mounts, and paths differ. */
export declare function isWindowsImage(image: string): boolean;
