/**
 * Asks a Docker engine's BuildKit whether it accepts a Dockerfile, without building anything: the
 * file is sent to the engine's build API (`POST /build?version=2`) with a build target that no
 * stage has, so the Dockerfile frontend parses every instruction and flag, then stops at the
 * target lookup. Node's http over the engine's socket; no Docker client needed.
 */
import { randomBytes } from 'node:crypto';
import { request } from 'node:http';

/** Where the engine listens, and how to name it in messages. */
export interface EngineAddress {
  /** As the user would write it: `unix:///var/run/docker.sock`, `tcp://host:2375`. */
  readonly url: string;
  /** Where the address came from, for "no engine" messages. */
  readonly source: 'DOCKER_HOST' | 'default';
  readonly socketPath?: string;
  readonly host?: string;
  readonly port?: number;
}

/** The engine cannot be reached or answered something other than a verdict on the file: nothing is known about the file. */
export class EngineError extends Error {
  constructor(
    message: string,
    /** A failure of the engine's own that may pass (its build context store), worth one retry. */
    readonly transient = false,
  ) {
    super(message);
  }
}

export type BuildKitVerdict =
  | { readonly accepted: true }
  | {
      readonly accepted: false;
      /** BuildKit's own words, with line numbers of the file as given. */
      readonly message: string;
      /** The frontend the file's `# syntax=` directive names, which the check did not use. */
      readonly syntax?: string;
    };

export interface BuildKitOptions {
  /** The environment to read DOCKER_HOST from (default: this process's). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Per request, in milliseconds (default 30 s). */
  readonly timeoutMs?: number;
  /** Requests in flight at once (default 4): each one is a build on the user's engine. */
  readonly concurrency?: number;
}

const DEFAULT_SOCKET = '/var/run/docker.sock';
const DEFAULT_TIMEOUT_MS = 30_000;
const DEFAULT_CONCURRENCY = 4;

/** The engine named by DOCKER_HOST (unix:// or plain tcp://), else Docker's default socket. */
export function engineAddress(env: Readonly<Record<string, string | undefined>>): EngineAddress {
  const host = env.DOCKER_HOST;
  if (host === undefined || host === '') return { url: `unix://${DEFAULT_SOCKET}`, source: 'default', socketPath: DEFAULT_SOCKET };
  if (host.startsWith('unix://')) return { url: host, source: 'DOCKER_HOST', socketPath: host.slice('unix://'.length) };
  const tcp = /^tcp:\/\/(\[[^\]]+\]|[^:/]+)(?::(\d+))?\/?$/.exec(host);
  if (!tcp) throw new EngineError(`DOCKER_HOST=${host}: --verify speaks to unix:// and tcp:// engines only`);
  // The Docker client uses TLS on tcp:// when DOCKER_TLS_VERIFY is set; sending plain HTTP there would fail obscurely.
  if (env.DOCKER_TLS_VERIFY) throw new EngineError(`DOCKER_HOST=${host} with DOCKER_TLS_VERIFY: --verify does not speak TLS; use a unix socket or an SSH tunnel to one`);
  return { url: host, source: 'DOCKER_HOST', host: tcp[1]!.replace(/^\[|\]$/g, ''), port: Number(tcp[2] ?? 2375) };
}

function describe(address: EngineAddress): string {
  return `${address.url} (${address.source === 'default' ? 'DOCKER_HOST is not set; the default socket' : 'DOCKER_HOST'})`;
}

/** A POSIX tar archive holding one regular file: the build context the API takes. */
export function singleFileTar(name: string, content: Uint8Array): Uint8Array {
  const header = Buffer.alloc(512);
  const field = (offset: number, length: number, value: string) => header.write(value, offset, length, 'ascii');
  const octal = (offset: number, length: number, value: number) => field(offset, length, `${value.toString(8).padStart(length - 1, '0')}\0`);
  field(0, 100, name);
  octal(100, 8, 0o644);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, content.length);
  octal(136, 12, 0);
  field(156, 1, '0');
  field(257, 6, 'ustar\0');
  field(263, 2, '00');
  // The checksum is computed with its own field as spaces.
  field(148, 8, ' '.repeat(8));
  const sum = header.reduce((total, byte) => total + byte, 0);
  field(148, 8, `${sum.toString(8).padStart(6, '0')}\0 `);
  const padding = Buffer.alloc((512 - (content.length % 512)) % 512);
  return Buffer.concat([header, content, padding, Buffer.alloc(1024)]);
}

