/**
 * --verify against a fake Docker engine (test/support/fake-engine.ts): what the user sees when
 * BuildKit accepts, rejects, hangs, or is not there. The real engine: test/e2e/verify.e2e.test.ts.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { BuildKit, transformAndVerify } from '../src/index.js';
import { engineAddress, singleFileTar, withoutSyntaxDirective } from '../src/io/buildkit.js';
import { runCliAsync, scratchTree } from './support/cli.js';
import { startFakeEngine, type FakeAnswer, type FakeEngine } from './support/fake-engine.js';

const PIP = 'FROM python:3.12\nRUN pip install flask\n';
const APT = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\n';
const UNCHANGED = 'FROM scratch\nCOPY app /app\n';
const FILES = { 'api/Dockerfile': PIP, 'worker/Dockerfile': APT, 'static/Dockerfile': UNCHANGED };

let tree: ReturnType<typeof scratchTree>;
let engine: FakeEngine | undefined;

beforeEach(() => {
  tree = scratchTree(FILES, 'dockerfile-codemod-verify-');
});
afterEach(async () => {
  await engine?.close();
  engine = undefined;
  tree.remove();
});

async function fake(answer?: (dockerfile: string) => FakeAnswer, options?: { tcp: boolean }): Promise<FakeEngine> {
  engine = await startFakeEngine(answer, options);
  return engine;
}

function cli(args: string[], host: string, input?: string) {
  return runCliAsync(args, { cwd: tree.dir, env: { DOCKER_HOST: host }, ...(input !== undefined ? { input } : {}) });
}

const read = (path: string) => readFileSync(join(tree.dir, path), 'utf8');

/** Rejects apt's mount the way BuildKit rejects a bad mount option. */
const rejectApt = (dockerfile: string): FakeAnswer =>
  /dockerfile-codemod-probe/.test(dockerfile) || /target=\/var\/lib\/apt/.test(dockerfile) ? { kind: 'reject', message: "dockerfile parse error line 2: unexpected key 'bogus' in 'bogus=1'" } : { kind: 'accept' };

test('accepted files are written as without --verify; each changed file is sent once, without its # syntax line, to a target no stage has', async () => {
  const { host, dockerfiles, targets } = await fake();
  const result = await cli(['--write', '--verify'], host);
  expect(result.stderr).toMatch(/^2 changed \(written\), 1 unchanged$/m);
  expect(result.code).toBe(0);
  expect(read('api/Dockerfile')).toContain('# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip');
  // The probe, then the two changed files; the unchanged one is not checked.
  expect(dockerfiles).toHaveLength(3);
  expect(dockerfiles.slice(1).sort()).toEqual([read('api/Dockerfile'), read('worker/Dockerfile')].map((text) => text.replace('# syntax=docker/dockerfile:1\n', '')).sort());
  expect(new Set(targets).size).toBe(1);
  expect(targets[0]).toMatch(/^dockerfile-codemod-verify-[0-9a-f]{12}$/);
});

test('a file BuildKit rejects is an error with its message, never written nor printed; the others go on; exit 2', async () => {
  const { host } = await fake(rejectApt);
  const dry = await cli(['--verify'], host);
  expect(dry.code).toBe(2);
  expect(dry.stdout).toContain('+++ b/api/Dockerfile');
  expect(dry.stdout).not.toContain('worker/Dockerfile');
  // Line 3 of the rewritten file (the # syntax line BuildKit did not see counted back in), quoted: the user never sees that file.
  expect(dry.stderr).toContain(
    "worker/Dockerfile: error: BuildKit rejects the rewritten file: dockerfile parse error line 3: unexpected key 'bogus' in 'bogus=1' (line 3 of the rewritten file: RUN --mount=type=cache,id=apt-cache-bookworm,target=/var/cache/apt,sharing=locked,mode=0755 \\) (checked with the engine's built-in Dockerfile frontend, not docker/dockerfile:1 that # syntax names)\n",
  );
  expect(dry.stderr).toMatch(/^1 changed, 1 unchanged, 1 error/m);

  const write = await cli(['--write', '--verify', '--format', 'json'], host);
  expect(write.code).toBe(2);
  expect(read('worker/Dockerfile')).toBe(APT);
  expect(read('api/Dockerfile')).not.toBe(PIP);
  const worker = (JSON.parse(write.stdout) as { files: { path: string; status: string; diff: string | null; error: string }[] }).files.find((file) => file.path === 'worker/Dockerfile')!;
  expect(worker).toMatchObject({ status: 'error', diff: null, error: expect.stringContaining("unexpected key 'bogus'") });
});

