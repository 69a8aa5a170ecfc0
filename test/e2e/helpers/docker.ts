/**
 * The private Docker engine of the end-to-end tests (started by scripts/e2e/setup.sh): finding
 * it, building with BuildKit, and listing an image's file system to compare two images.
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Where setup.sh writes the engine's environment, unless E2E_ENV_FILE says otherwise. */
export const DEFAULT_ENV_FILE = '/tmp/dockerfile-codemod-e2e.env';
/** The socket setup.sh uses by default: the fallback when the env file is missing. */
const DEFAULT_DOCKER_HOST = 'unix:///tmp/dockerfile-codemod-e2e/docker.sock';

export interface Engine {
  /** Debian's docker client. The newer one earlier on PATH has no buildx, so no BuildKit. */
  readonly docker: string;
  /** unix:// address of the private dockerd. */
  readonly host: string;
  /** The env file it was read from (it may not exist). */
  readonly envFile: string;
  /** Environment for every docker command: the private engine, BuildKit on. */
  readonly env: NodeJS.ProcessEnv;
  readonly pythonImage: string;
  readonly debianImage: string;
}

/** `export NAME=value` lines (as setup.sh writes them with printf %q) into a record. */
export function parseEnvFile(text: string): Record<string, string> {
  const values: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const match = /^\s*(?:export\s+)?([A-Za-z_][A-Za-z0-9_]*)=(.*?)\s*$/.exec(line);
    if (!match) continue;
    let value = match[2]!;
    if (/^'.*'$/.test(value)) value = value.slice(1, -1);
    else if (/^".*"$/.test(value)) value = value.slice(1, -1).replace(/\\(.)/g, '$1');
    else value = value.replace(/\\(.)/g, '$1');
    values[match[1]!] = value;
  }
  return values;
}

let cachedEngine: Engine | undefined;

/**
 * The engine settings: the env file written by setup.sh, with E2E_DOCKER_HOST to override. An
 * ambient DOCKER_HOST is deliberately ignored: it may point at a developer's real engine.
 */
export function engine(): Engine {
  if (cachedEngine) return cachedEngine;
  const envFile = process.env.E2E_ENV_FILE ?? DEFAULT_ENV_FILE;
  const file = existsSync(envFile) ? parseEnvFile(readFileSync(envFile, 'utf8')) : {};
  const host = process.env.E2E_DOCKER_HOST ?? file.DOCKER_HOST ?? DEFAULT_DOCKER_HOST;
  const env: NodeJS.ProcessEnv = { ...process.env, DOCKER_HOST: host, DOCKER_BUILDKIT: '1' };
  // Anything that could send the client elsewhere or to TLS.
  for (const name of ['DOCKER_CONTEXT', 'DOCKER_TLS_VERIFY', 'DOCKER_CERT_PATH']) delete env[name];
  cachedEngine = {
    docker: file.E2E_DOCKER ?? '/usr/bin/docker',
    host,
    envFile,
    env,
    pythonImage: file.E2E_PYTHON_IMAGE ?? 'e2e/python:bookworm',
    debianImage: file.E2E_DEBIAN_IMAGE ?? 'e2e/debian:bookworm',
  };
  return cachedEngine;
}

/** Runs the docker client synchronously (for quick commands only: it blocks the event loop). */
export function docker(args: string[], options: { input?: string; timeoutMs?: number } = {}): { exitCode: number; stdout: string; stderr: string } {
  const { docker: client, env } = engine();
  const result = spawnSync(client, args, { env, input: options.input, encoding: 'utf8', timeout: options.timeoutMs ?? 60_000, maxBuffer: 64 * 1024 * 1024 });
  const failure = result.error ? `${result.error.message}\n` : '';
  return { exitCode: result.status ?? -1, stdout: result.stdout ?? '', stderr: failure + (result.stderr ?? '') };
}

/**
 * Why the end-to-end tests cannot run, or undefined when the private engine answers and has
 * the given images. The reason says what to do about it.
 */
