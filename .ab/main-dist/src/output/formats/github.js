import { changeLevel, RuleTable } from '../rules.js';
import { summaryLine } from '../summary.js';
// The runner reads a command up to the end of the line, and `::`/`,` end a property value.
const escapeData = (text) => text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
const escapeProperty = (text) => escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
function command(name, properties, message) {
    const list = Object.entries(properties).map(([key, value]) => `${key}=${escapeProperty(String(value))}`);
    return `::${name} ${list.join(',')}::${escapeData(message)}\n`;
}
/** GitHub Actions workflow commands for one file: an annotation per change and skip, or for the file's error. */
export function githubAnnotations(result, mode, rules) {
    const file = result.path;
    if (result.status === 'error')
        return command('error', { file }, `${result.error}`);
    if (result.status === 'skipped')
        return command('notice', { file }, `skipped: ${result.error}`);
    const annotate = (name, item) => command(name, { file, line: item.line, title: rules.ruleId(item) }, item.message);
    const changeCommand = changeLevel(mode) === 'warning' ? 'warning' : 'notice';
    return [...result.changes.map((change) => annotate(changeCommand, change)), ...result.skipped.map((skip) => annotate('notice', skip))].join('');
}
/** Workflow commands on stdout, which the Actions runner turns into annotations; the summary on stderr. */
export function githubFormatter({ stdout, stderr, mode, transforms, stdin }) {
    const rules = new RuleTable(transforms);
    return {
        file(result) {
            stdout.write(githubAnnotations(result, mode, rules));
        },
        finish(summary) {
            if (!stdin)
                stderr.write(`${summaryLine(summary, mode)}\n`);
        },
    };
}
//# sourceMappingURL=github.js.map