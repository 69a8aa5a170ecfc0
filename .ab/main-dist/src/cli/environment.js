/** Exit codes, as Prettier and ESLint use them. */
export const EXIT = { ok: 0, wouldChange: 1, failure: 2 };
//# sourceMappingURL=environment.js.map