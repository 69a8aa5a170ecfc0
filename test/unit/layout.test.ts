import { DockerfileDocument } from '../../src/dockerfile/document.js';
import { continuationStyle, insertCommandBefore, insertCommandFirst, insertRunFlags, insertWords, lineColumns, type LayoutContext } from '../../src/dockerfile/layout.js';
import { analyzeRun, type RunAnalysis } from '../../src/dockerfile/run.js';
import { applyEdits, type TextEdit } from '../../src/engine/edits.js';
import { isInsertionOnly } from '../support/invariants.js';

const PIP = '--mount=type=cache,target=/root/.cache/pip,mode=0755';
const APT = ['--mount=type=cache,target=/var/cache/apt,sharing=locked,mode=0755', '--mount=type=cache,target=/var/lib/apt/lists,sharing=locked,mode=0755'];
const SETUP = "rm -f /etc/apt/apt.conf.d/docker-clean && echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache";

/** The last RUN of `text`, analysed. */
function lastRun(text: string): { document: DockerfileDocument; analysis: RunAnalysis } {
  const document = new DockerfileDocument('Dockerfile', text);
  return { document, analysis: analyzeRun(document, document.runs().at(-1)!) };
}

/** `text` with the edits `build` makes to its last RUN applied, checked to only insert. */
function edited(text: string, build: (document: DockerfileDocument, analysis: RunAnalysis) => readonly (TextEdit | undefined)[]): string {
  const { document, analysis } = lastRun(text);
  const edits = build(document, analysis);
  expect(edits).not.toContain(undefined);
  const output = applyEdits(text, edits as TextEdit[]);
  expect(isInsertionOnly(text, output)).toBe(true);
  return output;
}

const withFlags = (text: string, flags: readonly string[], context: Omit<LayoutContext, 'addedFlags'> = {}) =>
  edited(text, (document, analysis) => insertRunFlags(document, analysis, flags, context));

/** What the shell runs for the last RUN, blanks collapsed: layout must never change it. */
function shellText(text: string): string {
  return lastRun(text).analysis.scripts.map((script) => script.text.replace(/\s+/g, ' ').trim()).join(' | ');
}

