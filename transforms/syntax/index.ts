import { type Change, type DockerfileDocument, insertAt, readFlags, type Run, type Skip, type Transform } from '../../src/toolkit.js';

export const SYNTAX_LINE = '# syntax=docker/dockerfile:1';

/** A parser directive as BuildKit reads them: `#`, optional blanks, `key = value`. */
const DIRECTIVE = /^#[ \t]*([A-Za-z][A-Za-z0-9_-]*)[ \t]*=[ \t]*(.*?)[ \t]*$/;
const KNOWN_DIRECTIVES = new Set(['syntax', 'escape', 'check']);
const DOCKERFILE_FRONTEND = /^(?:docker\.io\/)?docker\/dockerfile(?::([^@\s]+))?(@sha256:[0-9a-f]+)?$/i;

/** Flags that frontends older than docker/dockerfile:1.2 (or the classic builder) do not know. */
const MODERN_FLAGS: Readonly<Record<string, readonly string[]>> = {
  RUN: ['mount', 'network', 'security'],
  COPY: ['link', 'chmod', 'parents', 'exclude'],
  ADD: ['link', 'chmod', 'checksum', 'keep-git-dir', 'exclude', 'unpack'],
};

/** Text that may hold a modern flag or a heredoc; a superset of what `usesModernSyntax` finds. */
const MODERN_SYNTAX_HINT = /--(mount|network|security|link|chmod|parents|exclude|checksum|keep-git-dir|unpack)\b|<</i;

interface DirectiveLine {
  readonly key: string;
  readonly value: string;
  readonly start: number;
  readonly valueStart: number;
  readonly line: number;
}

/** The leading parser directives, per BuildKit's rules: contiguous, from the top, a `#!` line ends them. */
function readDirectives(text: string): { directives: DirectiveLine[]; insertOffset: number } {
  const directives: DirectiveLine[] = [];
  let offset = 0;
  let line = 0;
  if (text.startsWith('#!')) {
    // Syntax detection skips a shebang (the parser then ends directive scanning): insert right after it.
    const lf = text.indexOf('\n');
    offset = lf < 0 ? text.length : lf + 1;
    line = 1;
  }
  const insertOffset = offset;
  while (offset < text.length) {
    const lf = text.indexOf('\n', offset);
    const end = lf < 0 ? text.length : lf;
    const content = text.slice(offset, end).replace(/\r$/, '');
    const match = DIRECTIVE.exec(content);
    if (!match || !KNOWN_DIRECTIVES.has(match[1]!.toLowerCase())) break;
    const key = match[1]!.toLowerCase();
    if (directives.some((directive) => directive.key === key)) break;
    directives.push({ key, value: match[2]!, start: offset, valueStart: offset + content.indexOf(match[2]!, content.indexOf('=') + 1), line });
    offset = end + 1;
    line++;
  }
  return { directives, insertOffset };
}

