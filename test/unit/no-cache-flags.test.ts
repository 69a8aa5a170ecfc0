import { noCacheFlags } from '../../transforms/no-cache-flags/index.js';
import { run } from '../support/invariants.js';

const transform = (input: string) => run(input, {}, [noCacheFlags]);
const PIP = 'RUN --mount=type=cache,target=/root/.cache/pip';
const APT = 'RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt/lists';

test('removes cache-defeating flags of the package manager whose cache is mounted', () => {
  expect(transform(`FROM python:3\n${PIP} pip install --no-cache-dir -r r.txt\n`).output).toBe(`FROM python:3\n${PIP} pip install -r r.txt\n`);
  expect(transform(`FROM python:3\n${PIP} pip install \\\n    --no-cache-dir \\\n    flask\n`).output).toBe(`FROM python:3\n${PIP} pip install \\\n    flask\n`);
  // Not without the mount, not on other programs.
  expect(transform('FROM python:3\nRUN pip install --no-cache-dir x\n').changes).toEqual([]);
  expect(transform(`FROM python:3\n${PIP} pip install x && tool --no-cache-dir\n`).changes).toEqual([]);
});

test('removes commands in first, middle and last position of a chain, with their connector and continuation', () => {
  expect(transform(`FROM d\n${APT} apt-get clean && apt-get update && apt-get install -y a\n`).output).toBe(`FROM d\n${APT} apt-get update && apt-get install -y a\n`);
  expect(transform(`FROM d\n${APT} apt-get update \\\n    && apt-get clean \\\n    && apt-get install -y a\n`).output).toBe(`FROM d\n${APT} apt-get update \\\n    && apt-get install -y a\n`);
  expect(transform(`FROM d\n${APT} apt-get update \\\n    && apt-get install -y a \\\n    && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*\n`).output).toBe(
    `FROM d\n${APT} apt-get update \\\n    && apt-get install -y a\n`,
  );
});

test('keeps and reports what it cannot remove safely', () => {
  const result = transform(`FROM d\n${APT} apt-get update && apt-get install -y a || apt-get clean\n`);
  expect(result.changes).toEqual([]);
  expect(result.skipped[0]?.message).toContain('keeps `apt-get clean`');
  const inString = transform(`FROM d\n${APT} sh -c "apt-get update && apt-get install -y a && apt-get clean"\n`);
  expect(inString.changes).toEqual([]);
  expect(inString.skipped[0]?.message).toContain('inside sh -c');
});

test('rm of cache paths only; anything else stays', () => {
  expect(transform(`FROM python:3\n${PIP} pip install x && rm -rf ~/.cache/pip\n`).output).toBe(`FROM python:3\n${PIP} pip install x\n`);
  // Of an rm that also deletes other paths, only the operands on a mount go.
  expect(transform(`FROM python:3\n${PIP} pip install x && rm -rf /root/.cache/pip /tmp/x\n`).output).toBe(`FROM python:3\n${PIP} pip install x && rm -rf /tmp/x\n`);
  const lists = transform(`FROM d\n${APT} apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/* /var/cache/*.bin\n`);
  expect(lists.output).toBe(`FROM d\n${APT} apt-get update && apt-get install -y a && rm -rf /var/cache/*.bin\n`);
  expect(lists.changes[0]?.message).toBe('rm: without `/var/lib/apt/lists/*` in `rm -rf /var/lib/apt/lists/* /var/cache/*.bin`');
  expect(lists.changes[0]?.detail).toContain('only deletes files on the cache mount /var/lib/apt/lists');
  const inString = transform(`FROM d\n${APT} apt-get update && sh -c "rm -rf /var/lib/apt/lists/* /tmp/x"\n`);
  expect(inString.changes).toEqual([]);
  expect(inString.skipped[0]?.message).toContain('keeps `/var/lib/apt/lists/*` in `rm -rf /var/lib/apt/lists/* /tmp/x`');
});

test('says when hadolint will flag the result', () => {
  const result = transform('FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y a && dnf clean all\n');
  expect(result.changes[0]?.detail).toContain('hadolint DL3040 (dnf) / DL3032 (yum) will flag this');
});
