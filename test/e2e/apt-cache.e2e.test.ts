/**
 * apt on an image with the official images' docker-clean hook, against the machine's Debian
 * mirror. Mounting the apt directories alone (what a naive edit writes) still downloads every .deb
 * again, because the hook deletes them after each install; the codemod's RUN also switches the hook
 * off and keeps downloads, so the second build fetches only the new package. Each variant is built
 * twice from a cold build cache: with `tree`, then with `tree hello`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { codemod } from './helpers/codemod.js';
import { build, diffListings, engine, exportListing, pruneBuildCache, removeImages } from './helpers/docker.js';
import { describeWithEngine } from './helpers/suite.js';

const { debianImage } = engine();

const ORIGINAL = `FROM ${debianImage}
ARG PACKAGES
RUN apt-get update && apt-get install -y --no-install-recommends $PACKAGES && rm -rf /var/lib/apt/lists/*
`;
const NAIVE = `FROM ${debianImage}
ARG PACKAGES
RUN --mount=type=cache,target=/var/cache/apt,sharing=locked --mount=type=cache,target=/var/lib/apt,sharing=locked apt-get update && apt-get install -y --no-install-recommends $PACKAGES
`;
const BUILDS = ['tree', 'tree hello'];

/** Names of the packages apt fetched, from its `Get:` lines ("Get:1 http://… bookworm/main amd64 tree amd64 2.1.0-1 [54.0 kB]"). */
function fetchedPackages(output: string): string[] {
  return [...output.matchAll(/Get:\d+ \S+ \S+ \S+ (\S+) \S+ \S+ \[[^\]]+\]/g)].map((match) => match[1]!);
}

describeWithEngine('apt cache mounts on BuildKit', [debianImage], () => {
  const tags: string[] = [];
  const fetched = new Map<string, string[][]>();
  let context: string;

  beforeAll(() => {
    context = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-apt-'));
  });
  afterAll(() => {
    rmSync(context, { recursive: true, force: true });
    removeImages(...tags);
    const lines = [...fetched].map(([variant, builds]) => `  ${variant.padEnd(10)} ${builds.map((packages, i) => `build ${i + 1}: [${packages.join(' ')}]`).join('  ')}`);
    process.stdout.write(`\n[e2e apt] packages fetched per build:\n${lines.join('\n')}\n`);
  });

  /** Builds `dockerfile` from a cold build cache once per entry of BUILDS; the packages each build fetched. */
  async function buildTwice(variant: string, dockerfile: string): Promise<string[][]> {
    pruneBuildCache();
    const perBuild: string[][] = [];
    for (const [i, packages] of BUILDS.entries()) {
      const tag = `e2e-apt:${variant}-${i + 1}`;
      tags.push(tag);
      const result = await build(context, dockerfile, tag, { buildArgs: { PACKAGES: packages } });
      if (result.exitCode !== 0) throw new Error(`build ${tag} failed (${result.failure}):\n${result.output.slice(-3000)}`);
      perBuild.push(fetchedPackages(result.output));
    }
    fetched.set(variant, perBuild);
    return perBuild;
  }

  test('the codemod switches docker-clean off for the RUN only and keeps the package lists in the cache', () => {
    const rewritten = codemod(ORIGINAL);
    expect(rewritten).toMatch(/--mount=type=cache,(id=[\w.-]+,)?target=\/var\/cache\/apt,sharing=locked/);
    expect(rewritten).toMatch(/--mount=type=cache,(id=[\w.-]+,)?target=\/var\/lib\/apt\/lists,sharing=locked/);
    expect(rewritten).toContain("trap 'rm -f /etc/apt/apt.conf.d/zz-keep' EXIT");
    expect(rewritten).not.toContain('rm -f /etc/apt/apt.conf.d/docker-clean');
    expect(rewritten).not.toContain('rm -rf /var/lib/apt/lists/*');
  });

  test('a naive mount still downloads every package again', async () => {
    const [first, second] = await buildTwice('naive', NAIVE);
    expect(first).toContain('tree');
    expect(second).toEqual(expect.arrayContaining(['tree', 'hello']));
  });

  test('after the codemod, the second build downloads only the new package', async () => {
    const [first, second] = await buildTwice('rewritten', codemod(ORIGINAL));
    expect(first).toContain('tree');
    expect(second).toContain('hello');
    expect(second).not.toContain('tree');
  });

  test('the rewritten image has the same installed files as the original', async () => {
    await buildTwice('original', ORIGINAL);
    const before = await exportListing('e2e-apt:original-2');
    const after = await exportListing('e2e-apt:rewritten-2');
    expect(after.some((entry) => entry.path === '/usr/bin/hello')).toBe(true);
    // Left out: what apt keeps in the cache mounts instead of the image (lists, .debs), and logs.
    // debconf's cache records times, so only its shape is compared.
    const diff = diffListings(before, after, {
      ignorePrefixes: ['/var/cache/apt', '/var/lib/apt/lists', '/var/log'],
      ignoreContent: (path) => path.startsWith('/var/cache/debconf/'),
    });
    // apt's configuration is the image's own: the setup that keeps downloads is gone when the RUN ends.
    expect(diff).toEqual({ onlyInA: [], onlyInB: [], changed: [] });
  });
});