test('when the original is rejected too, the message says the rewrite is not the cause', async () => {
  const { host } = await fake((dockerfile) => (/apt-get|dockerfile-codemod-probe/.test(dockerfile) ? { kind: 'reject', message: 'dockerfile parse error line 2: unknown instruction: SET' } : { kind: 'accept' }));
  const result = await cli(['--verify', 'worker'], host);
  expect(result.code).toBe(2);
  // The message about the file on disk, with its line numbers.
  expect(result.stderr).toContain("worker/Dockerfile: error: BuildKit rejects this file before the rewrite too: dockerfile parse error line 2: unknown instruction: SET (checked with the engine's built-in Dockerfile frontend, not docker/dockerfile:1 that # syntax names)\n");
});

test('an engine that does not answer within --verify-timeout: an error per changed file, nothing written', async () => {
  const { host } = await fake((dockerfile) => (/dockerfile-codemod-probe/.test(dockerfile) ? { kind: 'reject', message: "unexpected key 'x'" } : { kind: 'hang' }));
  const result = await cli(['--write', '--verify', '--verify-timeout', '0.5'], host);
  expect(result.code).toBe(2);
  expect(result.stderr).toContain(`api/Dockerfile: error: --verify: no answer from the engine at ${host} within 0.5 s`);
  expect(result.stderr).toMatch(/^0 changed \(written\), 1 unchanged, 2 errors$/m);
  expect(read('api/Dockerfile')).toBe(PIP);
  expect(read('worker/Dockerfile')).toBe(APT);
});

test('an engine failure that is not a verdict on the file is retried once, then reported as the engine\'s', async () => {
  let failures = 0;
  const { host } = await fake((dockerfile) => {
    if (/dockerfile-codemod-probe/.test(dockerfile)) return { kind: 'reject', message: "unexpected key 'x'" };
    if (/pip/.test(dockerfile) && failures++ === 0) return { kind: 'engine-error', message: 'failed to read downloaded context: context not found' };
    return /apt/.test(dockerfile) ? { kind: 'engine-error', message: 'no space left on device' } : { kind: 'accept' };
  });
  const result = await cli(['--verify'], host);
  expect(result.stdout).toContain('+++ b/api/Dockerfile');
  expect(result.stderr).toContain(`worker/Dockerfile: error: --verify: the engine at ${host} could not check the file: no space left on device`);
  expect(result.code).toBe(2);
});

test('no engine, or one without BuildKit: one message naming where it looked, exit 2, nothing written', async () => {
  const missing = `unix://${join(tree.dir, 'no-such.sock')}`;
  const result = await cli(['--write', '--verify'], missing);
  expect(result.code).toBe(2);
  expect(result.stderr).toBe(`dockerfile-codemod: --verify: no Docker engine at ${missing} (DOCKER_HOST): connect ENOENT ${missing.slice('unix://'.length)}\n`);
  expect(read('api/Dockerfile')).toBe(PIP);
  const { host } = await fake(() => ({ kind: 'engine-error', message: 'buildkit not supported by daemon' }));
  const noBuildKit = await cli(['--verify'], host);
  expect(noBuildKit.stderr).toBe(`dockerfile-codemod: --verify: the Docker engine at ${host} (DOCKER_HOST) does not check Dockerfiles with BuildKit: the engine at ${host} could not check the file: buildkit not supported by daemon\n`);
  expect(noBuildKit.code).toBe(2);
  const tcp = await cli(['--verify'], 'ssh://user@host');
  expect(tcp.stderr).toBe('dockerfile-codemod: --verify: DOCKER_HOST=ssh://user@host: --verify speaks to unix:// and tcp:// engines only\n');
  expect(tcp.code).toBe(2);
});

test('a frontend that does not check mount options for a missing target is named once on stderr', async () => {
  const { host } = await fake(() => ({ kind: 'accept' }));
  const result = await cli(['--verify'], host);
  expect(result.code).toBe(0);
  expect(result.errorLines.filter((line) => line.includes('checks RUN --mount options only in stages it builds'))).toHaveLength(1);
});

