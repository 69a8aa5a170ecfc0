import fc from 'fast-check';
import { DockerfileParser, Run } from 'dockerfile-ast';
import { parseMountValue } from '../src/dockerfile/mount.js';
import { instructionSignature, onlyIntendedChanges, run } from './support/invariants.js';

/**
 * Property-based tests over Dockerfiles generated from a small grammar: stages, users, env,
 * RUN chains of every supported package manager, continuations, comments, heredocs, exec form,
 * CRLF, BOM. A failing seed is printed by fast-check; keep it as a fixture when one turns up.
 */
const IMAGES = ['python:3.12', 'node:20', 'debian:bookworm', 'golang:1.23', 'alpine:3.20', 'rust:1.81', 'maven:3.9', 'mcr.microsoft.com/windows/servercore:ltsc2022'];
const COMMANDS = [
  'pip install -r requirements.txt',
  'pip3 install --no-cache-dir flask',
  'python3 -m pip install --upgrade pip',
  'pipenv install --system',
  'poetry install --no-root',
  'uv pip install --system ruff',
  'apt-get update',
  'apt-get install -y curl',
  'apt-get clean',
  'rm -rf /var/lib/apt/lists/*',
  'apk add --no-cache git',
  'dnf install -y gcc',
  'npm ci',
  'npm cache clean --force',
  'yarn install',
  'pnpm install',
  'go mod download',
  'cargo build --release',
  'mvn -B package',
  './gradlew build',
  'bundle install',
  'composer install',
  'conda install -y numpy',
  'dotnet restore',
  'echo "pip install x"',
  'gosu app pip install y',
  'sh -c "pip install z"',
  'cd /src',
  'true',
];
const CONNECTORS = [' && ', '; ', ' || ', ' && \\\n    ', ' \\\n    && ', ' \\\n    # a comment\n    && '];

const runLine = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...CONNECTORS), fc.constantFrom(...COMMANDS)), { minLength: 0, maxLength: 4 }), fc.constantFrom(...COMMANDS), fc.boolean())
    .map(([rest, first, secret]) => `RUN ${secret ? '--mount=type=secret,id=token ' : ''}${first}${rest.map(([connector, command]) => connector + command).join('')}`),
  fc.constantFrom(...COMMANDS).map((command) => `RUN ${JSON.stringify(command.split(' '))}`),
  fc.array(fc.constantFrom(...COMMANDS), { minLength: 1, maxLength: 3 }).map((commands) => `RUN <<EOF\nset -e\n${commands.join('\n')}\nEOF`),
);
const otherLine = fc.constantFrom(
  'ENV HOME=/app',
  'ENV PIP_CACHE_DIR=/var/cache/pip',
  'ENV PIP_NO_CACHE_DIR=1',
  'ARG VERSION=1',
  'USER root',
  'USER app',
  'USER node',
  'USER 1000',
  'RUN useradd -u 1234 -m app',
  'WORKDIR /app',
  'COPY . .',
  '# dockerfile-codemod ignore',
  '',
);
const stage = fc
  .tuple(fc.constantFrom(...IMAGES), fc.array(fc.oneof(runLine, otherLine), { minLength: 1, maxLength: 6 }))
  .map(([image, lines]) => [`FROM ${image}`, ...lines].join('\n'));
const dockerfile = fc
  .tuple(fc.array(stage, { minLength: 1, maxLength: 3 }), fc.boolean(), fc.boolean(), fc.boolean())
  .map(([stages, crlf, bom, finalNewline]) => {
    const text = stages.join('\n\n') + (finalNewline ? '\n' : '');
    return (bom ? '\uFEFF' : '') + (crlf ? text.replace(/\n/g, '\r\n') : text);
  });

const KNOWN_KEYS = new Set(['type', 'target', 'sharing', 'uid', 'gid', 'mode', 'id']);
const parameters = { numRuns: 300, seed: 20261123 };

test('never throws, never reports an error, and is idempotent', () => {
  fc.assert(
    fc.property(dockerfile, (input) => {
      const first = run(input);
      expect(first.status).not.toBe('error');
      const second = run(first.output!);
      expect(second.output).toBe(first.output);
      expect(second.changes).toEqual([]);
    }),
    parameters,
  );
});

test('changes only what it means to: same instructions, RUN words only inserted setup or removed cache defeaters', () => {
  fc.assert(
    fc.property(dockerfile, (input) => {
      const output = run(input).output!;
      const before = instructionSignature(input);
      const after = instructionSignature(output);
      expect(after.map((row) => row.split(' ')[0])).toEqual(before.map((row) => row.split(' ')[0]));
      before.forEach((row, i) => {
        if (!row.startsWith('RUN ')) expect(after[i]).toBe(row);
      });
      expect(onlyIntendedChanges(input, output)).toBe(true);
    }),
    parameters,
  );
});

test('every added mount is valid CSV with known keys and an absolute target, once per RUN', () => {
  fc.assert(
    fc.property(dockerfile, (input) => {
      const output = run(input).output!.replace(/^\uFEFF/, '');
      for (const instruction of DockerfileParser.parse(output).getInstructions()) {
        if (!(instruction instanceof Run)) continue;
        const targets = instruction
          .getFlags()
          .filter((flag) => flag.getName() === 'mount')
          .map((flag) => {
            const value = flag.getValue()!;
            expect(value).not.toMatch(/\s/);
            const options = parseMountValue(value);
            if (options.get('type') === 'cache') {
              for (const key of options.keys()) expect(KNOWN_KEYS).toContain(key);
              expect(String(options.get('target'))).toMatch(/^\//);
            }
            return options.get('target');
          })
          .filter((target) => target !== undefined);
        expect(new Set(targets).size).toBe(targets.length);
      }
    }),
    parameters,
  );
});

test('line endings, BOM and a missing final newline survive', () => {
  fc.assert(
    fc.property(dockerfile, (input) => {
      const output = run(input).output!;
      expect(output.startsWith('\uFEFF')).toBe(input.startsWith('\uFEFF'));
      expect(output.endsWith('\n')).toBe(input.endsWith('\n'));
      if (input.includes('\r\n')) expect(output.replace(/\r\n/g, '')).not.toContain('\n');
      else expect(output).not.toContain('\r');
    }),
    parameters,
  );
});
