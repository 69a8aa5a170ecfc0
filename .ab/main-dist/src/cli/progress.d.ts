import type { CliEnvironment } from './environment.js';
/** A `done/total` line on a terminal's stderr for long runs; never in pipes, CI or JSON output. */
export declare class Progress {
    private readonly total;
    private readonly environment;
    private done;
    private changed;
    private shown;
    private lastDraw;
    private readonly enabled;
    constructor(total: number, environment: CliEnvironment, json: boolean);
    tick(changed: boolean): void;
    /** Erases the line so that other output starts at column 0. */
    clear(): void;
}
