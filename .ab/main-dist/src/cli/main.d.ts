import { type CliEnvironment } from './environment.js';
/** Runs the command line; returns the exit code. Never calls process.exit, so it can be tested in-process. */
export declare function main(args: readonly string[], environment: CliEnvironment): Promise<number>;
