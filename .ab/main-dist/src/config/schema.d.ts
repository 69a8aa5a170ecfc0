import type { Transform } from '../engine/transform.js';
/** Where the published schema lives in the package, for `"$schema"` in a config file. */
export declare const SCHEMA_PATH = "schema/config.schema.json";
type Schema = Record<string, unknown>;
/** The JSON Schema of a config file, generated from the keys the loader accepts, the built-in transforms' options and the output formats. */
export declare function configSchema(transforms: readonly Transform[], formats: readonly string[]): Schema;
export {};
