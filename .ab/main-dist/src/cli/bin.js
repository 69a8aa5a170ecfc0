#!/usr/bin/env node
import { main } from './main.js';
import { exitCleanlyOnSignals } from '../io/interrupt.js';
exitCleanlyOnSignals();
main(process.argv.slice(2), { cwd: process.cwd(), env: process.env, stdout: process.stdout, stderr: process.stderr }).then((code) => {
    process.exitCode = code;
}, (error) => {
    process.stderr.write(`dockerfile-codemod: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
});
//# sourceMappingURL=bin.js.map