import type { FileResult } from '../../engine/pipeline.js';
import { RuleTable } from '../rules.js';
import type { Formatter, FormatterContext, Mode } from '../types.js';
/** GitHub Actions workflow commands for one file: an annotation per change and skip, or for the file's error. */
export declare function githubAnnotations(result: FileResult, mode: Mode, rules: RuleTable): string;
/** Workflow commands on stdout, which the Actions runner turns into annotations; the summary on stderr. */
export declare function githubFormatter({ stdout, stderr, mode, transforms, stdin }: FormatterContext): Formatter;
