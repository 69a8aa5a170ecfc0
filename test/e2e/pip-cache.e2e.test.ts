/**
 * The product's promise, on a real BuildKit: after the codemod, a rebuild that follows a
 * requirements change downloads only what is new, and the image is the same as before.
 *
 * Each service has a requirements.txt and a Dockerfile that pip-installs it from a local index
 * (./helpers/pypi.ts), which counts the downloads of every wheel. The service is built twice,
 * pkg-b being added to the requirements in between: once as written, once as the codemod
 * rewrote it. Two services: pip as root, and pip as a non-root user (the mount needs its uid/gid).
 * A third build shows why the codemod leaves a non-root RUN alone when the cache directory does
 * not exist yet: BuildKit would leave it in the image owned by root.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codemod } from './helpers/codemod.js';
import { build, diffListings, engine, exportListing, removeImages, type ListingEntry } from './helpers/docker.js';
import { LocalIndex } from './helpers/pypi.js';
import { describeWithEngine } from './helpers/suite.js';

const { pythonImage } = engine();

const FIRST = ['pkg-a==1.0'];
const SECOND = ['pkg-a==1.0', 'pkg-b==1.0'];
const PKG_A = 'pkg_a-1.0-py3-none-any.whl';
const PKG_B = 'pkg_b-1.0-py3-none-any.whl';

interface Service {
  readonly name: string;
  /** The Dockerfile as its authors wrote it, for the index at `indexUrl`. */
  readonly dockerfile: (indexUrl: string) => string;
  /** The mount the codemod must add to the pip RUN. */
  readonly expectedMount: string;
  /** Where pip's cache lives in the original image (and must not in the rewritten one). */
  readonly cacheDir: string;
}

const pipInstall = (indexUrl: string, extra = '') =>
  `pip install --break-system-packages${extra} --index-url ${indexUrl} --trusted-host 127.0.0.1 -r requirements.txt`;

const nonRootDockerfile = (url: string, prepare = '') =>
  `FROM ${pythonImage}\nRUN useradd --create-home --uid 1000 app\nUSER app\n${prepare}WORKDIR /home/app\nCOPY requirements.txt .\nRUN ${pipInstall(url, ' --user')}\n`;

const SERVICES: readonly Service[] = [
  {
    name: 'root',
    dockerfile: (url) => `FROM ${pythonImage}\nWORKDIR /app\nCOPY requirements.txt .\nRUN ${pipInstall(url)}\n`,
    expectedMount: '--mount=type=cache,target=/root/.cache/pip,mode=0755',
    cacheDir: '/root/.cache/pip',
  },
  {
    name: 'non-root',
    // The cache directory made first: BuildKit would otherwise leave it owned by root (see below).
    dockerfile: (url) => nonRootDockerfile(url, 'RUN mkdir -p /home/app/.cache/pip\n'),
    expectedMount: '--mount=type=cache,target=/home/app/.cache/pip,uid=1000,gid=1000,mode=0755',
    cacheDir: '/home/app/.cache/pip',
  },
];

interface Measured {
  readonly service: string;
  readonly build: string;
  readonly seconds: number;
  readonly downloads: Record<string, number>;
}

