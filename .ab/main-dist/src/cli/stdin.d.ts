import { type ReportFormat } from '../output/reporter.js';
import type { Mode } from '../output/types.js';
import type { RunSettings } from '../config/settings.js';
import { type CliEnvironment } from './environment.js';
/**
 * Editor and pre-commit integration: one Dockerfile on stdin, reported under `path` by the same
 * formatters as files on disk; in the text format the result is the rewritten file itself.
 */
export declare function runOnStdin(path: string, mode: Mode, settings: RunSettings<ReportFormat>, environment: CliEnvironment): Promise<number>;