describe('insertRunFlags', () => {
  test('a one-line RUN that stays short gets its one flag inline', () => {
    expect(withFlags('FROM python\nRUN pip install flask\n', [PIP])).toBe(`FROM python\nRUN ${PIP} pip install flask\n`);
  });

  test('several flags: one per line, the command on its own line after them', () => {
    expect(withFlags('FROM debian\nRUN apt-get update && apt-get install -y curl\n', APT)).toBe(
      `FROM debian\nRUN ${APT[0]} \\\n    ${APT[1]} \\\n    apt-get update && apt-get install -y curl\n`,
    );
  });

  test('one flag that would take the line past 100 columns goes on a line of its own', () => {
    const input = 'FROM python\nRUN pip install --no-index --find-links=/wheels /wheels/*.whl\n';
    expect(withFlags(input, [PIP])).toBe(`FROM python\nRUN ${PIP} \\\n    pip install --no-index --find-links=/wheels /wheels/*.whl\n`);
    // 100 columns exactly still fits.
    const fits = `FROM python\nRUN pip install ${'x'.repeat(100 - 'RUN pip install '.length - PIP.length - 1)}\n`;
    expect(withFlags(fits, [PIP]).split('\n')[1]!.length).toBe(100);
  });

  test('tabs count to the next tab stop of 4 when measuring', () => {
    expect(lineColumns('\tab')).toBe(6);
    expect(lineColumns('ab\tc')).toBe(5);
    expect(lineColumns('abcd\t')).toBe(8);
    // 38 characters, but the tabs make the line 110 columns wide with the flag: too wide.
    const input = `FROM python\nRUN pip install\t\t\t\t\t\t\t\t\t\t\t\t\t\t\t\tx\n`;
    expect(withFlags(input, [PIP])).toContain(`RUN ${PIP} \\\n`);
  });

  test("continuation lines are indented as the RUN's own, tabs included", () => {
    const input = 'FROM debian\nRUN set -eux; \\\n\tapt-get update; \\\n\tapt-get install -y curl\n';
    expect(withFlags(input, APT)).toBe(`FROM debian\nRUN ${APT[0]} \\\n\t${APT[1]} \\\n\tset -eux; \\\n\tapt-get update; \\\n\tapt-get install -y curl\n`);
  });

  test("a one-line RUN takes the indentation most of the file's RUN continuations use", () => {
    const input = 'FROM debian\nRUN a \\\n  && b\nRUN c \\\n  && d\nRUN e \\\n        && f\nRUN go build ./...\n';
    expect(withFlags(input, [PIP, PIP])).toContain(`RUN ${PIP} \\\n  ${PIP} \\\n  go build ./...\n`);
  });

  test('CRLF lines stay CRLF; the escape character is the file’s', () => {
    expect(withFlags('FROM golang\r\nRUN go build ./...\r\n', APT)).toBe(`FROM golang\r\nRUN ${APT[0]} \\\r\n    ${APT[1]} \\\r\n    go build ./...\r\n`);
    expect(withFlags('# escape=`\nFROM golang\nRUN go build ./... && `\n    go test ./...\n', APT)).toBe(
      `# escape=\`\nFROM golang\nRUN ${APT[0]} \`\n    ${APT[1]} \`\n    go build ./... && \`\n    go test ./...\n`,
    );
  });

  test('heredoc and exec form: the flags precede the marker or the JSON array, which stay what they were', () => {
    const heredoc = withFlags('FROM golang\nRUN <<EOF\ngo build ./...\nEOF\nCMD ["app"]\n', APT);
    expect(heredoc).toBe(`FROM golang\nRUN ${APT[0]} \\\n    ${APT[1]} \\\n    <<EOF\ngo build ./...\nEOF\nCMD ["app"]\n`);
    const { document, analysis } = lastRun(heredoc);
    expect(analysis.form).toBe('heredoc');
    expect(analysis.mounts).toHaveLength(2);
    expect(shellText(heredoc)).toBe('<<EOF | go build ./...');
    expect(document.ast.getInstructions().map((instruction) => instruction.getKeyword())).toEqual(['FROM', 'RUN', 'CMD']);

    const exec = withFlags('FROM golang\nRUN ["go", "build", "./..."]\n', APT);
    expect(exec).toBe(`FROM golang\nRUN ${APT[0]} \\\n    ${APT[1]} \\\n    ["go", "build", "./..."]\n`);
    expect(lastRun(exec).analysis.form).toBe('exec');
  });

  test('after existing flags: on the line when it stays short, else each on its own line', () => {
    expect(withFlags('FROM python\nRUN --network=host pip install x\n', [PIP])).toBe(`FROM python\nRUN --network=host ${PIP} pip install x\n`);
    expect(withFlags('FROM python\nRUN --network=host pip install x\n', [PIP, PIP])).toBe(
      `FROM python\nRUN --network=host \\\n    ${PIP} \\\n    ${PIP} \\\n    pip install x\n`,
    );
    // Existing flags already one per line, or apart from the command: the new one follows suit.
    expect(withFlags('FROM python\nRUN --mount=type=secret,id=a \\\n    --network=host \\\n    pip install x\n', [PIP])).toBe(
      `FROM python\nRUN --mount=type=secret,id=a \\\n    --network=host \\\n    ${PIP} \\\n    pip install x\n`,
    );
    expect(withFlags('FROM python\nRUN --network=host \\\n  pip install x\n', [PIP])).toBe(`FROM python\nRUN --network=host \\\n  ${PIP} \\\n  pip install x\n`);
  });

  test('a command already on its own line stays there; blanks before the command are kept', () => {
    expect(withFlags('FROM debian\nRUN \\\n    apt-get update \\\n    && apt-get install -y curl\n', APT)).toBe(
      `FROM debian\nRUN ${APT[0]} \\\n    ${APT[1]} \\\n    apt-get update \\\n    && apt-get install -y curl\n`,
    );
    expect(withFlags('FROM debian\nRUN\t\tgo build\n', APT)).toBe(`FROM debian\nRUN ${APT[0]} \\\n    ${APT[1]}\t\t\\\n    go build\n`);
  });

  test('words other edits add to the line count towards its width', () => {
    const input = 'FROM fedora\nRUN dnf install -y gcc make\n';
    const { document } = lastRun(input);
    const word = { start: document.text.indexOf(' install'), end: document.text.indexOf(' install'), newText: ' --setopt=keepcache=1' };
    expect(withFlags(input, [PIP])).toBe(`FROM fedora\nRUN ${PIP} dnf install -y gcc make\n`);
    expect(withFlags(input, [PIP.replace('pip', 'pip-with-a-longer-name')], { otherEdits: [word] })).toContain(' \\\n    dnf install');
  });

  test('the flags are found again on their continuation lines, comment lines in between included', () => {
    const output = withFlags('FROM debian\nRUN apt-get update \\\n# the lists\n    && apt-get install -y curl\n', APT);
    expect(lastRun(output).analysis.mounts.map((mount) => mount.get('target'))).toEqual(['/var/cache/apt', '/var/lib/apt/lists']);
    expect(shellText(output)).toBe('apt-get update && apt-get install -y curl');
  });
});

