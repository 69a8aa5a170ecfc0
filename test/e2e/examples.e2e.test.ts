/**
 * Every example whose base image can be made here builds before and after the rewrite, to the
 * same image apart from caches. Left out, because their base images cannot be made offline:
 * services/ml (needs poetry from PyPI), services/static (nginx) and tools/lint (an image from ghcr.io).
 */
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { codemod } from './helpers/codemod.js';
import { build, diffListings, engine, exportListing, removeImages } from './helpers/docker.js';
import { LocalIndex } from './helpers/pypi.js';
import { describeWithEngine } from './helpers/suite.js';

const { pythonImage } = engine();
const examples = fileURLToPath(new URL('../../examples', import.meta.url));
const BUILDABLE = ['services/api', 'services/billing', 'services/legacy', 'services/reports', 'services/worker'];
/** The official python images the examples name, stood in for by the local one. */
const PYTHON_TAGS = ['python:3.12-slim', 'python:3.12', 'python:3.11-slim-bookworm', 'python:3.9'];
/** What the rewrite keeps out of the image: caches, apt's state and logs. */
const CACHES = ['/root/.cache', '/var/cache/apt', '/var/lib/apt/lists', '/var/log'];
/** Contents that differ between any two builds: bytecode (source mtimes), caches with timestamps. */
const VOLATILE = (path: string) => path.endsWith('.pyc') || /^\/var\/cache\/(debconf|fontconfig|ldconfig)\//.test(path);

describeWithEngine('the examples build after the rewrite', [pythonImage], () => {
  const index = new LocalIndex();
  const tags: string[] = [];
  let work: string;

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-examples-'));
    // Stand-in wheels for every pinned requirement, served by the local index.
    for (const dir of BUILDABLE) {
      for (const line of readFileSync(join(examples, dir, 'requirements.txt'), 'utf8').split('\n')) {
        const pin = /^([A-Za-z0-9_.-]+)==([\w.]+)$/.exec(line.trim());
        if (pin) index.addWheel(pin[1]!, pin[2]!);
      }
    }
    await index.start();
    const base = [
      `FROM ${pythonImage}`,
      `ENV PIP_INDEX_URL=${index.url} PIP_TRUSTED_HOST=127.0.0.1 PIP_BREAK_SYSTEM_PACKAGES=1 PIP_DISABLE_PIP_VERSION_CHECK=1`,
      'RUN ln -sf /usr/bin/python3 /usr/local/bin/python',
      '',
    ].join('\n');
    for (const tag of PYTHON_TAGS) {
      const result = await build(work, base, tag);
      if (result.exitCode !== 0) throw new Error(`could not make ${tag}:\n${result.output.slice(-2000)}`);
    }
  });
  afterAll(async () => {
    await index.stop();
    if (work) rmSync(work, { recursive: true, force: true });
    removeImages(...tags, ...PYTHON_TAGS);
  });

  test.each(BUILDABLE)('%s builds before and after, to the same image', async (dir) => {
    const context = join(work, dir.replace('/', '-'));
    cpSync(join(examples, dir), context, { recursive: true });
    const original = readFileSync(join(context, 'Dockerfile'), 'utf8');
    const rewritten = codemod(original);
    const tag = `e2e-example:${dir.replace('/', '-')}`;
    tags.push(`${tag}-original`, `${tag}-rewritten`);
    for (const [variant, dockerfile] of [['original', original], ['rewritten', rewritten]] as const) {
      const result = await build(context, dockerfile, `${tag}-${variant}`);
      if (result.exitCode !== 0) throw new Error(`${variant} ${dir} failed (${result.failure}):\n${result.output.slice(-3000)}`);
    }
    const diff = diffListings(await exportListing(`${tag}-original`), await exportListing(`${tag}-rewritten`), { ignorePrefixes: CACHES, ignoreContent: VOLATILE });
    // Nothing differs outside the caches: apt's docker-clean hook stays (the setup lasts one RUN).
    expect(diff).toEqual({ onlyInA: [], onlyInB: [], changed: [] });
  });

  test('the list of buildable examples is complete', () => {
    const services = readdirSync(join(examples, 'services')).map((name) => `services/${name}`);
    expect(services.filter((dir) => !BUILDABLE.includes(dir)).sort()).toEqual(['services/ml', 'services/static']);
  });
});