test('the config key verify turns it on; --no-verify off; --stdin-filepath is checked too', async () => {
  const { host, dockerfiles } = await fake(rejectApt);
  const config = join(tree.dir, 'dockerfile-codemod.config.json');
  writeFileSync(config, JSON.stringify({ verify: true, verifyTimeout: 5 }));
  expect((await cli([], host)).code).toBe(2);
  const off = await cli(['--no-verify'], host);
  expect(off.code).toBe(0);
  expect(off.stdout).toContain('+++ b/worker/Dockerfile');
  const checked = dockerfiles.length;
  const stdin = await cli(['--stdin-filepath', 'Dockerfile'], host, APT);
  expect(dockerfiles.length).toBeGreaterThan(checked);
  expect(stdin.code).toBe(2);
  // An editor gets its text back as it was.
  expect(stdin.stdout).toBe(APT);
  expect(stdin.stderr).toContain("Dockerfile: error: BuildKit rejects the rewritten file: dockerfile parse error line 3: unexpected key 'bogus'");
});

test('library: transformAndVerify returns the result BuildKit accepted, throws with its message otherwise', async () => {
  const { host } = await fake(rejectApt);
  const buildkit = await BuildKit.connect({ env: { DOCKER_HOST: host } });
  expect(buildkit.checksMountOptions).toBe(true);
  const accepted = await transformAndVerify(PIP, { buildkit });
  expect(accepted.changed).toBe(true);
  expect(accepted.output).toContain('--mount=type=cache,target=/root/.cache/pip');
  await expect(transformAndVerify(APT, { buildkit, path: 'worker/Dockerfile' })).rejects.toThrow("worker/Dockerfile: BuildKit rejects the rewritten file: dockerfile parse error line 3: unexpected key 'bogus'");
  expect(await buildkit.check('FROM scratch\n')).toEqual({ accepted: true });
  await expect(BuildKit.connect({ env: { DOCKER_HOST: `unix://${join(tree.dir, 'none.sock')}` } })).rejects.toThrow(/^no Docker engine at unix:\/\/.*none\.sock \(DOCKER_HOST\)/);
});

test('the # syntax directive is dropped, the other directives kept in place; the tar is what tar reads', () => {
  expect(withoutSyntaxDirective('# syntax=docker/dockerfile:1\n# escape=`\nFROM scratch\n')).toEqual({ text: '# escape=`\nFROM scratch\n', removedLines: [1], syntax: 'docker/dockerfile:1' });
  expect(withoutSyntaxDirective('\uFEFF#SYNTAX = docker/dockerfile:1.7\r\nFROM scratch\r\n').syntax).toBe('docker/dockerfile:1.7');
  // After an instruction or a comment it is a comment, which BuildKit ignores: nothing to drop.
  expect(withoutSyntaxDirective('FROM scratch\n# syntax=docker/dockerfile:1\n')).toEqual({ text: 'FROM scratch\n# syntax=docker/dockerfile:1\n', removedLines: [] });
  const tar = singleFileTar('Dockerfile', Buffer.from('FROM scratch\n'));
  expect(tar.length % 512).toBe(0);
  const listed = spawnSync('tar', ['-xO', '-f', '-', 'Dockerfile'], { input: tar, encoding: 'utf8' });
  expect({ status: listed.status, stdout: listed.stdout, stderr: listed.stderr }).toEqual({ status: 0, stdout: 'FROM scratch\n', stderr: '' });
});

test('an engine on tcp:// is checked the same way', async () => {
  const { host, dockerfiles } = await fake(rejectApt, { tcp: true });
  expect(host).toMatch(/^tcp:\/\/127\.0\.0\.1:\d+$/);
  const result = await cli(['--verify'], host);
  expect(result.stderr).toContain("worker/Dockerfile: error: BuildKit rejects the rewritten file: dockerfile parse error line 3: unexpected key 'bogus'");
  expect(result.stdout).toContain('+++ b/api/Dockerfile');
  // The probe, the two rewritten files, and the rejected one's original.
  expect(dockerfiles).toHaveLength(4);
});

test('DOCKER_HOST: unix sockets, plain tcp with the default port, IPv6; TLS is refused with a reason', () => {
  expect(engineAddress({})).toEqual({ url: 'unix:///var/run/docker.sock', source: 'default', socketPath: '/var/run/docker.sock' });
  expect(engineAddress({ DOCKER_HOST: 'unix:///run/user/1000/docker.sock' })).toMatchObject({ socketPath: '/run/user/1000/docker.sock', source: 'DOCKER_HOST' });
  expect(engineAddress({ DOCKER_HOST: 'tcp://build-host' })).toMatchObject({ host: 'build-host', port: 2375 });
  expect(engineAddress({ DOCKER_HOST: 'tcp://[::1]:2376' })).toMatchObject({ host: '::1', port: 2376 });
  expect(() => engineAddress({ DOCKER_HOST: 'tcp://build-host:2376', DOCKER_TLS_VERIFY: '1' })).toThrow('--verify does not speak TLS');
});
