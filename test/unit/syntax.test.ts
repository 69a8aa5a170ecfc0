import { TransformTester } from '../../src/tester.js';
import { syntax } from '../../transforms/syntax/index.js';

const MOUNT = 'RUN --mount=type=cache,target=/x pip install y\n';
const LINE = '# syntax=docker/dockerfile:1\n';
const tester = new TransformTester();

tester.run(syntax, [
  { name: 'auto: not when nothing needs it', input: 'FROM a\nRUN echo hi\n' },
  { name: 'auto: a RUN --mount needs it', input: `FROM a\n${MOUNT}`, output: `${LINE}FROM a\n${MOUNT}`, changes: [{ line: 1, message: 'directive # syntax=docker/dockerfile:1 (for RUN --mount)' }] },
  ...['COPY --link a /b', 'COPY --chmod=755 a /b', 'ADD --checksum=sha256:0 http://x /y', 'RUN --network=none true', 'RUN <<EOF\ntrue\nEOF', 'COPY <<EOF /etc/motd\nhi\nEOF'].map((modern) => ({
    name: `auto: ${modern.split('\n')[0]} needs it`,
    input: `FROM a\n${modern}\n`,
    output: `${LINE}FROM a\n${modern}\n`,
    changes: [/^directive # syntax=docker\/dockerfile:1 \(for /],
  })),
  { name: 'always', input: 'FROM a\n', options: { syntax: 'always' }, output: `${LINE}FROM a\n` },
  { name: 'never', input: `FROM a\n${MOUNT}`, options: { syntax: 'never' }, changes: [] },
  { name: 'after a BOM', input: `\uFEFFFROM a\n${MOUNT}`, output: `\uFEFF${LINE}FROM a\n${MOUNT}` },
  { name: 'after a shebang', input: `#!/usr/bin/env docker-build\nFROM a\n${MOUNT}`, output: `#!/usr/bin/env docker-build\n${LINE}FROM a\n${MOUNT}` },
  { name: 'above escape and check directives', input: `# escape=\`\n# check=error=true\nFROM a\n${MOUNT}`, output: `${LINE}# escape=\`\n# check=error=true\nFROM a\n${MOUNT}` },
  { name: 'with the line ending of the file', input: `FROM a\r\n${MOUNT.replace('\n', '\r\n')}`, output: `${LINE.replace('\n', '\r\n')}FROM a\r\n${MOUNT.replace('\n', '\r\n')}` },
  ...['docker/dockerfile:1', 'docker/dockerfile:1.4', 'docker/dockerfile:1.7-labs', 'docker/dockerfile:experimental', 'docker/dockerfile', 'docker.io/docker/dockerfile:1.2'].map((kept) => ({
    name: `an existing # syntax=${kept} is kept`,
    input: `# syntax=${kept}\nFROM a\n${MOUNT}`,
    options: { syntax: 'always' },
    changes: [],
  })),
  { name: 'an old version is bumped, keeping the spelling', input: `# SYNTAX = docker/dockerfile:1.0\nFROM a\n${MOUNT}`, output: `# SYNTAX = docker/dockerfile:1\nFROM a\n${MOUNT}` },
  {
    name: 'the bump says why',
    input: `# syntax=docker/dockerfile:1.1.7-experimental\nFROM a\n${MOUNT}`,
    output: `${LINE}FROM a\n${MOUNT}`,
    changes: ['docker/dockerfile:1 instead of docker/dockerfile:1.1.7-experimental (RUN --mount needs 1.2 or later)'],
  },
  { name: 'a custom frontend is left alone and reported', input: `# syntax=example.com/frontend:3 --flag\nFROM a\n${MOUNT}`, changes: [], skips: [/keeps the custom frontend example\.com\/frontend:3/] },
  { name: 'a digest pin is left alone and reported', input: `# syntax=docker/dockerfile:1.0@sha256:${'a'.repeat(64)}\nFROM a\n${MOUNT}`, changes: [], skips: [/pinned by digest/] },
]);
