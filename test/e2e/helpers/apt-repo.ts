/**
 * A tiny flat apt repository on 127.0.0.1, so that `apt-get update` and `apt-get install` really
 * run in the builds without the internet: a few .debs made here with dpkg-deb, a `Packages` index
 * and an unsigned `Release` file, for a source line `deb [trusted=yes] http://127.0.0.1:PORT/BASE ./`.
 * Builds reach it through `docker build --network=host`, as they reach ./pypi.ts.
 */
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { LocalServer } from './local-server.js';

export interface DebPackage {
  readonly name: string;
  readonly version: string;
  readonly depends?: readonly string[];
}

interface BuiltDeb extends DebPackage {
  readonly filename: string;
  readonly bytes: Buffer;
}

/**
 * A .deb of `pkg` installing `/usr/bin/<name>` (a script that prints its name) and
 * `/usr/share/doc/<name>/README`, built with dpkg-deb; dates clamped so that rebuilds agree.
 */
function buildDeb(work: string, pkg: DebPackage): BuiltDeb {
  const root = join(work, pkg.name);
  const files: Record<string, [string, number]> = {
    'DEBIAN/control': [
      [`Package: ${pkg.name}`, `Version: ${pkg.version}`, 'Architecture: all', 'Maintainer: dockerfile-codemod e2e <e2e@invalid>', ...(pkg.depends?.length ? [`Depends: ${pkg.depends.join(', ')}`] : []), `Description: ${pkg.name}, a test package of the dockerfile-codemod e2e suite`, ''].join('\n'),
      0o644,
    ],
    [`usr/bin/${pkg.name}`]: [`#!/bin/sh\necho ${pkg.name} ${pkg.version}\n`, 0o755],
    [`usr/share/doc/${pkg.name}/README`]: [`${pkg.name} ${pkg.version}\n`, 0o644],
  };
  for (const [path, [content, mode]] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
    chmodSync(join(root, path), mode);
  }
  const filename = `${pkg.name}_${pkg.version}_all.deb`;
  const out = join(work, filename);
  execFileSync('dpkg-deb', ['--root-owner-group', '-Zgzip', '--build', root, out], { env: { ...process.env, SOURCE_DATE_EPOCH: '0' }, stdio: 'pipe' });
  return { ...pkg, filename, bytes: readFileSync(out) };
}

const sha256 = (data: Buffer | string) => createHash('sha256').update(data).digest('hex');

export class AptRepo extends LocalServer {
  private readonly debs: BuiltDeb[];
  private readonly packages: string;
  private readonly release: string;
  /** A fresh path per repository, as in ./pypi.ts: nothing an earlier run left on the engine answers for it. */
  readonly base = `/apt-${randomBytes(4).toString('hex')}`;

  constructor(packages: readonly DebPackage[]) {
    super();
    const work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-apt-repo-'));
    try {
      this.debs = packages.map((pkg) => buildDeb(work, pkg));
    } finally {
      rmSync(work, { recursive: true, force: true });
    }
    this.packages = this.debs
      .map((deb) => {
        // The control stanza as dpkg-deb wrote it, plus where the file is and how to check it.
        const control = execFileSync('dpkg-deb', ['--field', '-'], { input: deb.bytes, encoding: 'utf8' }).trimEnd();
        return `${control}\nFilename: ./${deb.filename}\nSize: ${deb.bytes.length}\nSHA256: ${sha256(deb.bytes)}\n`;
      })
      .join('\n');
    this.release = [
      'Origin: dockerfile-codemod-e2e',
      'Label: dockerfile-codemod-e2e',
      'Architectures: all amd64 arm64',
      'Date: Thu, 01 Jan 2026 00:00:00 UTC',
      'SHA256:',
      ` ${sha256(this.packages)} ${Buffer.byteLength(this.packages)} Packages`,
      '',
    ].join('\n');
  }

  /** Starts listening on 127.0.0.1 on a free port; returns the apt source line. */
  async start(): Promise<string> {
    await this.listen();
    return this.sourceLine;
  }

  protected handle(request: IncomingMessage, response: ServerResponse): void {
    const path = new URL(request.url ?? '/', 'http://repo').pathname;
    const name = path.startsWith(`${this.base}/`) ? path.slice(this.base.length + 1).replace(/^\.\//, '') : undefined;
    const deb = this.debs.find((candidate) => candidate.filename === name);
    const body = name === 'Packages' ? this.packages : name === 'Release' ? this.release : deb?.bytes;
    if (body === undefined) {
      response.writeHead(404, { 'Content-Type': 'text/plain' }).end('not found\n');
      return;
    }
    if (name !== undefined && request.method === 'GET') this.counted(name);
    response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': Buffer.byteLength(body) });
    response.end(request.method === 'HEAD' ? undefined : body);
  }

  /** `deb [trusted=yes] http://127.0.0.1:PORT/BASE ./`: unsigned, so trusted by the source line. */
  get sourceLine(): string {
    if (this.port === 0) throw new Error('AptRepo not started');
    return `deb [trusted=yes] http://127.0.0.1:${this.port}${this.base} ./`;
  }
}
