export function insertAt(offset, newText) {
    return { start: offset, end: offset, newText };
}
//# sourceMappingURL=text-edit.js.map