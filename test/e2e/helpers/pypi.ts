/**
 * A tiny PEP 503 "simple" package index on 127.0.0.1, serving pure-Python wheels made here in
 * memory, and counting how often each file is downloaded. A build reaches it through
 * `docker build --network=host`.
 *
 * Two details make pip cache its downloads as it does from PyPI, which is what the cache-mount
 * tests measure: the wheel responses carry PyPI's `Cache-Control: max-age=365000000, immutable`
 * (pip's HTTP cache stores nothing without a freshness lifetime), and pip must trust the host
 * (`--trusted-host 127.0.0.1`), or it refuses plain http.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { LocalServer } from './local-server.js';

export interface Wheel {
  readonly project: string;
  readonly version: string;
  readonly filename: string;
  readonly bytes: Buffer;
  readonly sha256: string;
}

/** PEP 503 normalized project name: "Pkg_A" -> "pkg-a". */
export function normalizeProject(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '-');
}

/** A name as wheel file names and import packages spell it: "pkg-a" -> "pkg_a". */
export function wheelName(name: string): string {
  return name.toLowerCase().replace(/[-_.]+/g, '_');
}

/**
 * A minimal valid pure-Python wheel: `<name>/__init__.py`, and `.dist-info/` with METADATA,
 * WHEEL and RECORD (each file's urlsafe-base64 sha256 and size, RECORD itself unhashed).
 * Deterministic: the same arguments give the same bytes.
 */
export function makeWheel(project: string, version: string): Wheel {
  const module = wheelName(project);
  const info = `${module}-${version}.dist-info`;
  const files: [string, Buffer][] = [
    [`${module}/__init__.py`, Buffer.from(`"""Test package ${project} made by the dockerfile-codemod e2e tests."""\n__version__ = ${JSON.stringify(version)}\n`)],
    [`${info}/METADATA`, Buffer.from(`Metadata-Version: 2.1\nName: ${project}\nVersion: ${version}\nSummary: e2e test package\n`)],
    [`${info}/WHEEL`, Buffer.from('Wheel-Version: 1.0\nGenerator: dockerfile-codemod-e2e\nRoot-Is-Purelib: true\nTag: py3-none-any\n')],
  ];
  const record = files.map(([path, data]) => `${path},sha256=${createHash('sha256').update(data).digest('base64url')},${data.length}`);
  record.push(`${info}/RECORD,,`);
  files.push([`${info}/RECORD`, Buffer.from(`${record.join('\n')}\n`)]);
  const bytes = zip(files);
  return { project, version, filename: `${module}-${version}-py3-none-any.whl`, bytes, sha256: createHash('sha256').update(bytes).digest('hex') };
}

export interface IndexRequest {
  readonly method: string;
  readonly path: string;
  readonly status: number;
}

export class LocalIndex extends LocalServer {
  private readonly wheels = new Map<string, Wheel[]>();
  /** Every request, in order: handy when a test fails. */
  readonly requests: IndexRequest[] = [];
  /**
   * A fresh path per index. pip's HTTP cache and BuildKit's layer cache are both keyed by what
   * the Dockerfile says, URL included, so a new path means nothing left on the engine by an
   * earlier run can answer for this one, without pruning a build cache other suites share.
   */
  readonly base = `/e2e-${randomBytes(4).toString('hex')}`;

  /** Adds a wheel for project==version; returns it. */
  addWheel(project: string, version: string): Wheel {
    const wheel = makeWheel(project, version);
    const key = normalizeProject(project);
    this.wheels.set(key, [...(this.wheels.get(key) ?? []), wheel]);
    return wheel;
  }

  /** Starts listening on 127.0.0.1 on a free port; returns the index URL (…/simple). */
  async start(): Promise<string> {
    await this.listen();
    return this.url;
  }

  /** The URL for pip's --index-url (still readable after stop()). */
  get url(): string {
    if (this.port === 0) throw new Error('LocalIndex not started');
    return `http://127.0.0.1:${this.port}${this.base}/simple`;
  }