export function engineUnavailable(requiredImages: readonly string[] = []): string | undefined {
  const { docker: client, host, envFile } = engine();
  const setup = 'run scripts/e2e/setup.sh (as root)';
  if (!existsSync(client)) return `${client} is missing (Debian's docker.io): ${setup}`;
  const version = docker(['version', '--format', '{{.Server.Version}}'], { timeoutMs: 15_000 });
  if (version.exitCode !== 0) {
    const why = version.stderr.trim().split('\n').pop() ?? '';
    return `no Docker engine answers on ${host} (env file ${envFile}${existsSync(envFile) ? '' : ' is missing'}): ${setup}. docker said: ${why}`;
  }
  const missing = requiredImages.filter((image) => docker(['image', 'inspect', '--format', '{{.Id}}', image]).exitCode !== 0);
  if (missing.length > 0) return `the engine on ${host} lacks the base image(s) ${missing.join(', ')}: ${setup}`;
  return undefined;
}

/** What stopped a build, told apart from its output. */
export type BuildFailure =
  /** BuildKit rejected the Dockerfile itself (syntax, unknown instruction or flag, bad --mount). */
  | 'parse-error'
  /** A FROM image that is neither local nor pullable (nothing can be pulled here). */
  | 'missing-base-image'
  /** A RUN step exited non-zero. */
  | 'run-failed'
  | 'other';

export interface BuildResult {
  readonly exitCode: number;
  /** stdout and stderr of `docker build --progress=plain`, interleaved. */
  readonly output: string;
  readonly durationMs: number;
  /** Undefined when the build succeeded. */
  readonly failure: BuildFailure | undefined;
}

/** Classifies a failed build's output. BuildKit parses the whole Dockerfile before it resolves any image, so a parse error wins. */
export function classifyFailure(output: string): BuildFailure {
  if (/dockerfile parse error|failed to parse|unknown instruction|unknown flag|unexpected key|invalid (?:mount|field|value)|missing a value on flag|mount type .* not supported|flag provided but not defined/i.test(output)) {
    return 'parse-error';
  }
  if (/failed to resolve source metadata|pull access denied|repository does not exist|manifest unknown|not found: not found|failed to do request: .*registry|no such host/i.test(output)) {
    return 'missing-base-image';
  }
  if (/executor failed running|did not complete successfully: exit code/i.test(output)) return 'run-failed';
  return 'other';
}

/**
 * Drops a `# syntax=` parser directive: with one, BuildKit would try to pull that frontend
 * image, which fails offline, while the frontend built into the engine (BuildKit 0.8) already
 * understands RUN --mount. Only the directive block at the top is looked at (a BOM, then
 * `# key=value` lines); the line is removed rather than blanked, because a blank line would end
 * the block and turn a following `# escape=` directive into a comment. So line numbers in
 * BuildKit's messages are one lower than in the original file when a line was dropped.
 */
export function dropSyntaxDirective(dockerfile: string): string {
  const bom = dockerfile.startsWith('\uFEFF') ? '\uFEFF' : '';
  const lines = dockerfile.slice(bom.length).split(/(?<=\n)/);
  const kept: string[] = [];
  let inDirectives = true;
  for (const line of lines) {
    const directive = inDirectives ? /^[ \t]*#[ \t]*([A-Za-z][A-Za-z0-9]*)[ \t]*=/.exec(line) : null;
    if (!directive) inDirectives = false;
    else if (directive[1]!.toLowerCase() === 'syntax') continue;
    kept.push(line);
  }
  return bom + kept.join('');
}

export interface BuildOptions {
  readonly buildArgs?: Record<string, string>;
  /** Kill the build after this long (default 15 minutes). */
  readonly timeoutMs?: number;
  /** Any more `docker build` arguments, e.g. ['--no-cache']. */
  readonly extraArgs?: readonly string[];
}

/**
 * `docker build --network=host --progress=plain` of the Dockerfile text `dockerfile` in
 * `contextDir`, tagged `tag`, with BuildKit on. The text goes through {@link dropSyntaxDirective}
 * into a temporary file outside the context (so that `COPY . .` does not pick it up).
 * --network=host lets RUN reach servers the test runs on 127.0.0.1.
 *
 * Asynchronous on purpose: a build that talks to a server in this very process (the package
 * index of ./pypi.ts) would deadlock if the event loop were blocked in spawnSync.
 */