describeWithEngine('pip cache mounts on BuildKit', [pythonImage], () => {
  const measured: Measured[] = [];
  const tags: string[] = [];
  let work: string;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-pip-'));
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
    removeImages(...tags);
    const report = join(tmpdir(), 'dockerfile-codemod-e2e-pip-cache.json');
    writeFileSync(report, `${JSON.stringify(measured, null, 2)}\n`);
    const lines = measured.map((m) => `  ${`${m.service} ${m.build}`.padEnd(22)} ${m.seconds.toFixed(1).padStart(6)}s  downloads: ${JSON.stringify(m.downloads)}`);
    process.stdout.write(`\n[e2e pip] builds (also in ${report}):\n${lines.join('\n')}\n`);
  });

  describe.each(SERVICES)('pip as $name', (service) => {
    const index = new LocalIndex();
    let original = '';
    let rewritten = '';

    beforeAll(async () => {
      index.addWheel('pkg-a', '1.0');
      index.addWheel('pkg-b', '1.0');
      await index.start();
      original = service.dockerfile(index.url);
      rewritten = codemod(original);
    });
    afterAll(() => index.stop());

    /** Builds `dockerfile` with `requirements` as e2e-pip-<service>:<name>; returns the build output. */
    async function buildWith(variant: string, dockerfile: string, requirements: readonly string[], name: string): Promise<string> {
      const dir = join(work, service.name, variant);
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, 'requirements.txt'), `${requirements.join('\n')}\n`);
      const before = { a: index.downloads(PKG_A), b: index.downloads(PKG_B) };
      const tag = `e2e-pip-${service.name}:${name}`;
      tags.push(tag);
      const result = await build(dir, dockerfile, tag);
      measured.push({
        service: service.name,
        build: name,
        seconds: result.durationMs / 1000,
        downloads: { [PKG_A]: index.downloads(PKG_A) - before.a, [PKG_B]: index.downloads(PKG_B) - before.b },
      });
      if (result.exitCode !== 0) {
        throw new Error(`build ${tag} failed (${result.failure}):\n${result.output.slice(-4000)}\nindex requests: ${JSON.stringify(index.requests.slice(-10))}`);
      }
      return result.output;
    }

    test('the codemod adds the cache mount the user needs', () => {
      // Lines joined as Docker joins them: a long RUN gets its mount on a line of its own.
      expect(rewritten.replace(/ \\\n\s*/g, ' ')).toContain(`RUN ${service.expectedMount} pip install`);
    });

    test('as written, the rebuild downloads every requirement again', async () => {
      await buildWith('original', original, FIRST, 'original-1');
      await buildWith('original', original, SECOND, 'original-2');
      // The requirements changed, so RUN starts again from the COPY layer: the pip cache that
      // the first build left in its own layer is gone.
      expect(index.downloads(PKG_A)).toBe(2);
      expect(index.downloads(PKG_B)).toBe(1);
    });

    test('after the codemod, the rebuild downloads only the new requirement', async () => {
      const start = { a: index.downloads(PKG_A), b: index.downloads(PKG_B) };
      await buildWith('rewritten', rewritten, FIRST, 'rewritten-1');
      const output = await buildWith('rewritten', rewritten, SECOND, 'rewritten-2');
      expect(index.downloads(PKG_A) - start.a).toBe(1);
      expect(index.downloads(PKG_B) - start.b).toBe(1);
      // "Using cached http://127.0.0.1:…/pkg_a-1.0-py3-none-any.whl"
      expect(output).toMatch(/Using cached \S*\/pkg_a-1\.0-py3-none-any\.whl/);
      expect(output).toMatch(/Downloading \S*\/pkg_b-1\.0-py3-none-any\.whl/);
    });

    test('the rewritten image is the original one without the pip cache', async () => {
      const before = await exportListing(`e2e-pip-${service.name}:original-2`);
      const after = await exportListing(`e2e-pip-${service.name}:rewritten-2`);
      const installed = (listing: readonly ListingEntry[]) => listing.filter((entry) => /\/pkg_[ab]\/__init__\.py$/.test(entry.path)).map((entry) => entry.path);
      expect(installed(before)).toHaveLength(2);
      expect(installed(after)).toEqual(installed(before));
      // The original bakes pip's cache into the image; the rewritten one keeps at most the empty mount point.
      expect(before.some((entry) => entry.path.startsWith(`${service.cacheDir}/`))).toBe(true);
      expect(after.filter((entry) => entry.path.startsWith(`${service.cacheDir}/`))).toEqual([]);
      // Bytecode embeds its source file's mtime, which differs between any two installs: for .pyc
      // files only type, mode, owner and size are compared.
      const diff = diffListings(before, after, { ignorePrefixes: [service.cacheDir], ignoreContent: (path) => path.endsWith('.pyc') });
      expect(diff).toEqual({ onlyInA: [], onlyInB: [], changed: [] });
    });
  });
});

describeWithEngine('a non-root cache directory that does not exist yet', [pythonImage], () => {
  const tag = 'e2e-pip-missing-dir:forced';
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-pip-missing-'));
  });
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
    removeImages(tag);
  });

  test('is left alone by default; forced, BuildKit leaves ~/.cache owned by root and app can no longer use it', async () => {
    const index = new LocalIndex();
    index.addWheel('pkg-a', '1.0');
    await index.start();
    try {
      const original = nonRootDockerfile(index.url);
      expect(codemod(original)).toBe(original);
      const report = codemod(original, '--format', 'json');
      expect(report).toContain('/home/app/.cache/pip is not known to exist');

      const forced = codemod(original, '--allow-root-owned-dirs');
      expect(forced).toContain('--mount=type=cache,target=/home/app/.cache/pip,uid=1000,gid=1000');
      writeFileSync(join(work, 'requirements.txt'), `${FIRST.join('\n')}\n`);
      const result = await build(work, `${forced}RUN mkdir /home/app/.cache/later || echo CANNOT-WRITE-CACHE\n`, tag);
      expect(result.exitCode).toBe(0);
      expect(result.output).toContain('CANNOT-WRITE-CACHE');
      const listing = await exportListing(tag);
      expect(listing.find((entry) => entry.path === '/home/app/.cache')).toMatchObject({ type: 'dir', uid: 0, gid: 0 });
    } finally {
      await index.stop();
    }
  });
});
