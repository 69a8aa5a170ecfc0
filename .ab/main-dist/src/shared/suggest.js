/** Edit distance between two short strings (insertions, deletions, substitutions, transpositions). */
function distance(a, b) {
    const rows = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
    for (let j = 1; j <= b.length; j++)
        rows[0][j] = j;
    for (let i = 1; i <= a.length; i++) {
        for (let j = 1; j <= b.length; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
                best = Math.min(best, rows[i - 2][j - 2] + 1);
            rows[i][j] = best;
        }
    }
    return rows[a.length][b.length];
}
/** The candidate a mistyped name most likely meant, if any is close enough to suggest. */
export function closest(name, candidates) {
    let best;
    for (const candidate of candidates) {
        const score = distance(name.toLowerCase(), candidate.toLowerCase());
        if (score <= Math.max(2, Math.floor(candidate.length / 3)) && (!best || score < best.score))
            best = { candidate, score };
    }
    return best?.candidate;
}
/** ` (did you mean "x"?)`, or nothing. */
export function didYouMean(name, candidates, format = (c) => `"${c}"`) {
    const suggestion = closest(name, candidates);
    return suggestion === undefined ? '' : ` (did you mean ${format(suggestion)}?)`;
}
//# sourceMappingURL=suggest.js.map