import { syntax } from '../../transforms/syntax/index.js';
import { run } from '../support/invariants.js';

const transform = (input: string, mode = 'auto') => run(input, { syntax: { syntax: mode } }, [syntax]);
const MOUNT = 'RUN --mount=type=cache,target=/x pip install y\n';

test('auto: only when the file uses syntax that needs it', () => {
  expect(transform('FROM a\nRUN echo hi\n').output).toBe('FROM a\nRUN echo hi\n');
  expect(transform(`FROM a\n${MOUNT}`).output).toBe(`# syntax=docker/dockerfile:1\nFROM a\n${MOUNT}`);
  for (const modern of ['COPY --link a /b', 'COPY --chmod=755 a /b', 'ADD --checksum=sha256:0 http://x /y', 'RUN --network=none true', 'RUN <<EOF\ntrue\nEOF', 'COPY <<EOF /etc/motd\nhi\nEOF']) {
    expect(transform(`FROM a\n${modern}\n`).changes).toHaveLength(1);
  }
  expect(transform(`FROM a\n${MOUNT}`).changes[0]?.message).toBe('directive # syntax=docker/dockerfile:1 (for RUN --mount)');
});

test('always and never', () => {
  expect(transform('FROM a\n', 'always').output).toBe('# syntax=docker/dockerfile:1\nFROM a\n');
  expect(transform(`FROM a\n${MOUNT}`, 'never').changes).toEqual([]);
});

test('placement: after a BOM and a shebang, above escape and check directives, with the line ending of the file', () => {
  expect(transform(`\uFEFFFROM a\n${MOUNT}`).output).toBe(`\uFEFF# syntax=docker/dockerfile:1\nFROM a\n${MOUNT}`);
  expect(transform(`#!/usr/bin/env docker-build\nFROM a\n${MOUNT}`).output).toBe(`#!/usr/bin/env docker-build\n# syntax=docker/dockerfile:1\nFROM a\n${MOUNT}`);
  expect(transform(`# escape=\`\n# check=error=true\nFROM a\n${MOUNT}`).output).toBe(`# syntax=docker/dockerfile:1\n# escape=\`\n# check=error=true\nFROM a\n${MOUNT}`);
  expect(transform(`FROM a\r\n${MOUNT.replace('\n', '\r\n')}`).output).toBe(`# syntax=docker/dockerfile:1\r\nFROM a\r\n${MOUNT.replace('\n', '\r\n')}`);
});

test('an existing syntax line is never duplicated; old docker/dockerfile versions are bumped', () => {
  for (const kept of ['docker/dockerfile:1', 'docker/dockerfile:1.4', 'docker/dockerfile:1.7-labs', 'docker/dockerfile:experimental', 'docker/dockerfile', 'docker.io/docker/dockerfile:1.2']) {
    const input = `# syntax=${kept}\nFROM a\n${MOUNT}`;
    expect(transform(input, 'always').output).toBe(input);
  }
  expect(transform(`# SYNTAX = docker/dockerfile:1.0\nFROM a\n${MOUNT}`).output).toBe(`# SYNTAX = docker/dockerfile:1\nFROM a\n${MOUNT}`);
  expect(transform(`# syntax=docker/dockerfile:1.1.7-experimental\nFROM a\n${MOUNT}`).changes[0]?.message).toBe(
    'docker/dockerfile:1 instead of docker/dockerfile:1.1.7-experimental (RUN --mount needs 1.2 or later)',
  );
});

test('custom frontends and digest pins are left alone and reported', () => {
  const custom = transform(`# syntax=example.com/frontend:3 --flag\nFROM a\n${MOUNT}`);
  expect(custom.changes).toEqual([]);
  expect(custom.skipped[0]?.message).toContain('keeps the custom frontend example.com/frontend:3');
  const pinned = transform(`# syntax=docker/dockerfile:1.0@sha256:${'a'.repeat(64)}\nFROM a\n${MOUNT}`);
  expect(pinned.changes).toEqual([]);
  expect(pinned.skipped[0]?.message).toContain('pinned by digest');
});
