import type { FileResult } from '../engine/pipeline.js';
import { githubFormatter } from './formats/github.js';
import { jsonFormatter } from './formats/json.js';
import { patchFormatter } from './formats/patch.js';
import { sarifFormatter } from './formats/sarif.js';
import { textFormatter } from './formats/text.js';
import type { FormatterContext, Summary } from './types.js';
/** Every output format, by its --format name: one formatter each, behind one interface. */
declare const FORMATTERS: {
    readonly text: typeof textFormatter;
    readonly json: typeof jsonFormatter;
    readonly patch: typeof patchFormatter;
    readonly sarif: typeof sarifFormatter;
    readonly github: typeof githubFormatter;
};
export type ReportFormat = keyof typeof FORMATTERS;
export declare const REPORT_FORMATS: ReportFormat[];
/** Counts file results and hands them to the chosen format's formatter. */
export declare class Reporter {
    readonly summary: Summary;
    private readonly formatter;
    constructor(format: ReportFormat, context: FormatterContext);
    /** A problem with a command-line operand (a path that does not exist). */
    operandError(operand: string, message: string): void;
    file(result: FileResult, group?: string): void;
    finish(): void;
}
export {};