export async function build(contextDir: string, dockerfile: string, tag: string, options: BuildOptions = {}): Promise<BuildResult> {
  const { docker: client, env } = engine();
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-build-'));
  const file = join(dir, 'Dockerfile');
  writeFileSync(file, dropSyntaxDirective(dockerfile));

  const args = ['build', '--network=host', '--progress=plain', '-f', file, '-t', tag];
  for (const [name, value] of Object.entries(options.buildArgs ?? {})) args.push('--build-arg', `${name}=${value}`);
  args.push(...(options.extraArgs ?? []), contextDir);

  const started = performance.now();
  const child = spawn(client, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
  const timeoutMs = options.timeoutMs ?? 15 * 60_000;
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGTERM');
  }, timeoutMs);
  const exitCode = await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      chunks.push(Buffer.from(`\n${error.message}\n`));
      resolve(-1);
    });
    child.on('close', (code) => resolve(code ?? -1));
  });
  clearTimeout(timer);
  rmSync(dir, { recursive: true, force: true });
  let output = Buffer.concat(chunks).toString('utf8');
  if (timedOut) output += `\n[e2e] build killed after ${timeoutMs} ms\n`;
  return { exitCode, output, durationMs: performance.now() - started, failure: exitCode === 0 ? undefined : classifyFailure(output) };
}

/** A build target no Dockerfile has: BuildKit parses every instruction and flag, then stops looking for it. */
const PARSE_ONLY_TARGET = 'dockerfile-codemod-parse-only';

/**
 * Whether BuildKit's Dockerfile frontend accepts `dockerfile` (text), without building anything:
 * it is built with a target that does not exist, and BuildKit checks the whole file (flags and
 * --mount keys included) before it looks for the target or resolves any image. Returns undefined
 * when accepted, else BuildKit's error line.
 */
export async function parseError(dockerfile: string): Promise<string | undefined> {
  const context = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-parse-'));
  try {
    const result = await build(context, dockerfile, 'e2e-parse-only:unused', { extraArgs: ['--target', PARSE_ONLY_TARGET], timeoutMs: 60_000 });
    if (result.output.includes(`target stage ${PARSE_ONLY_TARGET} could not be found`)) return undefined;
    const lines = result.output.split('\n').filter((line) => /error/i.test(line));
    return lines.join(' | ') || result.output.trim().split('\n').pop() || `exit code ${result.exitCode}`;
  } finally {
    rmSync(context, { recursive: true, force: true });
  }
}

/** Empties BuildKit's build cache, cache mounts included, so that the next build starts cold. */
export function pruneBuildCache(): void {
  const result = docker(['builder', 'prune', '--all', '--force'], { timeoutMs: 5 * 60_000 });
  if (result.exitCode !== 0) throw new Error(`docker builder prune failed: ${result.stderr.trim()}`);
}

/** Removes images, ignoring those that are not there; E2E_KEEP_IMAGES=1 keeps them for a look afterwards. */
export function removeImages(...images: string[]): void {
  if (images.length > 0 && process.env.E2E_KEEP_IMAGES !== '1') docker(['rmi', '--force', ...images]);
}

// ---------------------------------------------------------------------------------------------
// Image file system listings

export type EntryType = 'file' | 'dir' | 'symlink' | 'hardlink' | 'char' | 'block' | 'fifo' | 'other';

export interface ListingEntry {
  /** Absolute path in the image, no trailing slash ("/" for the root). */
  readonly path: string;
  readonly type: EntryType;
  /** Permission bits with setuid/setgid/sticky, as 4 octal digits, e.g. "0755". */
  readonly mode: string;
  readonly uid: number;
  readonly gid: number;
  /** Bytes of a regular file; 0 for everything else. */
  readonly size: number;
  /** sha256 of a regular file's content. */
  readonly sha256?: string;
  /** Target of a symlink or hardlink. */
  readonly link?: string;
}

/**
 * Every entry of `image`'s file system, sorted by path: `docker create` + `docker export`, the tar
 * stream parsed here (nothing is unpacked). Times are left out on purpose: two builds of the same
 * thing never agree on them.
 */
