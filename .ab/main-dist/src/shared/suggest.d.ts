/** The candidate a mistyped name most likely meant, if any is close enough to suggest. */
export declare function closest(name: string, candidates: Iterable<string>): string | undefined;
/** ` (did you mean "x"?)`, or nothing. */
export declare function didYouMean(name: string, candidates: Iterable<string>, format?: (candidate: string) => string): string;