  /** Downloads of one file name (e.g. "pkg_a-1.0-py3-none-any.whl"), or of all of a project's files. */
  downloads(filenameOrProject: string): number {
    if (this.counts.has(filenameOrProject)) return this.counts.get(filenameOrProject)!;
    const files = this.wheels.get(normalizeProject(filenameOrProject)) ?? [];
    return files.reduce((sum, wheel) => sum + (this.counts.get(wheel.filename) ?? 0), 0);
  }

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://index').pathname);
    const send = (status: number, headers: Record<string, string | number>, body: string | Buffer = '') => {
      this.requests.push({ method: request.method ?? 'GET', path, status });
      response.writeHead(status, headers);
      response.end(request.method === 'HEAD' ? undefined : body);
    };
    if (request.method !== 'GET' && request.method !== 'HEAD') return send(405, { Allow: 'GET, HEAD' });
    const html = (body: string) => send(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'max-age=0' }, `<!DOCTYPE html>\n<html><body>\n${body}\n</body></html>\n`);

    // PEP 503 root: every project.
    if (path === `${this.base}/simple/` || path === `${this.base}/simple`) {
      return html([...this.wheels.keys()].map((name) => `<a href="${name}/">${name}</a>`).join('\n'));
    }
    // One project: its files, each with its sha256 for pip to check.
    const project = new RegExp(`^${this.base}/simple/([^/]+)/?$`).exec(path)?.[1];
    if (project !== undefined) {
      const files = this.wheels.get(normalizeProject(project));
      if (!files) return send(404, { 'Content-Type': 'text/plain' }, 'no such project\n');
      return html(files.map((wheel) => `<a href="${this.base}/files/${wheel.filename}#sha256=${wheel.sha256}">${wheel.filename}</a>`).join('\n'));
    }
    const filename = new RegExp(`^${this.base}/files/([^/]+)$`).exec(path)?.[1];
    const wheel = filename === undefined ? undefined : [...this.wheels.values()].flat().find((candidate) => candidate.filename === filename);
    if (!wheel) return send(404, { 'Content-Type': 'text/plain' }, 'not found\n');
    if (request.method === 'GET') this.counted(wheel.filename);
    // PyPI's headers for files: without a max-age, pip's HTTP cache keeps nothing.
    return send(
      200,
      { 'Content-Type': 'application/octet-stream', 'Content-Length': wheel.bytes.length, 'Cache-Control': 'max-age=365000000, immutable, public', ETag: `"${wheel.sha256}"` },
      wheel.bytes,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// A zip writer, just enough for wheels: stored (uncompressed) entries, fixed timestamps.

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of data) crc = CRC_TABLE[(crc ^ byte) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** A zip archive of `files` (path, content), all stored, dated 1980-01-01 for reproducibility. */
export function zip(files: readonly (readonly [string, Buffer])[]): Buffer {
  const DOS_TIME = 0;
  const DOS_DATE = (0 << 9) | (1 << 5) | 1; // 1980-01-01
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [path, data] of files) {
    const name = Buffer.from(path, 'utf8');
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0); // local file header signature
    local.writeUInt16LE(20, 4); // version needed: 2.0
    local.writeUInt16LE(0x0800, 6); // flags: UTF-8 names
    local.writeUInt16LE(0, 8); // method: stored
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); // compressed size
    local.writeUInt32LE(data.length, 22); // uncompressed size
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(0, 28); // extra length
    locals.push(local, name, data);

    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0); // central directory header signature
    central.writeUInt16LE((3 << 8) | 20, 4); // made by: Unix, 2.0
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(name.length, 28);
    // extra, comment, disk number, internal attributes: 0
    central.writeUInt32LE((0o100644 << 16) >>> 0, 38); // external attributes: a regular file, rw-r--r--
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0); // end of central directory signature
  end.writeUInt16LE(files.length, 8);
  end.writeUInt16LE(files.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