describe('insertCommandBefore and insertCommandFirst', () => {
  /** The flags and the setup, whichever order their edits come in: a setup lands where the flags end. */
  const withSetup = (text: string, context: LayoutContext, setupEdit: (document: DockerfileDocument, analysis: RunAnalysis) => TextEdit | undefined) => {
    const flagsFirst = edited(text, (document, analysis) => [...insertRunFlags(document, analysis, context.addedFlags ?? [], context), setupEdit(document, analysis)]);
    const setupFirst = edited(text, (document, analysis) => [setupEdit(document, analysis), ...insertRunFlags(document, analysis, context.addedFlags ?? [], context)]);
    expect(setupFirst).toBe(flagsFirst);
    return flagsFirst;
  };
  const beforeApt = (text: string, setup: string, context: LayoutContext = {}) =>
    withSetup(text, context, (document, analysis) =>
      insertCommandBefore(document, analysis, analysis.invocations.find((invocation) => invocation.argv[0] === 'apt-get')!, setup, context),
    );
  const first = (text: string, setup: string, context: LayoutContext = {}) =>
    withSetup(text, context, (document, analysis) => insertCommandFirst(document, analysis, setup, context));

  test('inline on a one-line RUN that stays short', () => {
    expect(beforeApt('FROM debian\nRUN apt-get update\n', 'true')).toBe('FROM debian\nRUN true && apt-get update\n');
    expect(first('FROM debian\nRUN set -e; apt-get update\n', 'true')).toBe('FROM debian\nRUN true && set -e; apt-get update\n');
  });

  test('on lines of its own after the flags, split at its top-level && when too long, trailing && by default', () => {
    const output = first('FROM debian\nRUN apt-get update && apt-get install -y curl\n', SETUP, { addedFlags: APT });
    expect(output).toBe(
      `FROM debian\nRUN ${APT[0]} \\\n    ${APT[1]} \\\n` +
        '    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n' +
        "    echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache && \\\n" +
        '    apt-get update && apt-get install -y curl\n',
    );
    expect(shellText(output)).toBe(`${SETUP} && apt-get update && apt-get install -y curl`);
  });

  test('a short setup on a RUN that spans lines takes one line', () => {
    expect(first('FROM debian\nRUN apt-get update && \\\n    apt-get install -y curl\n', 'true')).toBe(
      'FROM debian\nRUN \\\n    true && \\\n    apt-get update && \\\n    apt-get install -y curl\n',
    );
  });

  test("leading && where the RUN chains that way, before a command at the start of a line", () => {
    const input = 'FROM debian\nRUN set -eux \\\n    && apt-get update \\\n    && apt-get install -y curl\n';
    const output = beforeApt(input, SETUP, { addedFlags: APT });
    expect(output).toBe(
      `FROM debian\nRUN ${APT[0]} \\\n    ${APT[1]} \\\n    set -eux \\\n` +
        '    && rm -f /etc/apt/apt.conf.d/docker-clean \\\n' +
        "    && echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache \\\n" +
        '    && apt-get update \\\n    && apt-get install -y curl\n',
    );
    expect(shellText(output)).toBe(`set -eux && ${SETUP} && apt-get update && apt-get install -y curl`);
  });

  test('trailing && where the RUN chains that way; a command in mid-line gets a line break before the setup', () => {
    const input = 'FROM debian\nRUN set -eux && apt-get update && \\\n\tapt-get install -y curl\n';
    const output = beforeApt(input, 'true');
    expect(output).toBe('FROM debian\nRUN set -eux && \\\n\ttrue && \\\n\tapt-get update && \\\n\tapt-get install -y curl\n');
    expect(shellText(output)).toBe('set -eux && true && apt-get update && apt-get install -y curl');
  });

  test('a one-line RUN whose inline flag and setup would pass 100 columns: the setup moves to its own line', () => {
    const output = beforeApt('FROM debian\nRUN apt-get install -y curl\n', 'rm -f /etc/apt/apt.conf.d/docker-clean', { addedFlags: [PIP] });
    expect(output).toBe(`FROM debian\nRUN ${PIP} \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get install -y curl\n`);
  });

  test('CRLF and the backtick escape', () => {
    expect(first('FROM debian\r\nRUN apt-get update \\\r\n    && apt-get install -y curl\r\n', 'true')).toBe(
      'FROM debian\r\nRUN \\\r\n    true \\\r\n    && apt-get update \\\r\n    && apt-get install -y curl\r\n',
    );
    expect(first('# escape=`\nFROM debian\nRUN apt-get update && `\n    apt-get install -y curl\n', 'true', { addedFlags: APT })).toBe(
      `# escape=\`\nFROM debian\nRUN ${APT[0]} \`\n    ${APT[1]} \`\n    true && \`\n    apt-get update && \`\n    apt-get install -y curl\n`,
    );
  });

  test('in a heredoc script: a line of its own ending in && before a command that starts a line, after comments', () => {
    const input = 'FROM debian\nRUN <<EOF\n#!/bin/sh\n# set up\n  set -e\n  apt-get update\nEOF\n';
    expect(first(input, SETUP)).toBe(
      'FROM debian\nRUN <<EOF\n#!/bin/sh\n# set up\n' +
        '  rm -f /etc/apt/apt.conf.d/docker-clean &&\n' +
        "  echo 'Binary::apt::APT::Keep-Downloaded-Packages \"true\";' > /etc/apt/apt.conf.d/keep-cache &&\n" +
        '  set -e\n  apt-get update\nEOF\n',
    );
    expect(beforeApt('FROM debian\nRUN <<EOF\nset -e; apt-get update\nEOF\n', 'true')).toBe('FROM debian\nRUN <<EOF\nset -e; true && apt-get update\nEOF\n');
  });

  test('the first command may be a compound one; a shell fed by a heredoc is a command too', () => {
    expect(first('FROM debian\nRUN if [ -f x ]; then apt-get update; fi\n', 'true')).toBe('FROM debian\nRUN true && if [ -f x ]; then apt-get update; fi\n');
    expect(first('FROM debian\nRUN (cd /x && make)\n', 'true')).toBe('FROM debian\nRUN true && (cd /x && make)\n');
    expect(first('FROM debian\nRUN bash <<EOF\napt-get update\nEOF\n', 'true')).toBe('FROM debian\nRUN true && bash <<EOF\napt-get update\nEOF\n');
  });

  test('no place for it: exec form, a command inside sh -c or after a pipe', () => {
    const none = (text: string, find: (analysis: RunAnalysis) => ReturnType<typeof insertCommandFirst>) => find(lastRun(text).analysis);
    expect(none('FROM debian\nRUN ["apt-get", "update"]\n', (analysis) => insertCommandFirst(lastRun('FROM debian\nRUN ["apt-get", "update"]\n').document, analysis, 'true'))).toBeUndefined();
    for (const text of ['FROM debian\nRUN sh -c "apt-get update"\n', 'FROM debian\nRUN echo | apt-get update\n']) {
      const { document, analysis } = lastRun(text);
      const apt = analysis.invocations.find((invocation) => invocation.argv[0] === 'apt-get')!;
      expect(insertCommandBefore(document, analysis, apt, 'true')).toBeUndefined();
    }
  });
});

