import type { Output } from '../output/types.js';
/** The process around a run, passed in so that the CLI can run in-process in tests. */
export interface CliEnvironment {
    readonly cwd: string;
    readonly env: Readonly<Record<string, string | undefined>>;
    readonly stdout: Output & {
        readonly isTTY?: boolean;
    };
    readonly stderr: Output & {
        readonly isTTY?: boolean;
    };
    /** Standard input, for --stdin-filepath. */
    readonly stdin?: AsyncIterable<Buffer | string>;
}
/** Exit codes, as Prettier and ESLint use them. */
export declare const EXIT: {
    readonly ok: 0;
    readonly wouldChange: 1;
    readonly failure: 2;
};
