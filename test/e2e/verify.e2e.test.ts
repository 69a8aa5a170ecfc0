/**
 * --verify against the private engine's BuildKit (0.8, Docker 20.10): a good rewrite is written,
 * a broken mount is rejected with BuildKit's message and never written, and what a check costs.
 * The unit tests (test/verify.test.ts) cover the same paths against a fake engine.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BuildKit } from '../../src/index.js';
import { runCli } from '../support/cli.js';
import { engine } from './helpers/docker.js';
import { describeWithEngine } from './helpers/suite.js';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));

/** A custom transform with a bug: the cache mount it adds has a key BuildKit does not know. */
const BROKEN_TRANSFORM = `
export default {
  id: 'broken-mount',
  description: 'Adds a cache mount with an unknown option',
  defaultOn: false,
  options: [],
  apply(document) {
    const at = document.text.indexOf('RUN pip');
    if (at < 0) return { changes: [], skips: [] };
    const start = at + 'RUN '.length;
    return { changes: [{ line: document.lineAt(start) + 1, message: 'broken mount', edits: [{ start, end: start, newText: '--mount=type=cache,target=/root/.cache/pip,bogus=1 ' }] }], skips: [] };
  },
};
`;

const PIP = 'FROM e2e/python:bookworm\nRUN pip install --break-system-packages flask\n';

describeWithEngine('--verify asks the engine\'s BuildKit', [], () => {
  let work: string;
  const cli = (args: string[]) => runCli(args, { cwd: work, env: { DOCKER_HOST: engine().host } });
  const read = (path: string) => readFileSync(join(work, path), 'utf8');

  beforeEach(() => {
    work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-verify-'));
  });
  afterEach(() => rmSync(work, { recursive: true, force: true }));

  test('this engine checks mount options with every instruction (BuildKit 0.8)', async () => {
    const buildkit = await BuildKit.connect({ env: { DOCKER_HOST: engine().host } });
    expect(buildkit.checksMountOptions).toBe(true);
    expect(await buildkit.check('# syntax=docker/dockerfile:1\nFROM scratch\nRUN --mount=type=cache,target=/x,sharing=locked true\n')).toEqual({ accepted: true });
    expect(await buildkit.check('# syntax=docker/dockerfile:1\nFROM scratch\nRUN --mount=type=cache,target=/x,sharing=sometimes true\n')).toEqual({
      accepted: false,
      message: 'dockerfile parse error line 3: unsupported sharing value "sometimes"',
      syntax: 'docker/dockerfile:1',
    });
  });

  test('a good rewrite is written as without --verify', () => {
    mkdirSync(join(work, 'api'));
    writeFileSync(join(work, 'api/Dockerfile'), PIP);
    const expected = cli(['--format', 'patch']).stdout;
    const result = cli(['--write', '--verify']);
    expect(result.stderr).toMatch(/^1 changed \(written\), 0 unchanged$/m);
    expect(result.code).toBe(0);
    expect(read('api/Dockerfile')).toContain('RUN --mount=type=cache,target=/root/.cache/pip');
    expect(expected).toContain('+RUN --mount=type=cache,target=/root/.cache/pip');
  });

  test('a broken mount is rejected with BuildKit\'s message and not written; the good file still is', () => {
    mkdirSync(join(work, 'api'));
    mkdirSync(join(work, 'worker'));
    writeFileSync(join(work, 'api/Dockerfile'), PIP);
    writeFileSync(join(work, 'worker/Dockerfile'), 'FROM e2e/debian:bookworm\nRUN echo no pip here\n');
    writeFileSync(join(work, 'broken-mount.mjs'), BROKEN_TRANSFORM);
    const result = cli(['--write', '--verify', '-t', 'syntax', '-t', './broken-mount.mjs', '-t', 'syntax']);
    expect(result.stderr).toContain(
      "api/Dockerfile: error: BuildKit rejects the rewritten file: dockerfile parse error line 3: unexpected key 'bogus' in 'bogus=1' (line 3 of the rewritten file: RUN --mount=type=cache,target=/root/.cache/pip,bogus=1 pip install --break-system-packages flask)",
    );
    expect(result.stderr).toMatch(/^0 changed \(written\), 1 unchanged, 1 error$/m);
    expect(result.code).toBe(2);
    expect(read('api/Dockerfile')).toBe(PIP);
  });

  test('over the changed fixtures: every file BuildKit rejects it rejected before the rewrite too; the cost per changed file', () => {
    for (const name of readdirSync(fixtures)) {
      mkdirSync(join(work, name));
      cpSync(join(fixtures, name, 'input.Dockerfile'), join(work, name, 'Dockerfile'));
    }
    const plain = cli(['--format', 'json']);
    const verified = cli(['--format', 'json', '--verify']);
    type Report = { files: { path: string; status: string; diff: string | null; error: string | null }[] };
    const before = new Map((JSON.parse(plain.stdout) as Report).files.map((file) => [file.path, file]));
    const after = (JSON.parse(verified.stdout) as Report).files;
    const changed = after.filter((file) => before.get(file.path)!.status === 'changed');
    const rejected = changed.filter((file) => file.status === 'error');
    expect(rejected.filter((file) => !file.error!.startsWith('BuildKit rejects this file before the rewrite too'))).toEqual([]);
    for (const file of changed.filter((entry) => entry.status === 'changed')) expect(file.diff).toBe(before.get(file.path)!.diff);
    const perFile = (verified.wallMs - plain.wallMs) / changed.length;
    process.stdout.write(`\n[e2e verify] ${changed.length} changed fixtures checked in ${Math.round(verified.wallMs)} ms (${Math.round(plain.wallMs)} ms without --verify): ${perFile.toFixed(0)} ms per changed file; rejected before and after the rewrite: ${rejected.length}\n`);
    expect(changed.length - rejected.length).toBeGreaterThan(40);
  });
});
