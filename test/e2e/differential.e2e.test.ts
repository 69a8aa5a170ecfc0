/**
 * "Same image, only faster" (issue 12): every case of ./differential/cases.ts is rewritten by the
 * codemod, the original and the rewrite built on an empty cache, the rewrite again warm, and the
 * images compared (./helpers/differential.ts says how and what is allowed to differ). Packages
 * come from a local apt repository and a local pip index, so apt-get and pip really run.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AptRepo } from './helpers/apt-repo.js';
import { cacheMounts, type CaseResult, compareSnapshots, fetchedFiles, type ImageSnapshot, isPureCache, runDifferential } from './helpers/differential.js';
import { build, engine, type ListingEntry, removeImages } from './helpers/docker.js';
import { LocalIndex } from './helpers/pypi.js';
import { describeWithEngine } from './helpers/suite.js';
import { CASES, DEBIAN, PYTHON, PYTHON_CUSTOM_CACHE, PYTHON_CUSTOM_CACHE_DIR } from './differential/cases.js';

const { debianImage, pythonImage } = engine();
/** Cases in flight at once (each builds its original and its rewrite side by side). */
const CONCURRENCY = Number(process.env.E2E_DIFF_CONCURRENCY ?? 3);

describe('the differential comparison', () => {
  const entry = (path: string, extra: Partial<ListingEntry> = {}): ListingEntry => ({ path, type: 'file', mode: '0644', uid: 0, gid: 0, size: 1, sha256: 'a'.repeat(64), ...extra });
  const dir = (path: string, extra: Partial<ListingEntry> = {}) => entry(path, { type: 'dir', mode: '0755', size: 0, sha256: undefined, ...extra });
  const snapshot = (entries: ListingEntry[], extra: Partial<ImageSnapshot> = {}): ImageSnapshot => ({ entries: new Map(entries.map((e) => [e.path, e])), config: { User: '""' }, ...extra });

  test('allows a mount point left behind and pip cache kept on the mount', () => {
    const original = snapshot([dir('/root'), dir('/root/.cache'), dir('/root/.cache/pip'), dir('/root/.cache/pip/http'), entry('/root/.cache/pip/http/x')]);
    const rewrite = snapshot([dir('/root'), dir('/root/.cache'), dir('/root/.cache/pip')]);
    expect(compareSnapshots(original, rewrite, ['/root/.cache/pip'])).toEqual({
      unexplained: [],
      allowed: ['cache kept on the mount: /root/.cache/pip/http', 'cache kept on the mount: /root/.cache/pip/http/x'],
    });
    expect(compareSnapshots(snapshot([dir('/root')]), rewrite, ['/root/.cache/pip']).allowed).toEqual(['mount point left behind: /root/.cache', 'mount point left behind: /root/.cache/pip']);
  });

  test('reports what a mount took out of the image that is not cache', () => {
    const original = snapshot([dir('/root/.cache'), dir('/root/.cache/tool'), entry('/root/.cache/tool/data')]);
    const rewrite = snapshot([dir('/root/.cache')]);
    expect(compareSnapshots(original, rewrite, ['/root/.cache']).unexplained).toEqual([
      'only in the original: /root/.cache/tool (dir 0755 0:0 0)',
      'only in the original: /root/.cache/tool/data (file 0644 0:0 1)',
    ]);
  });

  test("reports a mount point left in a non-root image user's home, changed owners and config", () => {
    const user = { nonRootUser: { uid: 1000, home: '/home/app' } };
    const original = snapshot([dir('/home/app', { uid: 1000 }), entry('/etc/apt/apt.conf.d/docker-clean')]);
    const rewrite = snapshot([dir('/home/app', { uid: 1000 }), dir('/home/app/.cache'), entry('/etc/apt/apt.conf.d/docker-clean', { uid: 1 })], { ...user, config: { User: '"app"' } });
    expect(compareSnapshots(original, rewrite, ['/home/app/.cache/pip']).unexplained).toEqual([
      'changed: /etc/apt/apt.conf.d/docker-clean: file 0644 0:0 1 aaaaaaaaaaaa | file 0644 1:0 1 aaaaaaaaaaaa',
      'config User: "" | "app"',
      "only in the rewrite: /home/app/.cache (dir 0755 0:0 0) inside the home of the image's user (uid 1000)",
    ]);
  });

  test("pure cache is pip's and apt's own files, under the mount target", () => {
    expect(isPureCache('/opt/pip-cache/http/8/x', '/opt/pip-cache')).toBe(true);
    expect(isPureCache('/root/.cache/pip', '/root/.cache')).toBe(true);
    expect(isPureCache('/root/.cache/pip/wheels/a/b.whl', '/root/.cache')).toBe(true);
    expect(isPureCache('/root/.cache/tool/data', '/root/.cache')).toBe(false);
    expect(isPureCache('/root/.cache/pip/http/x', '/var/cache/apt')).toBe(false);
    expect(isPureCache('/var/cache/apt/archives/tiny-a_1.0_all.deb', '/var/cache/apt')).toBe(true);
    expect(isPureCache('/var/cache/apt/archives/partial', '/var/cache/apt')).toBe(true);
    expect(isPureCache('/var/cache/apt/pkgcache.bin', '/var/cache/apt')).toBe(true);
    expect(isPureCache('/var/cache/apt/archives/tiny-a_1.0_all.deb', '/var/lib/apt/lists')).toBe(false);
    expect(isPureCache('/var/cache/apt/apt.conf', '/var/cache/apt')).toBe(false);
  });

  test('counts the package files a build fetched', () => {
    const output = [
      '#6 0.182 Get:2 http://127.0.0.1:39633/apt-bf021ad6 ./ Release [215 B]',
      '#6 0.184 Get:4 http://127.0.0.1:39633/apt-bf021ad6 ./ Packages [581 B]',
      '#6 0.337 Get:1 http://127.0.0.1:39633/apt-bf021ad6 ./ tiny-a 1.0 [668 B]',
      '#5 1.2 Downloading http://127.0.0.1:4000/e2e-1/files/pkg_a-1.0-py3-none-any.whl (1.4 kB)',
      '#5 1.2 Using cached http://127.0.0.1:4000/e2e-1/files/pkg_b-1.0-py3-none-any.whl',
    ].join('\n');
    expect(fetchedFiles(output)).toEqual(['Packages', 'tiny-a_1.0.deb', 'pkg_a-1.0-py3-none-any.whl']);
  });

  test('finds the cache mounts of a Dockerfile', () => {
    expect(cacheMounts('RUN --mount=type=cache,id=apt-lists,target=/var/lib/apt/lists,sharing=locked \\\n    --mount=type=bind,target=/src --mount=type=cache,target=/root/.cache/pip x')).toEqual([
      { target: '/var/lib/apt/lists', id: 'apt-lists' },
      { target: '/root/.cache/pip', id: '/root/.cache/pip' },
    ]);
  });
});

