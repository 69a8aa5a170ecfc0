/** `--max-file-size`: bytes, or a number with a k or m suffix (binary units, as `du` uses). */
export function parseByteSize(text) {
    if (typeof text === 'number')
        return Number.isInteger(text) && text > 0 ? text : undefined;
    const match = /^(\d+(?:\.\d+)?)\s*([km]?)b?$/i.exec(text.trim());
    if (!match)
        return undefined;
    const unit = { '': 1, k: 1024, m: 1024 * 1024 }[match[2].toLowerCase()];
    const bytes = Math.floor(Number(match[1]) * unit);
    return bytes > 0 ? bytes : undefined;
}
//# sourceMappingURL=byte-size.js.map