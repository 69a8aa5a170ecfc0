import { cacheMounts } from '../../transforms/cache-mounts/index.js';
import { run } from '../support/invariants.js';

const transform = (input: string, options: Record<string, string> = {}) => run(input, { 'cache-mounts': options }, [cacheMounts]);
const mounts = (input: string, options: Record<string, string> = {}) =>
  [...transform(input, options).output!.matchAll(/--mount=type=cache,([^\s]+)/g)].map((match) => match[1]);

test('every pip spelling that fills the cache, and none that does not', () => {
  for (const command of ['pip install x', 'pip3 install x', 'pip3.11 install x', '/usr/local/bin/pip install x', 'python -m pip install x', 'python3.12 -m pip download x', 'python3 -mpip wheel x']) {
    expect(mounts(`FROM python:3\nRUN ${command}\n`)).toEqual(['target=/root/.cache/pip,mode=0755']);
  }
  for (const command of ['pip list', 'pip freeze > r.txt', 'pip uninstall -y x', 'pip --version', 'pipx install x', 'python -m venv /v']) {
    expect(mounts(`FROM python:3\nRUN ${command}\n`)).toEqual([]);
  }
});

test('one mount per target per RUN, after existing flags, in canonical order', () => {
  const output = transform('FROM python:3\nRUN --network=host pip install a && pip3 install b; python -m pip install c\n').output;
  expect(output).toBe(
    'FROM python:3\nRUN --network=host \\\n    --mount=type=cache,target=/root/.cache/pip,mode=0755 \\\n    pip install a && pip3 install b; python -m pip install c\n',
  );
  expect(transform('FROM python:3\nRUN --network=host pip install a\n').output).toBe(
    'FROM python:3\nRUN --network=host --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install a\n',
  );
});

test('targets follow the environment', () => {
  expect(mounts('FROM python:3\nENV PIP_CACHE_DIR=/c\nRUN pip install x\n')).toEqual(['target=/c,mode=0755']);
  expect(mounts('FROM python:3\nENV XDG_CACHE_HOME=/x\nRUN pip install x\n')).toEqual(['target=/x/pip,mode=0755']);
  expect(mounts('FROM python:3\nENV HOME=/home/me\nRUN pip install x\n')).toEqual(['target=/home/me/.cache/pip,mode=0755']);
  // With a non-root user in the image, BuildKit's root-owned /home/me/.cache would lock that user out.
  expect(mounts('FROM python:3\nENV HOME=/home/me\nRUN pip install x\nUSER me\n')).toEqual([]);
  expect(mounts('FROM python:3\nARG CACHE=/a\nENV PIP_CACHE_DIR=$CACHE/pip\nRUN pip install x\n')).toEqual(['target=/a/pip,mode=0755']);
  expect(mounts('FROM python:3\nRUN pip install --cache-dir=/tmp/pc x\n')).toEqual(['target=/tmp/pc,mode=0755']);
  expect(mounts('FROM golang:1.23\nRUN go build ./...\n')).toEqual(['target=/go/pkg/mod,mode=0755', 'target=/root/.cache/go-build,mode=0755']);
});

test('skips are reported with the package manager and the reason', () => {
  const unknown = transform('FROM python:3\nARG DIR\nENV PIP_CACHE_DIR=$DIR\nRUN pip install x\n');
  expect(unknown.changes).toEqual([]);
  expect(unknown.skipped).toEqual([{ transform: 'cache-mounts', line: 4, topic: 'pip', message: 'pip install: PIP_CACHE_DIR is set to a value that cannot be resolved statically' }]);
  expect(transform('FROM python:3\nENV UV_NO_CACHE=1\nRUN uv sync\n').skipped[0]?.message).toBe('uv sync: UV_NO_CACHE is set, which turns the uv cache off');
  expect(transform('FROM bitnami/python:3.12\nRUN pip install x\n').skipped[0]?.message).toContain('runs as USER 1001');
});