/** A UTF-8 byte order mark as the Latin-1 view of the bytes shows it, or decoded. */
const UTF8_BOM = /^(?:\u00EF\u00BB\u00BF|\uFEFF)/;
const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;

/**
 * The text to send, and the 1-based lines removed from it: the `# syntax=` directive would make
 * the engine pull that frontend image, so the check uses the engine's built-in frontend instead.
 * The line is removed, not blanked: an empty line would end the directives (`# escape=` after it).
 */
export function withoutSyntaxDirective(text: string): { text: string; removedLines: number[]; syntax?: string } {
  const lines = text.split('\n');
  const removedLines: number[] = [];
  let syntax: string | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = index === 0 ? lines[0]!.replace(UTF8_BOM, '') : lines[index]!;
    const match = DIRECTIVE.exec(line.replace(/\r$/, ''));
    if (!match) break;
    if (match[1]!.toLowerCase() !== 'syntax') continue;
    removedLines.push(index + 1);
    syntax = match[2]!;
  }
  if (syntax === undefined) return { text, removedLines };
  return { text: lines.filter((_line, index) => !removedLines.includes(index + 1)).join('\n'), removedLines, syntax };
}

/** BuildKit's "line N" in terms of the file before the directive was removed. */
function restoreLineNumbers(message: string, removedLines: readonly number[]): string {
  return message.replace(/\bline (\d+)/g, (_match, line: string) => {
    let original = Number(line);
    for (const removed of removedLines) if (removed <= original) original++;
    return `line ${original}`;
  });
}

/** The first error of the engine's JSON message stream, if any. */
function streamError(body: string): string | undefined {
  for (const line of body.split('\n')) {
    if (line.trim() === '') continue;
    let message: { error?: string; errorDetail?: { message?: string } };
    try {
      message = JSON.parse(line) as typeof message;
    } catch {
      continue;
    }
    const error = message.errorDetail?.message ?? message.error;
    if (error) return error;
  }
  return undefined;
}

/**
 * Errors that are the frontend's verdict on the file: BuildKit 0.8-0.10 wrap every one in
 * "failed to create LLB definition"; parse errors say "dockerfile parse error" in every version.
 * Anything else (the engine lost the build context, ran out of disk) says nothing about the file.
 */
const FRONTEND_VERDICT = /failed to create LLB definition|dockerfile parse error/i;

/** What every frontend and engine version puts before the Dockerfile's own error. */
const ERROR_PREFIXES = /^(?:failed to solve(?: with frontend dockerfile\.v0)?: |failed to create LLB definition: )+/;

/** A small counting semaphore: at most `limit` tasks run at once. */
class Limiter {
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await task();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}

/** A mount option no BuildKit knows: how the probe learns whether a missing target still lets the frontend check mounts. */
const PROBE = 'FROM scratch\nRUN --mount=type=cache,target=/probe,dockerfile-codemod-probe=1 true\n';

/** A connection to one engine's BuildKit. Create it with `BuildKit.connect`. */
export class BuildKit {
  /** A target no Dockerfile has; random so that no stage can be named like it. */
  private readonly target = `dockerfile-codemod-verify-${randomBytes(6).toString('hex')}`;
  private readonly limiter: Limiter;
  private mountOptionsChecked = true;

  private constructor(
    readonly address: EngineAddress,
    private readonly timeoutMs: number,
    concurrency: number,
  ) {
    this.limiter = new Limiter(concurrency);
  }

  /**
   * Whether `--mount` options are checked too. BuildKit 0.8's frontend (Docker 20.10) parses them
   * with every instruction, before looking for the target; newer frontends parse them only when
   * they convert a stage they build, so there a missing target checks instructions and flags but
   * not mount options.
   */
  get checksMountOptions(): boolean {
    return this.mountOptionsChecked;
  }

