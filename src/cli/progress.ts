import type { CliEnvironment } from './environment.js';

/** Files after which a progress line is worth showing. */
const PROGRESS_THRESHOLD = 300;

/** A `done/total` line on a terminal's stderr for long runs; never in pipes, CI or JSON output. */
export class Progress {
  private done = 0;
  private changed = 0;
  private shown = false;
  private lastDraw = 0;
  private readonly enabled: boolean;

  constructor(
    private readonly total: number,
    private readonly environment: CliEnvironment,
    json: boolean,
  ) {
    const ci = environment.env.CI !== undefined && environment.env.CI !== '' && environment.env.CI !== 'false';
    this.enabled = total > PROGRESS_THRESHOLD && environment.stderr.isTTY === true && !ci && !json;
  }

  tick(changed: boolean): void {
    this.done++;
    if (changed) this.changed++;
    if (!this.enabled) return;
    const now = Date.now();
    if (now - this.lastDraw < 100 && this.done < this.total) return;
    this.lastDraw = now;
    this.environment.stderr.write(`\r${this.done}/${this.total} files, ${this.changed} changed`);
    this.shown = true;
  }

  /** Erases the line so that other output starts at column 0. */
  clear(): void {
    if (!this.shown) return;
    this.environment.stderr.write('\r\u001b[K');
    this.shown = false;
  }
}
