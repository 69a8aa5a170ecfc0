export function parseMountValue(value) {
    const options = new Map();
    for (const field of splitCsv(value)) {
        const eq = field.indexOf('=');
        if (eq < 0)
            options.set(field.toLowerCase(), true);
        else
            options.set(field.slice(0, eq).toLowerCase(), field.slice(eq + 1));
    }
    return options;
}
function splitCsv(line) {
    const fields = [];
    let field = '';
    let inQuotes = false;
    for (let i = 0; i < line.length; i++) {
        const c = line[i];
        if (inQuotes) {
            if (c === '"' && line[i + 1] === '"') {
                field += '"';
                i++;
            }
            else if (c === '"')
                inQuotes = false;
            else
                field += c;
        }
        else if (c === '"' && field.length === 0)
            inQuotes = true;
        else if (c === ',') {
            fields.push(field);
            field = '';
        }
        else
            field += c;
    }
    fields.push(field);
    return fields.filter((f) => f.length > 0);
}
export function mountType(options) {
    const type = options.get('type');
    return typeof type === 'string' ? type.toLowerCase() : 'bind';
}
export function mountTarget(options) {
    for (const key of ['target', 'dst', 'destination']) {
        const value = options.get(key);
        if (typeof value === 'string')
            return value;
    }
    return undefined;
}
/** The `--mount=` flag for a cache mount; paths are validated elsewhere to need no CSV quoting. */
export function formatCacheMount(spec) {
    const fields = ['type=cache', ...(spec.id ? [`id=${spec.id}`] : []), `target=${spec.target}`];
    if (spec.sharing)
        fields.push(`sharing=${spec.sharing}`);
    if (spec.uid !== undefined)
        fields.push(`uid=${spec.uid}`);
    if (spec.gid !== undefined)
        fields.push(`gid=${spec.gid}`);
    if (spec.mode)
        fields.push(`mode=${spec.mode}`);
    return `--mount=${fields.join(',')}`;
}
/** True for a path that can be written into a mount flag as is: absolute, no CSV or shell specials. */
export function isPlainAbsolutePath(path) {
    return /^\/[A-Za-z0-9._+@%\/-]*$/.test(path) && !/(^|\/)\.\.?(\/|$)/.test(path);
}
//# sourceMappingURL=mount.js.map