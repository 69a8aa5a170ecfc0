/**
 * The package's version. package.json is found upwards from this module: one level from the
 * bundled dist/cli.mjs, two from src/cli/, three from dist/src/cli/.
 */
export declare function packageVersion(): string;