function usesModernSyntax(document: DockerfileDocument): string | undefined {
  for (const instruction of document.ast.getInstructions()) {
    const keyword = instruction.getKeyword();
    const modern = MODERN_FLAGS[keyword];
    if (modern) {
      const start = document.offsetAt(instruction.getInstructionRange().end);
      const flags = readFlags(document.text, start, document.offsetAt(instruction.getRange().end), document.escapeCharacter);
      const flag = flags.find((candidate) => modern.includes(candidate.name.toLowerCase()));
      if (flag) return `${keyword} --${flag.name}`;
    }
    if (keyword === 'RUN' && (instruction as Run).getHeredocs().length > 0) return 'a heredoc';
    if ((keyword === 'COPY' || keyword === 'ADD') && /(^|\s)<<-?["']?[A-Za-z_]/.test(instruction.getArgumentsContent() ?? '')) return 'a heredoc';
  }
  return undefined;
}

/** `1`, `1.2`, `1.4.3`, `1.3-labs` ... as [major, minor]; undefined for tags without a version. */
function frontendVersion(tag: string): [number, number] | undefined {
  const match = /^(\d+)(?:\.(\d+))?/.exec(tag);
  if (!match) return undefined;
  return [Number(match[1]), match[2] === undefined ? Number.POSITIVE_INFINITY : Number(match[2])];
}

export const syntax: Transform = {
  id: 'syntax',
  description: 'Insert `# syntax=docker/dockerfile:1` when the file uses BuildKit-only syntax, and bump docker/dockerfile versions below 1.2.',
  defaultOn: true,
  docsUrl: 'https://www.npmjs.com/package/dockerfile-codemod#transform-syntax',
  // In auto mode it looks for the flags and heredocs the others may add.
  runsAfter: ['cache-mounts', 'no-cache-flags'],
  pullRequest: {
    title: () => `set ${SYNTAX_LINE}`,
    description: () =>
      `\`${SYNTAX_LINE}\` on the first line makes BuildKit use the current 1.x Dockerfile frontend, which knows ` +
      '`RUN --mount`, heredocs and the other syntax the file uses, whatever BuildKit version the builder bundles.',
    requires:
      'The builder pulls the `docker/dockerfile:1` frontend image from Docker Hub: air-gapped builders need it mirrored ' +
      '(or the `BUILDKIT_SYNTAX` build argument set to the mirror).',
    image: 'Unchanged: only the builder reads the line.',
  },
  explain: () =>
    [
      `Adds ${SYNTAX_LINE} as the first line, so BuildKit uses a frontend that knows RUN --mount.`,
      'Parser directives (BuildKit rules): # key=value lines at the very top, keys case-insensitive;',
      'the line goes after a UTF-8 BOM and a #! line, above escape/check directives, with the line',
      'ending of the line it precedes. Never a second syntax line; docker/dockerfile below 1.2 is',
      'bumped to 1 (RUN --mount is stable from 1.2); a custom frontend or a digest pin is reported.',
      'auto: only when the file uses RUN --mount/--network/--security, a heredoc, or a modern',
      'COPY/ADD flag (--link, --chmod, --parents, --exclude, --checksum, --keep-git-dir, --unpack).',
    ].join('\n'),
  options: [
    {
      name: 'syntax',
      type: 'string',
      default: 'auto',
      choices: ['auto', 'always', 'never'],
      description: 'auto: only when the file uses RUN --mount, heredocs, COPY --link/--chmod...; always: every file; never: leave the line alone.',
    },
  ],
  // Without a flag or heredoc of modern syntax (or a directive to bump), auto mode has nothing to do.
  mightApply: (text, options) =>
    options.syntax === 'always' || (options.syntax !== 'never' && (/^\uFEFF?#\s*syntax/i.test(text) || MODERN_SYNTAX_HINT.test(text))),
  apply(document, context) {
    const mode = context.options.syntax;
    const changes: Change[] = [];
    const skips: Skip[] = [];
    if (mode === 'never') return { changes, skips };
    const text = document.text;
    const feature = usesModernSyntax(document);
    if (mode === 'auto' && !feature) return { changes, skips };
    const why = feature ? `for ${feature}` : '--syntax always';
    const { directives, insertOffset } = readDirectives(text);
    const existing = directives.find((directive) => directive.key === 'syntax');
    if (!existing) {
      const eol = document.eolAt(insertOffset);
      // A one-line shebang file without a final newline: the directive goes on a new line.
      const newText = text.length > 0 && insertOffset === text.length && !/\n$/.test(text) ? `${eol}${SYNTAX_LINE}` : `${SYNTAX_LINE}${eol}`;
      changes.push({ line: document.lineAt(insertOffset) + 1, message: `directive ${SYNTAX_LINE} (${why})`, edits: [insertAt(insertOffset, newText)] });
      return { changes, skips };
    }
    const image = existing.value.split(/\s+/)[0]!;
    const match = DOCKERFILE_FRONTEND.exec(image);
    const line = existing.line + 1;
    if (!match) {
      skips.push({ line, message: `keeps the custom frontend ${image}; make sure it supports ${feature ?? 'the syntax in use'}` });
      return { changes, skips };
    }
    const [, tag, digest] = match;
    if (digest) {
      skips.push({ line, message: `keeps ${image}: pinned by digest, so it is not bumped` });
      return { changes, skips };
    }
    const version = tag === undefined ? undefined : frontendVersion(tag);
    const tooOld = version !== undefined && (version[0] < 1 || (version[0] === 1 && version[1] < 2));
    if (tooOld) {
      const tagStart = existing.valueStart + image.lastIndexOf(':') + 1;
      changes.push({
        line,
        message: `docker/dockerfile:1 instead of docker/dockerfile:${tag} (RUN --mount needs 1.2 or later)`,
        edits: [{ start: tagStart, end: tagStart + tag!.length, newText: '1' }],
      });
    }
    return { changes, skips };
  },
};
