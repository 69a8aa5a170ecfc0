import fc from 'fast-check';
import { DockerfileParser, Run } from 'dockerfile-ast';
import { parseMountValue } from '../src/dockerfile/mount.js';
import { DockerfileDocument } from '../src/dockerfile/document.js';
import { applyEdits } from '../src/engine/edits.js';
import { DEFAULT_TRANSFORMS, instructionSignature, onlyIntendedChanges, run } from './support/invariants.js';

/**
 * Property-based tests over Dockerfiles generated from a small grammar: stages, users and groups,
 * ENV and ARG forms, RUN chains of every supported package manager, continuations with comments,
 * blank lines and trailing blanks, heredocs (quoted, tab-stripping, two on a line), exec form,
 * lower-case keywords, the backtick escape, LF/CRLF/mixed line endings, BOM. A failing seed is
 * printed by fast-check; keep it as a fixture when one turns up.
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
const CONNECTORS = [
  ' && ',
  '; ',
  ' || ',
  ' && \\\n    ',
  ' \\\n    && ',
  ' \\\n    # a comment\n    && ',
  // Blanks after the escape, a blank line and a comment with a backslash inside the continuation.
  ' && \\  \n    ',
  ' \\\n\n    && ',
  ' \\\n# a \\ comment at column 0\n    && ',
];

/** What may come between RUN and its command: flags (a quoted comma included), a continuation with a comment. */
const FLAGS = [
  '',
  '--mount=type=secret,id=token ',
  '--mount=type=secret,id=a,"target=/run/secrets/a,b" ',
  '--network=host ',
  '--mount=type=cache,target=/root/.cache/pip ',
  '\\\n# a comment with a \\ backslash\n    ',
];

/** Heredoc forms: the script itself, a shell fed by it, data, quoted and tab-stripping delimiters, two on one line. */
const heredoc = fc
  .tuple(fc.array(fc.constantFrom(...COMMANDS), { minLength: 1, maxLength: 3 }), fc.constantFrom('<<EOF', "<<'EOF'", '<<"EOF"', '<<-EOF', 'bash <<EOF', 'python3 <<EOF'))
  .map(([commands, opener]) => {
    const tab = opener.includes('-') ? '\t' : '';
    const body = commands.map((command) => `${tab}${command}`).join('\n');
    return `RUN ${opener}\n${tab}set -e\n${body}\n${tab}EOF`;
  });
const twoHeredocs = fc
  .constantFrom(...COMMANDS)
  .map((command) => `RUN cat <<A > /a.txt && cat <<"B" > /b.txt && ${command}\nflask\nA\npip install is data here\nB`);

const runLine = fc.oneof(
  fc
    .tuple(fc.array(fc.tuple(fc.constantFrom(...CONNECTORS), fc.constantFrom(...COMMANDS)), { minLength: 0, maxLength: 4 }), fc.constantFrom(...COMMANDS), fc.constantFrom(...FLAGS))
    .map(([rest, first, flags]) => `RUN ${flags}${first}${rest.map(([connector, command]) => connector + command).join('')}`),
  fc.constantFrom(...COMMANDS).map((command) => `RUN ${JSON.stringify(command.split(' '))}`),
  fc.constantFrom(...COMMANDS).map((command) => `RUN [ ${command.split(' ').map((word) => JSON.stringify(word)).join(' ,')} ]`),
  heredoc,
  twoHeredocs,
);
const otherLine = fc.constantFrom(
  'ENV HOME=/app',
  'ENV HOME /home/app',
  'ENV PIP_CACHE_DIR=/var/cache/pip',
  'ENV PIP_NO_CACHE_DIR=1',
  'ENV PIP_NO_CACHE_DIR=false',
  'ENV XDG_CACHE_HOME=/cache NPM_CONFIG_CACHE=/npm-cache',
  'ENV GOPATH=/go GOMODCACHE=$GOPATH/pkg/mod',
  'ENV UV_CACHE_DIR=${HOME}/.uv',
  'ARG VERSION=1',
  'ARG APP_USER=app',
  'USER root',
  'USER app',
  'USER app:app',
  'USER node',
  'USER nobody',
  'USER 1000',
  'USER 1000:1000',
  'USER $APP_USER',
  'RUN useradd -u 1234 -m app',
  'RUN groupadd -g 2000 app && useradd -u 2000 -g app -d /home/app -m app',
  'WORKDIR /app',
  'COPY . .',
  'COPY --chown=app:app requirements.txt .',
  '# dockerfile-codemod ignore',
  '# dockerfile-codemod ignore=no-cache-flags',
  '',
);
const stage = fc
  .tuple(fc.constantFrom(...IMAGES), fc.array(fc.oneof(runLine, otherLine), { minLength: 1, maxLength: 6 }))
  .map(([image, lines]) => [`FROM ${image}`, ...lines].join('\n'));