test('USER is inherited through FROM <stage> and reset by a new FROM', () => {
  const input = 'FROM python:3 AS base\nUSER app\nFROM base AS child\nRUN pip install a\nFROM python:3\nRUN pip install b\n';
  const result = transform(input);
  expect(result.skipped.map((skip) => skip.line)).toEqual([4]);
  expect(result.changes.map((change) => change.line)).toEqual([6]);
});

test('existing mounts: same target or a parent is enough; a child target is reported', () => {
  expect(transform('FROM python:3\nRUN --mount=type=cache,target=/root/.cache pip install x\n').changes).toEqual([]);
  expect(transform('FROM python:3\nRUN --mount=type=cache,dst=/root/.cache/pip,sharing=locked pip install x\n').changes).toEqual([]);
  const child = transform('FROM python:3\nRUN --mount=type=cache,target=/root/.cache/pip/http pip install x\n');
  expect(child.changes).toEqual([]);
  expect(child.skipped[0]?.message).toContain('already mounts /root/.cache/pip/http inside /root/.cache/pip');
});

test('options: --pip-cache-target and --mount-mode', () => {
  expect(mounts('FROM python:3\nRUN pip install x && pipenv install\n', { pipCacheTarget: '/root/.cache' })).toEqual(['target=/root/.cache,mode=0755']);
  expect(mounts('FROM python:3\nRUN pip install poetry && poetry install\n', { pipCacheTarget: '/root/.cache' })).toEqual([
    'target=/root/.cache/pip,mode=0755',
    'target=/root/.cache/pypoetry/cache,mode=0755',
    'target=/root/.cache/pypoetry/artifacts,mode=0755',
  ]);
  expect(mounts('FROM python:3\nRUN pip install x\n', { mountMode: 'none' })).toEqual(['target=/root/.cache/pip']);
  expect(mounts('FROM python:3\nRUN pip install x\n', { mountMode: '0700' })).toEqual(['target=/root/.cache/pip,mode=0700']);
  const [target, mode] = cacheMounts.options;
  expect(target?.validate?.('/tmp/pip')).toMatch(/must be/);
  expect(target?.validate?.('/root/.cache')).toBeUndefined();
  expect(mode?.validate?.('777x')).toMatch(/octal/);
});

test('inline ignore: all transforms or the listed ones', () => {
  expect(transform('FROM python:3\n# dockerfile-codemod ignore\nRUN pip install x\n').changes).toEqual([]);
  expect(transform('FROM python:3\n# dockerfile-codemod ignore=cache-mounts,syntax\nRUN pip install x\n').changes).toEqual([]);
  expect(transform('FROM python:3\n# dockerfile-codemod ignore=syntax\nRUN pip install x\n').changes).toHaveLength(1);
});

test('apt gets its keep-downloads setup once, at the start of the RUN, and not when the stage already turned docker-clean off', () => {
  const setup = /trap 'rm -f \/etc\/apt\/apt\.conf\.d\/zz-keep' EXIT/g;
  const output = transform('FROM debian\nRUN apt-get update && apt-get install -y a && apt-get install -y b\n').output!;
  expect(output.match(setup)).toHaveLength(1);
  expect(output).toContain("RUN --mount=type=cache,target=/var/cache/apt");
  const earlier = transform(
    'FROM debian\nRUN rm /etc/apt/apt.conf.d/docker-clean && echo \'Binary::apt::APT::Keep-Downloaded-Packages "true";\' > /etc/apt/apt.conf.d/k\nRUN apt-get update && apt-get install -y a\nFROM debian AS other\nRUN apt-get update && apt-get install -y a\n',
  );
  // The first stage turned docker-clean off for good; the second still has it.
  expect(earlier.output!.match(setup)).toHaveLength(1);
  expect(earlier.output!.indexOf('zz-keep')).toBeGreaterThan(earlier.output!.indexOf('AS other'));
});
