import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Instruction } from 'dockerfile-ast';
import { readFlags } from '../../src/dockerfile/flags.js';
import { DockerfileDocument } from '../../src/dockerfile/document.js';

/** Flags as dockerfile-ast reports them, and as readFlags reads them, for every instruction that has flags. */
function bothReadings(text: string): { ast: unknown[]; text: unknown[] } {
  const document = new DockerfileDocument('Dockerfile', text);
  const ast: unknown[] = [];
  const read: unknown[] = [];
  for (const instruction of document.ast.getInstructions()) {
    if (!('getFlags' in instruction)) continue;
    const flagged = instruction as Instruction & { getFlags(): { getName(): string; getValue(): string | null; getRange(): { start: never; end: never } }[] };
    ast.push(flagged.getFlags().map((flag) => ({ name: flag.getName(), value: flag.getValue(), start: document.offsetAt(flag.getRange().start), end: document.offsetAt(flag.getRange().end) })));
    read.push(readFlags(document.text, document.offsetAt(instruction.getInstructionRange().end), document.offsetAt(instruction.getRange().end), document.escapeCharacter));
  }
  return { ast, text: read };
}

describe('readFlags agrees with dockerfile-ast', () => {
  test.each([
    ['plain', 'FROM x\nRUN --mount=type=cache,target=/a --network=host pip install x\n'],
    ['bare flag and quoted value', 'FROM x\nRUN --mount="type=cache,target=/a" --security=insecure --no-flag-value true\n'],
    ['continuations, comment and empty lines between flags', 'FROM x\nRUN --mount=type=cache,target=/a \\\n  # a comment\n\n  --network=none \\\n  apt-get update\n'],
    ['CRLF', 'FROM x\r\nRUN --mount=type=cache,target=/a \\\r\n    --network=host true\r\n'],
    ['backtick escape', '# escape=`\nFROM x\nRUN --mount=type=cache,target=C:\\a `\n    dir\n'],
    ['COPY, ADD and FROM flags', 'FROM --platform=linux/amd64 x AS y\nCOPY --from=y --chown=1:1 a b\nADD --checksum=sha256:00 a b\n'],
    ['no flags, a dash word later', 'FROM x\nRUN echo --mount=not-a-flag\nRUN ["pip", "--version"]\n'],
    ['heredoc', 'FROM x\nRUN --mount=type=cache,target=/a <<EOF\npip install x\nEOF\n'],
  ])('%s', (_name, text) => {
    const { ast, text: read } = bothReadings(text);
    expect(read).toEqual(ast);
  });

  test('except that a quoted value keeps its spaces, as BuildKit reads it (dockerfile-ast splits it)', () => {
    const text = 'FROM x\nRUN --mount="type=cache,target=/a b" --network=host true\n';
    expect(bothReadings(text).text).toEqual([
      [],
      [
        { name: 'mount', value: '"type=cache,target=/a b"', start: 11, end: 43 },
        { name: 'network', value: 'host', start: 44, end: 58 },
      ],
    ]);
  });

  test('on every golden fixture', () => {
    const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));
    let instructions = 0;
    for (const name of readdirSync(fixtures)) {
      for (const file of ['input.Dockerfile', 'output.Dockerfile']) {
        const { ast, text: read } = bothReadings(readFileSync(join(fixtures, name, file), 'utf8'));
        expect({ name, file, flags: read }).toEqual({ name, file, flags: ast });
        instructions += ast.length;
      }
    }
    expect(instructions).toBeGreaterThan(500);
  });
});