/** Keywords as written: upper case mostly, sometimes lower or mixed, which Docker accepts. */
function recase(text: string, style: 'upper' | 'lower' | 'mixed'): string {
  if (style === 'upper') return text;
  return text.replace(/^(FROM|RUN|ENV|ARG|USER|WORKDIR|COPY)\b/gm, (keyword) => (style === 'lower' ? keyword.toLowerCase() : keyword[0] + keyword.slice(1).toLowerCase()));
}

/** Line endings: all LF, all CRLF, or each line its own (`mixed`, from a per-line choice). */
function withLineEndings(text: string, style: 'lf' | 'crlf' | 'mixed', choices: readonly boolean[]): string {
  if (style === 'lf') return text;
  if (style === 'crlf') return text.replace(/\n/g, '\r\n');
  let line = 0;
  return text.replace(/\n/g, () => (choices[line++ % choices.length] ? '\r\n' : '\n'));
}

const dockerfile = fc
  .record({
    stages: fc.array(stage, { minLength: 1, maxLength: 3 }),
    endings: fc.constantFrom('lf', 'crlf', 'mixed'),
    choices: fc.array(fc.boolean(), { minLength: 1, maxLength: 8 }),
    keywords: fc.constantFrom('upper', 'lower', 'mixed'),
    backtick: fc.boolean(),
    bom: fc.boolean(),
    finalNewline: fc.boolean(),
  })
  .map(({ stages, endings, choices, keywords, backtick, bom, finalNewline }) => {
    let text = recase(stages.join('\n\n'), keywords) + (finalNewline ? '\n' : '');
    // With `# escape=`, backtick continuations; the backslash is then an ordinary character.
    if (backtick) text = `# escape=\`\n${text.replace(/\\( *\n)/g, '`$1')}`;
    return (bom ? '\uFEFF' : '') + withLineEndings(text, endings, choices);
  });

/** The line endings of a text, in order. */
function lineEndings(text: string): string[] {
  return text.match(/\r?\n/g) ?? [];
}

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

test('line endings, BOM and a missing final newline survive; new lines take the ending of the line they join', () => {
  fc.assert(
    fc.property(dockerfile, (input) => {
      const output = run(input).output!;
      expect(output.startsWith('\uFEFF')).toBe(input.startsWith('\uFEFF'));
      expect(output.endsWith('\n')).toBe(input.endsWith('\n'));
      expect(/\r(?!\n)/.test(output)).toBe(false);
      // Each transform's inserted line breaks (the syntax directive, flags and setup commands on
      // lines of their own) end as the line they go into does.
      let document = new DockerfileDocument('Dockerfile', input);
      for (const transform of DEFAULT_TRANSFORMS) {
        const options = Object.fromEntries(transform.options.map((option) => [option.name, option.default]));
        const edits = transform.apply(document, { options, isIgnored: () => false, isSelected: () => true, appliesAt: () => true }).changes.flatMap((change) => change.edits);
        for (const edit of edits) for (const ending of lineEndings(edit.newText)) expect(ending).toBe(document.eolAt(edit.start));
        document = document.withText(applyEdits(document.text, edits));
      }
    }),
    parameters,
  );
});
