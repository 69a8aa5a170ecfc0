import { writeSync } from 'node:fs';
import { constants } from 'node:os';
import { removeTemporaryFiles } from './write.js';
/**
 * Ctrl-C or `kill` during a run: without a handler Node dies at once, possibly between creating a
 * temporary file and renaming it. With one, the signal waits for the current synchronous step, then
 * the temporary files of unfinished writes are removed: every file is left either as it was or
 * completely rewritten. Exits as shells report a signal death: 128 + the signal number.
 */
export function exitCleanlyOnSignals() {
    for (const signal of ['SIGINT', 'SIGTERM']) {
        process.on(signal, () => {
            removeTemporaryFiles();
            // Synchronous, so that the message is out before the exit; `\r\x1b[K` erases a progress line.
            writeSync(2, `${process.stderr.isTTY ? '\r\u001b[K' : ''}dockerfile-codemod: interrupted by ${signal}; no file was left half-written\n`);
            process.exit(128 + constants.signals[signal]);
        });
    }
}
//# sourceMappingURL=interrupt.js.map