import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';
export function parseGroupBy(value) {
    if (value === 'none')
        return { kind: 'none' };
    if (value === 'codeowners')
        return { kind: 'codeowners' };
    const match = /^dir:(\d+)$/.exec(value);
    return match && Number(match[1]) >= 1 ? { kind: 'dir', depth: Number(match[1]) } : undefined;
}
/** Where GitHub looks for CODEOWNERS, in its order. */
const CODEOWNERS_LOCATIONS = ['.github/CODEOWNERS', 'CODEOWNERS', 'docs/CODEOWNERS'];
/** CODEOWNERS rules as GitHub reads them: gitignore-style patterns, the last matching rule wins. */
export function parseCodeowners(text) {
    const rules = [];
    for (const raw of text.split(/\r?\n/)) {
        const line = raw.replace(/(^|\s)#.*$/, '').trim();
        if (line === '')
            continue;
        const [pattern, ...owners] = line.split(/\s+/);
        const matcher = ignore().add(pattern);
        rules.push({ matches: (path) => matcher.ignores(path), owners });
    }
    return rules;
}
export function ownersOf(rules, path) {
    for (let i = rules.length - 1; i >= 0; i--)
        if (rules[i].matches(path))
            return rules[i].owners;
    return [];
}
/** A file-name-safe group name. */
function slug(text) {
    return text.replace(/^@/, '').replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'root';
}
/** Returns a function from a file path (relative to `cwd`) to its group name. */
export async function grouper(groupBy, cwd) {
    switch (groupBy.kind) {
        case 'none':
            return () => 'all';
        case 'dir':
            return (path) => {
                const directories = path.split('/').slice(0, -1);
                return directories.length === 0 ? 'root' : slug(directories.slice(0, groupBy.depth).join('-'));
            };
        case 'codeowners': {
            let text = '';
            for (const location of CODEOWNERS_LOCATIONS) {
                text = await readFile(join(cwd, location), 'utf8').catch(() => '');
                if (text !== '')
                    break;
            }
            const rules = parseCodeowners(text);
            return (path) => {
                const owners = ownersOf(rules, path);
                return owners.length === 0 ? 'unowned' : slug(owners.join('_'));
            };
        }
    }
}
//# sourceMappingURL=groups.js.map