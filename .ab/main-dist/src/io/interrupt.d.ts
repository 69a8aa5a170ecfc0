/**
 * Ctrl-C or `kill` during a run: without a handler Node dies at once, possibly between creating a
 * temporary file and renaming it. With one, the signal waits for the current synchronous step, then
 * the temporary files of unfinished writes are removed: every file is left either as it was or
 * completely rewritten. Exits as shells report a signal death: 128 + the signal number.
 */
export declare function exitCleanlyOnSignals(): void;