describe('continuationStyle', () => {
  const style = (text: string) => {
    const { document, analysis } = lastRun(text);
    return continuationStyle(document, analysis.instruction);
  };

  test("the RUN's own, else the file's most common, else 4 spaces and trailing &&", () => {
    expect(style('FROM a\nRUN a \\\n\t&& b \\\n\t&& c\n')).toEqual({ escape: '\\', indent: '\t', chaining: 'leading' });
    expect(style('FROM a\nRUN a && \\\n  b && \\\n  c\n')).toEqual({ escape: '\\', indent: '  ', chaining: 'trailing' });
    expect(style('FROM a\nRUN a \\\n  && b\nRUN c \\\n  && d\nRUN e && \\\n      f\nRUN g\n')).toEqual({ escape: '\\', indent: '  ', chaining: 'leading' });
    expect(style('# escape=`\nFROM a\nRUN g\n')).toEqual({ escape: '`', indent: '    ', chaining: 'trailing' });
  });

  test('lines that start a command set the indentation, not a package list indented deeper', () => {
    const input = 'FROM a\nRUN apt-get update \\\n    # tools\n    && apt-get install -y \\\n        curl \\\n        git \\\n        jq \\\n    && echo done\n';
    expect(style(input).indent).toBe('    ');
    expect(style('FROM a\nRUN if [ -f x ]; then \\\n  make; \\\nfi\n').indent).toBe('  ');
    // No line starts a command: every continuation line votes.
    expect(style('FROM a\nRUN apt-get install -y \\\n      curl \\\n      git\n').indent).toBe('      ');
  });

  test('comment and empty lines inside a continuation, and heredoc bodies, do not vote', () => {
    expect(style('FROM a\nRUN a \\\n# comment\n\n        && b\n')).toEqual({ escape: '\\', indent: '        ', chaining: 'leading' });
    expect(style('FROM a\nRUN <<EOF\n  a &&\n  b\nEOF\nRUN g\n')).toEqual({ escape: '\\', indent: '    ', chaining: 'trailing' });
  });
});

