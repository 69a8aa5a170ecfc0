import { githubFormatter } from './formats/github.js';
import { jsonFormatter } from './formats/json.js';
import { patchFormatter } from './formats/patch.js';
import { sarifFormatter } from './formats/sarif.js';
import { textFormatter } from './formats/text.js';
/** Every output format, by its --format name: one formatter each, behind one interface. */
const FORMATTERS = {
    text: textFormatter,
    json: jsonFormatter,
    patch: patchFormatter,
    sarif: sarifFormatter,
    github: githubFormatter,
};
export const REPORT_FORMATS = Object.keys(FORMATTERS);
const STATUS_KEY = {
    changed: 'changed',
    unchanged: 'unchanged',
    skipped: 'skipped',
    error: 'errors',
};
/** Counts file results and hands them to the chosen format's formatter. */
export class Reporter {
    summary = { files: 0, changed: 0, unchanged: 0, skipped: 0, errors: 0 };
    formatter;
    constructor(format, context) {
        this.formatter = FORMATTERS[format](context);
    }
    /** A problem with a command-line operand (a path that does not exist). */
    operandError(operand, message) {
        this.file({ path: operand, status: 'error', changes: [], skipped: [], error: message });
    }
    file(result, group) {
        this.summary.files++;
        this.summary[STATUS_KEY[result.status]]++;
        this.formatter.file(result, group);
    }
    finish() {
        this.formatter.finish(this.summary);
    }
}
//# sourceMappingURL=reporter.js.map