export async function exportListing(image: string): Promise<ListingEntry[]> {
  const { docker: client, env } = engine();
  // The command is never run; it only has to exist for images without CMD.
  const created = docker(['create', image, 'true']);
  if (created.exitCode !== 0) throw new Error(`docker create ${image} failed: ${created.stderr.trim()}`);
  const container = created.stdout.trim();
  try {
    const child = spawn(client, ['export', container], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const closed = new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
    const entries: ListingEntry[] = [];
    for await (const entry of readTar(child.stdout)) entries.push(entry);
    const exitCode = await closed;
    if (exitCode !== 0) throw new Error(`docker export of ${image} failed: ${stderr.trim()}`);
    return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  } finally {
    docker(['rm', '--force', container]);
  }
}

/** One line per entry, for printing or saving a listing. */
export function formatEntry(entry: ListingEntry): string {
  const detail = entry.sha256 ?? (entry.link !== undefined ? `-> ${entry.link}` : '');
  return `${entry.type} ${entry.mode} ${entry.uid}:${entry.gid} ${entry.size} ${entry.path}${detail ? ` ${detail}` : ''}`;
}

export interface ListingDiff {
  readonly onlyInA: string[];
  readonly onlyInB: string[];
  /** Entries on both sides that differ, as "path: <a> | <b>". */
  readonly changed: string[];
}

export interface DiffOptions {
  /** Paths to leave out, with everything below them: "/root/.cache" drops "/root/.cache/pip/x". */
  readonly ignorePrefixes?: readonly string[];
  /**
   * Paths whose content (sha256) may differ as long as type, mode, owner and size agree: e.g.
   * `.pyc` files, which embed the source file's mtime, and so differ between any two builds.
   */
  readonly ignoreContent?: (path: string) => boolean;
}

export function isUnder(path: string, prefix: string): boolean {
  const base = prefix.replace(/\/+$/, '') || '/';
  return base === '/' || path === base || path.startsWith(`${base}/`);
}

/** Differences between two listings; empty lists mean the same file system. */
export function diffListings(a: readonly ListingEntry[], b: readonly ListingEntry[], options: DiffOptions = {}): ListingDiff {
  const ignored = (path: string) => (options.ignorePrefixes ?? []).some((prefix) => isUnder(path, prefix));
  const describe = (entry: ListingEntry, withContent: boolean) =>
    `${entry.type} ${entry.mode} ${entry.uid}:${entry.gid} ${entry.size}${withContent && entry.sha256 ? ` ${entry.sha256.slice(0, 16)}` : ''}${entry.link !== undefined ? ` -> ${entry.link}` : ''}`;
  const byPath = (entries: readonly ListingEntry[]) => new Map(entries.filter((entry) => !ignored(entry.path)).map((entry) => [entry.path, entry]));
  const left = byPath(a);
  const right = byPath(b);
  const diff: ListingDiff = { onlyInA: [], onlyInB: [], changed: [] };
  for (const [path, entry] of left) {
    const other = right.get(path);
    if (!other) {
      diff.onlyInA.push(path);
      continue;
    }
    const withContent = !options.ignoreContent?.(path);
    const [x, y] = [describe(entry, withContent), describe(other, withContent)];
    if (x !== y) diff.changed.push(`${path}: ${x} | ${y}`);
  }
  for (const path of right.keys()) if (!left.has(path)) diff.onlyInB.push(path);
  diff.onlyInA.sort();
  diff.onlyInB.sort();
  diff.changed.sort();
  return diff;
}

export function isSameListing(diff: ListingDiff): boolean {
  return diff.onlyInA.length === 0 && diff.onlyInB.length === 0 && diff.changed.length === 0;
}

// ---------------------------------------------------------------------------------------------
// A streaming tar reader: ustar, GNU long names (L/K) and PAX headers (x), which is what Go's
// archive/tar, and so `docker export`, writes. File contents are hashed as they stream by.

/** Pulls exact byte counts out of a stream of chunks. */
class ByteReader {
  private readonly chunks: Buffer[] = [];
  private buffered = 0;
  private ended = false;

  constructor(private readonly source: AsyncIterator<Buffer>) {}

  /** Buffers at least `n` bytes, unless the stream ends first. */
  private async fill(n: number): Promise<void> {
    while (this.buffered < n && !this.ended) {
      const next = await this.source.next();
      if (next.done) this.ended = true;
      else {
        this.chunks.push(next.value);
        this.buffered += next.value.length;
      }
    }
  }

  /** Exactly `n` bytes, or fewer only at the end of the stream. */
  async read(n: number): Promise<Buffer> {
    await this.fill(n);
    const parts: Buffer[] = [];
    let left = n;
    while (left > 0 && this.chunks.length > 0) {
      const chunk = this.chunks.shift()!;
      if (chunk.length > left) this.chunks.unshift(chunk.subarray(left));
      parts.push(chunk.subarray(0, left));
      left -= Math.min(left, chunk.length);
    }
    const out = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    this.buffered -= out.length;
    return out;
  }

  /** Passes the next `n` bytes to `sink` chunk by chunk, without gathering them. */
  async pipe(n: number, sink: (chunk: Buffer) => void): Promise<void> {
    let left = n;
    while (left > 0) {
      await this.fill(1);
      const chunk = this.chunks.shift();
      if (!chunk) throw new Error('tar stream ended inside a file');
      const used = chunk.subarray(0, left);
      if (chunk.length > left) this.chunks.unshift(chunk.subarray(left));
      this.buffered -= used.length;
      left -= used.length;
      sink(used);
    }
  }
}

const TYPES: Record<string, EntryType> = { '0': 'file', '\0': 'file', '7': 'file', '1': 'hardlink', '2': 'symlink', '3': 'char', '4': 'block', '5': 'dir', '6': 'fifo' };

/** A NUL-terminated header string field. */
function text(header: Buffer, start: number, length: number): string {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
}

/** A numeric header field: octal text, or GNU base-256 when the high bit of its first byte is set. */
function number(header: Buffer, start: number, length: number): number {
  const field = header.subarray(start, start + length);
  if (field[0]! & 0x80) {
    let value = field[0]! & 0x7f;
    for (const byte of field.subarray(1)) value = value * 256 + byte;
    return value;
  }
  const digits = text(header, start, length).trim();
  return digits ? parseInt(digits, 8) : 0;
}

/** PAX extended header records: "<length> <key>=<value>\n", repeated. */
function paxRecords(data: Buffer): Map<string, string> {
  const records = new Map<string, string>();
  let offset = 0;
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset);
    if (space === -1) break;
    const length = parseInt(data.subarray(offset, space).toString('ascii'), 10);
    if (!(length > 0)) break;
    const record = data.subarray(space + 1, offset + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    offset += length;
  }
  return records;
}

