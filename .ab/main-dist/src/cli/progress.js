/** Files after which a progress line is worth showing. */
const PROGRESS_THRESHOLD = 300;
/** A `done/total` line on a terminal's stderr for long runs; never in pipes, CI or JSON output. */
export class Progress {
    total;
    environment;
    done = 0;
    changed = 0;
    shown = false;
    lastDraw = 0;
    enabled;
    constructor(total, environment, json) {
        this.total = total;
        this.environment = environment;
        const ci = environment.env.CI !== undefined && environment.env.CI !== '' && environment.env.CI !== 'false';
        this.enabled = total > PROGRESS_THRESHOLD && environment.stderr.isTTY === true && !ci && !json;
    }
    tick(changed) {
        this.done++;
        if (changed)
            this.changed++;
        if (!this.enabled)
            return;
        const now = Date.now();
        if (now - this.lastDraw < 100 && this.done < this.total)
            return;
        this.lastDraw = now;
        this.environment.stderr.write(`\r${this.done}/${this.total} files, ${this.changed} changed`);
        this.shown = true;
    }
    /** Erases the line so that other output starts at column 0. */
    clear() {
        if (!this.shown)
            return;
        this.environment.stderr.write('\r\u001b[K');
        this.shown = false;
    }
}
//# sourceMappingURL=progress.js.map