  /**
   * Finds the engine (DOCKER_HOST, else the default socket), makes sure it answers and offers
   * BuildKit, and learns what its frontend checks. Throws an EngineError naming where it looked.
   */
  static async connect(options: BuildKitOptions = {}): Promise<BuildKit> {
    const address = engineAddress(options.env ?? process.env);
    const buildkit = new BuildKit(address, options.timeoutMs ?? DEFAULT_TIMEOUT_MS, options.concurrency ?? DEFAULT_CONCURRENCY);
    const ping = await buildkit.request('GET', '/_ping').catch((error: Error) => {
      throw new EngineError(`no Docker engine at ${describe(address)}: ${error.message}`);
    });
    if (ping.status !== 200) throw new EngineError(`the Docker engine at ${describe(address)} answers /_ping with HTTP ${ping.status}: ${ping.body.trim()}`);
    const probe = await buildkit.check(PROBE).catch((error: Error) => {
      throw new EngineError(`the Docker engine at ${describe(address)} does not check Dockerfiles with BuildKit: ${error.message}`);
    });
    buildkit.mountOptionsChecked = !probe.accepted;
    return buildkit;
  }

  /** BuildKit's verdict on a Dockerfile. Throws an EngineError when there is none (timeout, engine failure). */
  check(dockerfile: string | Uint8Array): Promise<BuildKitVerdict> {
    return this.limiter.run(() =>
      this.checkNow(dockerfile).catch((error: unknown) => {
        if (error instanceof EngineError && error.transient) return this.checkNow(dockerfile);
        throw error;
      }),
    );
  }

  private async checkNow(dockerfile: string | Uint8Array): Promise<BuildKitVerdict> {
    // Latin-1 maps each byte to one character and back: whatever the file's encoding, the engine gets its bytes.
    const bytes = typeof dockerfile === 'string' ? Buffer.from(dockerfile, 'utf8') : Buffer.from(dockerfile);
    const sent = withoutSyntaxDirective(bytes.toString('latin1'));
    const body = singleFileTar('Dockerfile', Buffer.from(sent.text, 'latin1'));
    const query = new URLSearchParams({ version: '2', dockerfile: 'Dockerfile', target: this.target });
    const response = await this.request('POST', `/build?${query}`, body);
    if (response.status !== 200) throw new EngineError(`the engine at ${this.address.url} refused the check (HTTP ${response.status}): ${streamError(response.body) ?? (response.body.trim() || 'no message')}`);
    const error = streamError(response.body);
    if (error === undefined) throw new EngineError(`the engine at ${this.address.url} reported no result for the check`);
    // 0.8: `target stage X could not be found`; newer frontends quote the name.
    if (new RegExp(`target stage "?${this.target}"? could not be found`).test(error)) return { accepted: true };
    if (!FRONTEND_VERDICT.test(error)) throw new EngineError(`the engine at ${this.address.url} could not check the file: ${error}`, true);
    const message = restoreLineNumbers(error.replace(ERROR_PREFIXES, '').trim(), sent.removedLines);
    return { accepted: false, message, ...(sent.syntax !== undefined ? { syntax: sent.syntax } : {}) };
  }

  private request(method: string, path: string, body?: Uint8Array): Promise<{ status: number; body: string }> {
    const { socketPath, host, port } = this.address;
    return new Promise((resolve, reject) => {
      const outgoing = request(
        {
          ...(socketPath ? { socketPath } : { host, port }),
          method,
          path,
          headers: body ? { 'Content-Type': 'application/x-tar', 'Content-Length': body.length } : {},
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            clearTimeout(timer);
            resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') });
          });
          // A timeout that strikes while the answer streams in ends the response, not the request.
          response.on('error', fail);
        },
      );
      const timeout = new EngineError(`no answer from the engine at ${this.address.url} within ${this.timeoutMs / 1000} s`);
      const timer = setTimeout(() => outgoing.destroy(timeout), this.timeoutMs);
      function fail(error: Error) {
        clearTimeout(timer);
        reject(error instanceof EngineError ? error : outgoing.errored === timeout ? timeout : new EngineError(error.message));
      }
      outgoing.on('error', fail);
      outgoing.end(body);
    });
  }
}