function normalizePath(name: string): string {
  const trimmed = name.replace(/^\.\//, '').replace(/^\/+/, '').replace(/\/+$/, '');
  return trimmed === '' || trimmed === '.' ? '/' : `/${trimmed}`;
}

export async function* readTar(stream: AsyncIterable<Buffer>): AsyncGenerator<ListingEntry> {
  const reader = new ByteReader(stream[Symbol.asyncIterator]());
  let pax = new Map<string, string>();
  let longName: string | undefined;
  let longLink: string | undefined;
  for (;;) {
    const header = await reader.read(512);
    if (header.length < 512 || header.every((byte) => byte === 0)) return;
    const flag = String.fromCharCode(header[156]!);
    const size = pax.has('size') ? Number(pax.get('size')) : number(header, 124, 12);
    const padding = (512 - (size % 512)) % 512;

    // Metadata entries describe the next entry.
    if (flag === 'x' || flag === 'g' || flag === 'L' || flag === 'K') {
      const data = await reader.read(size);
      await reader.read(padding);
      if (flag === 'x') pax = new Map([...pax, ...paxRecords(data)]);
      else if (flag === 'L') longName = text(data, 0, data.length);
      else if (flag === 'K') longLink = text(data, 0, data.length);
      continue; // 'g' (global) carries nothing a listing needs.
    }

    const prefix = text(header, 345, 155);
    const shortName = text(header, 0, 100);
    const name = pax.get('path') ?? longName ?? (prefix ? `${prefix}/${shortName}` : shortName);
    const link = pax.get('linkpath') ?? longLink ?? text(header, 157, 100);
    const type = TYPES[flag] ?? 'other';
    let sha256: string | undefined;
    if (type === 'file') {
      const hash = createHash('sha256');
      await reader.pipe(size, (chunk) => hash.update(chunk));
      sha256 = hash.digest('hex');
    } else {
      await reader.pipe(size, () => {});
    }
    await reader.read(padding);
    yield {
      path: normalizePath(name),
      type,
      mode: (number(header, 100, 8) & 0o7777).toString(8).padStart(4, '0'),
      uid: pax.has('uid') ? Number(pax.get('uid')) : number(header, 108, 8),
      gid: pax.has('gid') ? Number(pax.get('gid')) : number(header, 116, 8),
      size: type === 'file' ? size : 0,
      ...(sha256 ? { sha256 } : {}),
      ...(type === 'symlink' || type === 'hardlink' ? { link: type === 'hardlink' ? normalizePath(link) : link } : {}),
    };
    pax = new Map();
    longName = undefined;
    longLink = undefined;
  }
}