describe('insertWords', () => {
  const addCacheDir = (text: string) =>
    edited(text, (document, analysis) => {
      const apk = analysis.invocations.find((invocation) => invocation.argv[0] === 'apk')!;
      const add = document.text.indexOf(' add', document.text.indexOf('apk')) + ' add'.length;
      expect(apk).toBeDefined();
      return [insertWords(document, analysis, add, '--cache-dir /var/cache/apk')];
    });

  test('inline when the line stays within 100 columns, or was wider already', () => {
    expect(addCacheDir('FROM alpine\nRUN apk add curl\n')).toBe('FROM alpine\nRUN apk add --cache-dir /var/cache/apk curl\n');
    const wide = `FROM alpine\nRUN apk add ${'p '.repeat(60)}\n`;
    expect(addCacheDir(wide)).toBe(wide.replace('apk add', 'apk add --cache-dir /var/cache/apk'));
  });

  test('past 100 columns, the rest of the line moves to a deeper continuation line', () => {
    const text = 'FROM alpine\nRUN set -x \\\n    && apk add --update-cache build-base curl libstdc++ linux-headers tar git zlib \\\n    && make\n';
    const output = addCacheDir(text);
    expect(output).toBe(
      'FROM alpine\nRUN set -x \\\n    && apk add --cache-dir /var/cache/apk \\\n        --update-cache build-base curl libstdc++ linux-headers tar git zlib \\\n    && make\n',
    );
    expect(Math.max(...output.split('\n').map(lineColumns))).toBeLessThanOrEqual(100);
    expect(shellText(output)).toBe(shellText(text).replace('apk add', 'apk add --cache-dir /var/cache/apk'));
  });

  test('tabs stay tabs, CRLF stays CRLF, the backtick escape is used', () => {
    const text = '# escape=`\r\nFROM alpine\r\nRUN set -x `\r\n\t&& apk add --update-cache build-base curl libstdc++ linux-headers tar git zlib openssl `\r\n\t&& make\r\n';
    expect(addCacheDir(text)).toContain('\t&& apk add --cache-dir /var/cache/apk `\r\n\t\t--update-cache build-base');
  });
});

describe('continuationStyle', () => {
  test('a deep package list does not push a moved command line past 100 columns: one step of indentation instead', () => {
    const text = 'FROM debian\nRUN apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \\\n        git \\\n        && rm -rf /x\n';
    const { document, analysis } = lastRun(text);
    expect(continuationStyle(document, analysis.instruction).indent).toBe('    ');
  });

  test('a continuation line with nothing but the escape character does not set the indentation', () => {
    const text = `FROM alpine\nRUN apk add bash && \\\n${' '.repeat(50)}\\\n    rm -v /etc/x\n`;
    const { document, analysis } = lastRun(text);
    expect(continuationStyle(document, analysis.instruction).indent).toBe('    ');
  });
});
