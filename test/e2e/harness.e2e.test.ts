/**
 * The harness itself: the helpers the other suites rely on, and the base images setup.sh makes.
 * The first block needs no Docker at all; the second needs the private engine.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { build, diffListings, docker, dropSyntaxDirective, engine, exportListing, readTar, removeImages, type ListingEntry } from './helpers/docker.js';
import { LocalIndex, makeWheel } from './helpers/pypi.js';
import { describeWithEngine } from './helpers/suite.js';

const { pythonImage, debianImage } = engine();

/** sha256 of /etc/apt/apt.conf.d/docker-clean as debuerreotype writes it into the official debian images. */
const DOCKER_CLEAN_SHA256 = '484f60f8d215bf22008b5fe7dd8484350d7abd44655ea79accee79ce11976c81';

describe('harness helpers (no Docker needed)', () => {
  test('dropSyntaxDirective drops only a leading # syntax= directive', () => {
    expect(dropSyntaxDirective('# syntax=docker/dockerfile:1\nFROM x\n')).toBe('FROM x\n');
    expect(dropSyntaxDirective('\uFEFF#syntax = docker/dockerfile:1.4\r\nFROM x\r\n')).toBe('\uFEFFFROM x\r\n');
    // A following escape directive stays a directive: nothing is left in between.
    expect(dropSyntaxDirective('# syntax=docker/dockerfile:1\n# escape=`\nFROM x\n')).toBe('# escape=`\nFROM x\n');
    expect(dropSyntaxDirective('# escape=`\n# syntax=docker/dockerfile:1\nFROM x\n')).toBe('# escape=`\nFROM x\n');
    // After a comment, a blank line or an instruction it is an ordinary comment: kept.
    expect(dropSyntaxDirective('# hello\n# syntax=docker/dockerfile:1\nFROM x\n')).toBe('# hello\n# syntax=docker/dockerfile:1\nFROM x\n');
    expect(dropSyntaxDirective('FROM x\n# syntax=docker/dockerfile:1\n')).toBe('FROM x\n# syntax=docker/dockerfile:1\n');
  });

  test('readTar lists ustar, GNU long name and PAX entries with their content hashes', async () => {
    const block = (fill: (header: Buffer) => void) => {
      const header = Buffer.alloc(512);
      fill(header);
      header.fill(0x20, 148, 156); // checksum field as spaces while summing
      let sum = 0;
      for (const byte of header) sum += byte;
      header.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
      return header;
    };
    const entry = (name: string, flag: string, size: number, mode = 0o644) =>
      block((h) => {
        h.write(name, 0, 'utf8');
        h.write(mode.toString(8).padStart(7, '0'), 100, 'ascii');
        h.write('0000000', 108, 'ascii');
        h.write('0000001', 116, 'ascii');
        h.write(size.toString(8).padStart(11, '0'), 124, 'ascii');
        h.write(flag, 156, 'ascii');
        h.write('ustar\x0000', 257, 'binary');
      });
    const pad = (data: Buffer) => Buffer.concat([data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
    const longName = `opt/${'d'.repeat(120)}/file`;
    const record = ` path=${'p'.repeat(110)}\n`;
    const pax = Buffer.from(`${record.length + 3}${record}`); // the length counts its own 3 digits
    const archive = Buffer.concat([
      entry('./', '5', 0, 0o755),
      entry('etc/hello', '0', 6),
      pad(Buffer.from('hello\n')),
      entry('././@LongLink', 'L', longName.length + 1),
      pad(Buffer.from(`${longName}\0`)),
      entry('ignored', '0', 0),
      entry('PaxHeaders/x', 'x', pax.length),
      pad(pax),
      entry('ignored-too', '2', 0, 0o777),
      Buffer.alloc(1024),
    ]);
    // Odd chunk sizes, so that headers and contents straddle chunks.
    const chunks = Array.from({ length: Math.ceil(archive.length / 77) }, (_, i) => archive.subarray(i * 77, (i + 1) * 77));
    const entries: ListingEntry[] = [];
    for await (const item of readTar(Readable.from(chunks))) entries.push(item);
    expect(entries.map((item) => `${item.type} ${item.mode} ${item.uid}:${item.gid} ${item.size} ${item.path}`)).toEqual([
      'dir 0755 0:1 0 /',
      'file 0644 0:1 6 /etc/hello',
      `file 0644 0:1 0 /${longName}`,
      `symlink 0777 0:1 0 /${'p'.repeat(110)}`,
    ]);
    expect(entries[1]!.sha256).toBe('5891b5b522d5df086d0ff0b110fbd9d21bb4fc7163af34d08286a2e846f6be03');
  });

  test('diffListings ignores path prefixes (with what is below them) and, on request, content', () => {
    const file = (path: string, sha256 = 'aa', size = 1): ListingEntry => ({ path, type: 'file', mode: '0644', uid: 0, gid: 0, size, sha256 });
    const a = [file('/app/x.py'), file('/app/x.pyc', 'aa'), file('/root/.cache/pip/y'), file('/root/.cachex')];
    const b = [file('/app/x.py'), file('/app/x.pyc', 'bb'), file('/root/.cache'), file('/root/.cachex', 'aa', 2)];
    expect(diffListings(a, b, { ignorePrefixes: ['/root/.cache/'], ignoreContent: (path) => path.endsWith('.pyc') })).toEqual({
      onlyInA: [],
      onlyInB: [],
      changed: ['/root/.cachex: file 0644 0:0 1 aa | file 0644 0:0 2 aa'],
    });
    expect(diffListings(a, b).changed).toHaveLength(2);
  });

  test('the local index serves PEP 503 pages and wheels with PyPI cache headers, and counts downloads', async () => {
    const index = new LocalIndex();
    const wheel = index.addWheel('Pkg.A', '2.0');
    expect(wheel.filename).toBe('pkg_a-2.0-py3-none-any.whl');
    expect(makeWheel('Pkg.A', '2.0').bytes.equals(wheel.bytes)).toBe(true); // deterministic
    const url = await index.start();
    try {
      const page = await (await fetch(`${url}/pkg-a/`)).text();
      const href = /href="([^"#]+)#sha256=([0-9a-f]{64})"/.exec(page);
      expect(href?.[2]).toBe(wheel.sha256);
      const response = await fetch(new URL(href![1]!, url));
      expect(response.headers.get('cache-control')).toBe('max-age=365000000, immutable, public');
      expect(Buffer.from(await response.arrayBuffer()).equals(wheel.bytes)).toBe(true);
      expect((await fetch(`${url}/nothing/`)).status).toBe(404);
      expect(index.downloads('pkg-a')).toBe(1);
      expect(index.downloadCounts()).toEqual({ 'pkg_a-2.0-py3-none-any.whl': 1 });
    } finally {
      await index.stop();
    }
  });
});

describeWithEngine('harness on the private engine', [pythonImage, debianImage], () => {
  let work: string;
  const tags: string[] = [];
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-harness-'));
  });
  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    removeImages(...tags);
  });

  /** Builds `dockerfile` (text) in an empty context as e2e-harness:<name>. */
  async function buildText(name: string, dockerfile: string) {
    const tag = `e2e-harness:${name}`;
    tags.push(tag);
    return build(work, dockerfile, tag);
  }

  test('a Dockerfile with # syntax= and RUN --mount builds (the directive is dropped first)', async () => {
    const result = await buildText('syntax', `# syntax=docker/dockerfile:1.4\nFROM ${debianImage}\nRUN --mount=type=cache,target=/var/cache/e2e,mode=0755 touch /var/cache/e2e/x\n`);
    expect(result.output).not.toMatch(/docker\/dockerfile/);
    expect(result.exitCode).toBe(0);
  });

  test('a parse error, a missing base image and a failing RUN are told apart', async () => {
    const cases: [string, string, string][] = [
      ['unknown-instruction', `FROM ${debianImage}\nRUNN true\n`, 'parse-error'],
      ['unknown-flag', `FROM ${debianImage}\nRUN --mout=type=cache,target=/x true\n`, 'parse-error'],
      ['bad-mount-key', `FROM ${debianImage}\nRUN --mount=type=cache,targt=/x true\n`, 'parse-error'],
      // Both wrong: BuildKit parses before it resolves images, so the parse error is what shows.
      ['both', 'FROM e2e/no-such-image:1\nRUN --mout=x true\n', 'parse-error'],
      ['missing-base', 'FROM e2e/no-such-image:1\nRUN true\n', 'missing-base-image'],
      ['run-fails', `FROM ${debianImage}\nRUN false\n`, 'run-failed'],
    ];
    for (const [name, dockerfile, expected] of cases) {
      const result = await buildText(name, dockerfile);
      expect({ name, exitCode: result.exitCode === 0 ? 0 : 'non-zero', failure: result.failure }).toEqual({ name, exitCode: 'non-zero', failure: expected });
    }
  });

  test(`${debianImage} carries the official docker-clean apt hook; ${pythonImage} has python3 and pip`, () => {
    const hook = docker(['run', '--rm', '--network=none', debianImage, 'sha256sum', '/etc/apt/apt.conf.d/docker-clean']);
    expect(hook.stdout.split(' ')[0]).toBe(DOCKER_CLEAN_SHA256);
    const pip = docker(['run', '--rm', '--network=none', pythonImage, 'python3', '-m', 'pip', '--version']);
    expect(pip.stdout).toMatch(/^pip \d+/);
    expect(docker(['run', '--rm', '--network=none', pythonImage, 'sha256sum', '/etc/apt/apt.conf.d/docker-clean']).stdout.split(' ')[0]).toBe(DOCKER_CLEAN_SHA256);
  });

  test('exportListing: the same image lists the same; an added file shows, and can be ignored', async () => {
    const base = await exportListing(debianImage);
    expect(base.length).toBeGreaterThan(1000);
    expect(base.find((entry) => entry.path === '/etc/apt/apt.conf.d/docker-clean')).toMatchObject({ type: 'file', mode: '0644', uid: 0, sha256: DOCKER_CLEAN_SHA256 });
    expect(base.find((entry) => entry.path === '/bin')).toMatchObject({ type: 'symlink', link: 'usr/bin' });
    expect(diffListings(base, await exportListing(debianImage))).toEqual({ onlyInA: [], onlyInB: [], changed: [] });

    const result = await buildText('added', `FROM ${debianImage}\nRUN mkdir -p /srv/e2e && echo hi > /srv/e2e/marker && chmod 0600 /srv/e2e/marker\n`);
    expect(result.exitCode).toBe(0);
    const added = await exportListing('e2e-harness:added');
    expect(diffListings(base, added).onlyInB).toEqual(['/srv/e2e', '/srv/e2e/marker']);
    expect(added.find((entry) => entry.path === '/srv/e2e/marker')).toMatchObject({ mode: '0600', size: 3 });
    expect(diffListings(base, added, { ignorePrefixes: ['/srv/e2e'] })).toEqual({ onlyInA: [], onlyInB: [], changed: [] });
  });
});