describeWithEngine('same image, only faster: the differential suite', [debianImage, pythonImage], () => {
  const index = new LocalIndex();
  let repo: AptRepo | undefined;
  const bases = [DEBIAN, PYTHON, PYTHON_CUSTOM_CACHE];
  let results = new Map<string, CaseResult>();

  beforeAll(async () => {
    repo = new AptRepo([
      { name: 'tiny-a', version: '1.0' },
      { name: 'tiny-b', version: '1.0', depends: ['tiny-a'] },
      { name: 'tiny-c', version: '1.0' },
    ]);
    index.addWheel('pkg-a', '1.0');
    index.addWheel('pkg-b', '1.0');
    const [source] = await Promise.all([repo.start(), index.start()]);
    const context = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-diff-bases-'));
    try {
      // The local repository replaces Debian's sources; the rest of the apt configuration (docker-clean) stays.
      const aptSource = `RUN rm -f /etc/apt/sources.list /etc/apt/sources.list.d/* && echo '${source}' > /etc/apt/sources.list`;
      const pipEnv = `ENV PIP_INDEX_URL=${index.url} PIP_TRUSTED_HOST=127.0.0.1 PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1`;
      const recipes: [string, string][] = [
        [DEBIAN, `FROM ${debianImage}\n${aptSource}\n`],
        [PYTHON, `FROM ${pythonImage}\n${aptSource}\n${pipEnv}\n`],
        [PYTHON_CUSTOM_CACHE, `FROM ${pythonImage}\n${aptSource}\n${pipEnv}\nENV PIP_CACHE_DIR=${PYTHON_CUSTOM_CACHE_DIR}\n`],
      ];
      for (const [tag, dockerfile] of recipes) {
        const made = await build(context, dockerfile, tag);
        if (made.exitCode !== 0) throw new Error(`could not make ${tag}:\n${made.output.slice(-2000)}`);
      }
    } finally {
      rmSync(context, { recursive: true, force: true });
    }
    const run = await runDifferential(CASES, { concurrency: CONCURRENCY, keepImages: process.env.E2E_KEEP_IMAGES === '1' });
    results = run.results;
    const report = join(tmpdir(), 'dockerfile-codemod-e2e-differential.json');
    writeFileSync(report, `${JSON.stringify({ seconds: run.seconds, prunes: run.prunes, concurrency: CONCURRENCY, cases: [...results.values()] }, null, 2)}\n`);
    const lines = CASES.map((testCase) => {
      const result = results.get(testCase.name)!;
      const builds = result.builds.map((b) => `${b.variant} ${b.seconds.toFixed(1)}s${b.failure ? ` FAILED(${b.failure})` : ''} [${b.fetched.length}]`).join(', ');
      return `  ${result.seconds.toFixed(1).padStart(5)}s ${(result.mountTargets.length > 0 ? 'mounted' : 'skipped').padEnd(7)} ${testCase.name}: ${builds}`;
    });
    process.stdout.write(`\n[e2e differential] ${CASES.length} cases in ${run.seconds.toFixed(0)} s (${run.prunes} prunes, ${CONCURRENCY} at a time); report: ${report}\n${lines.join('\n')}\n`);
  });

  afterAll(async () => {
    await Promise.all([repo?.stop(), index.stop()]);
    removeImages(...bases);
  });

  const classes = [...new Set(CASES.map((testCase) => testCase.issueClass))];
  describe.each(classes)('class %s', (issueClass) => {
    for (const testCase of CASES.filter((candidate) => candidate.issueClass === issueClass)) {
      // A case that shows a known tool bug is expected to fail until the bug is fixed.
      const define = testCase.knownBug ? test.failing : test;
      define(`${testCase.name}: ${testCase.expect}, same image on an empty and a warm cache`, () => {
        const result = results.get(testCase.name);
        if (!result) throw new Error('the case did not run');
        const context = `\n--- rewritten:\n${result.rewritten}\n--- skip reasons:\n${result.skipReasons.join('\n')}`;
        expect(result.error).toBeUndefined();
        expect({ outcome: cacheMounts(result.rewritten).length > cacheMounts(testCase.dockerfile).length ? 'mounted' : 'skipped', context }).toEqual({ outcome: testCase.expect, context });
        if (testCase.targets) expect({ targets: result.mountTargets, context }).toEqual({ targets: testCase.targets, context });
        for (const built of result.builds) expect({ variant: built.variant, failure: built.failure, tail: built.tail }).toEqual({ variant: built.variant, failure: undefined, tail: undefined });
        expect(result.differences).toEqual({ empty: [], warm: [] });
        // Only faster: a warm build fetches fewer packages than the empty-cache one (a mount that never fills would not).
        const fetched = (variant: string) => result.builds.find((b) => b.variant === variant)?.fetched.length ?? 0;
        if (testCase.expect === 'mounted' && fetched('rewrite') > 0) expect(fetched('warm')).toBeLessThan(fetched('rewrite'));
      });
    }
  });
});
