import type { Transform } from '../engine/transform.js';
import { type CliEnvironment } from './environment.js';
/** The text of `--explain <id>`: what the transform does, its options (flag and config key), and its facts. */
export declare function explainTransform(transform: Transform): string;
/** `--explain <id>`, or the list of transforms for a bare `--explain`; returns the exit code. */
export declare function explain(id: string, transforms: readonly Transform[], { stdout, stderr }: Pick<CliEnvironment, 'stdout' | 'stderr'>): number;
