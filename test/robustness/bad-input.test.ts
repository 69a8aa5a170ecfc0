import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from '../support/invariants.js';
import { cli, lineAbout, PIP, PIP_MIGRATED, temporaries, useScratch, writeTreeFor } from './helpers.js';

/** Each bad input: one stderr line with its path and reason, the other files still processed, exit 2. */
const scratch = useScratch();
const LATIN1 = Buffer.from('FROM python:3.12\n# caf\xe9 cr\xe8me\nRUN pip install flask\n', 'latin1');
const LATIN1_ERROR = `not valid UTF-8 (byte 0xE9 at offset ${LATIN1.indexOf(0xe9)}, line 2); --allow-invalid-utf8 processes it, keeping its bytes`;
const BINARY = 'FROM python:3.12\nRUN pip install \u0000x\n';

test('a tree of bad inputs: one line each, the good file still changed, exit 2', () => {
  writeTreeFor(scratch(), {
    'good/Dockerfile': PIP,
    'binary/Dockerfile': Buffer.from(BINARY),
    'latin1/Dockerfile': LATIN1,
    'truncated/Dockerfile': Buffer.concat([Buffer.from(PIP), Buffer.from([0xe2, 0x82])]),
    'big/Dockerfile': `${PIP}# ${'x'.repeat(600 * 1024)}\n`,
    'Dockerfile/Dockerfile': PIP,
  });
  const result = cli(['--max-file-size', '512k'], { cwd: scratch() });
  expect(result.code).toBe(2);
  expect(lineAbout(result, 'binary/Dockerfile')).toBe(`binary/Dockerfile: error: binary file (NUL byte at offset ${BINARY.indexOf('\u0000')})`);
  expect(lineAbout(result, 'latin1/Dockerfile')).toBe(`latin1/Dockerfile: error: ${LATIN1_ERROR}`);
  expect(lineAbout(result, 'truncated/Dockerfile')).toContain(`byte 0xE2 at offset ${PIP.length}, line 3`);
  expect(lineAbout(result, 'big/Dockerfile')).toBe(`big/Dockerfile: error: file is ${PIP.length + 600 * 1024 + 3} bytes, over the 512 KiB limit (--max-file-size raises it)`);
  // A directory named Dockerfile is searched, not read.
  expect(result.stdout).toContain('+++ b/Dockerfile/Dockerfile\n');
  expect(result.stdout).toContain('+++ b/good/Dockerfile\n');
  expect(result.errorLines.at(-1)).toBe('2 changed, 0 unchanged, 4 errors (dry run: nothing written; --write applies it)');
});

test('empty and whitespace-only files are skipped with a reason, not errors', () => {
  writeTreeFor(scratch(), { 'empty/Dockerfile': '', 'blank/Dockerfile': ' \n\t\r\n\n', 'good/Dockerfile': PIP });
  const result = cli(['--write'], { cwd: scratch() });
  expect(result.code).toBe(0);
  expect(lineAbout(result, 'empty/Dockerfile')).toBe('empty/Dockerfile: skipped: empty file');
  expect(lineAbout(result, 'blank/Dockerfile')).toBe('blank/Dockerfile: skipped: empty file');
  expect(readFileSync(join(scratch(), 'blank/Dockerfile'), 'utf8')).toBe(' \n\t\r\n\n');
  expect(result.errorLines.at(-1)).toBe('1 changed (written), 0 unchanged, 2 skipped');
});

test('--max-file-size: 512k and 5m parse, the limit itself is allowed, a bad size is a usage error', () => {
  writeTreeFor(scratch(), { 'at-limit/Dockerfile': PIP + '#'.repeat(512 * 1024 - PIP.length - 1) + '\n', 'over/Dockerfile': PIP + '#'.repeat(512 * 1024 - PIP.length) + '\n' });
  const small = cli(['-l', '--max-file-size', '512k'], { cwd: scratch() });
  expect(small.stdout).toBe('at-limit/Dockerfile\n');
  expect(lineAbout(small, 'over/Dockerfile')).toContain(`file is ${512 * 1024 + 1} bytes, over the 512 KiB limit`);
  expect(cli(['-l', '--max-file-size', '5m'], { cwd: scratch() }).stdout).toBe('at-limit/Dockerfile\nover/Dockerfile\n');
  const bad = cli(['--max-file-size', 'lots'], { cwd: scratch() });
  expect(bad.code).toBe(2);
  expect(bad.stderr).toContain('--max-file-size lots');
});

test('--allow-invalid-utf8 --write transforms a Latin-1 file and keeps every byte it did not edit', () => {
  const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('FROM python:3.12\r\n# \xe9t\xe9\r\nRUN pip install flask\r\n', 'latin1')]);
  writeTreeFor(scratch(), { 'latin1/Dockerfile': LATIN1, 'bom-crlf/Dockerfile': bom });
  const result = cli(['--write', '-q', '--allow-invalid-utf8'], { cwd: scratch() });
  expect(result.code).toBe(0);
  const expected = (bytes: Buffer, bomLength = 0) =>
    Buffer.concat([bytes.subarray(0, bomLength), Buffer.from(run(bytes.subarray(bomLength).toString('latin1')).output!, 'latin1')]);
  const written = readFileSync(join(scratch(), 'latin1/Dockerfile'));
  expect(written.equals(expected(LATIN1))).toBe(true);
  expect(written.includes(Buffer.from('\n# caf\xe9 cr\xe8me\n', 'latin1'))).toBe(true);
  expect(written.toString('latin1')).toContain('RUN --mount=type=cache,target=/root/.cache/pip');
  const withBom = readFileSync(join(scratch(), 'bom-crlf/Dockerfile'));
  expect(withBom.equals(expected(bom, 3))).toBe(true);
  expect(withBom.toString('latin1').startsWith('\xef\xbb\xbf# syntax=docker/dockerfile:1\r\nFROM python:3.12\r\n# \xe9t\xe9\r\n')).toBe(true);
});

test('--stdin-filepath: Latin-1 comes back as the same bytes; without the flag, the input is echoed unchanged with one error line', () => {
  const allowed = cli(['--stdin-filepath', 'svc/Dockerfile', '--allow-invalid-utf8'], { cwd: scratch(), input: LATIN1 });
  expect(allowed.code).toBe(0);
  expect(allowed.stdoutBytes.equals(Buffer.from(run(LATIN1.toString('latin1')).output!, 'latin1'))).toBe(true);
  const refused = cli(['--stdin-filepath', 'svc/Dockerfile'], { cwd: scratch(), input: LATIN1 });
  expect(refused.code).toBe(2);
  expect(refused.stdoutBytes.equals(LATIN1)).toBe(true);
  expect(refused.errorLines).toEqual([`svc/Dockerfile: error: ${LATIN1_ERROR}`]);
});

test('a byte order mark survives --write and stdin', () => {
  const input = `\uFEFF${PIP}`;
  writeTreeFor(scratch(), { Dockerfile: input });
  expect(cli(['--write', '-q'], { cwd: scratch() }).code).toBe(0);
  expect(readFileSync(join(scratch(), 'Dockerfile'), 'utf8')).toBe(`\uFEFF${PIP_MIGRATED}`);
  expect(cli(['--stdin-filepath', 'Dockerfile'], { cwd: scratch(), input }).stdout).toBe(`\uFEFF${PIP_MIGRATED}`);
});

test('an unreadable file and an unreadable directory (run without root): one line each, the rest processed', () => {
  writeTreeFor(scratch(), { 'locked/Dockerfile': PIP, 'closed/inner/Dockerfile': PIP, 'good/Dockerfile': PIP }, { unprivileged: true });
  chmodSync(join(scratch(), 'locked/Dockerfile'), 0o000);
  chmodSync(join(scratch(), 'closed'), 0o000);
  const result = cli(['--write', '-q'], { cwd: scratch(), unprivileged: true });
  expect(result.code).toBe(2);
  expect(lineAbout(result, 'locked/Dockerfile')).toBe('locked/Dockerfile: error: permission denied');
  expect(lineAbout(result, 'closed')).toBe('closed: error: cannot read this directory: permission denied');
  expect(readFileSync(join(scratch(), 'good/Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
  expect(result.errorLines.at(-1)).toBe('1 changed (written), 0 unchanged, 2 errors');
});

test('special files and links given explicitly: a FIFO does not hang, a dangling link or a loop is one line', () => {
  writeTreeFor(scratch(), { 'good/Dockerfile': PIP });
  execFileSync('mkfifo', [join(scratch(), 'pipe.Dockerfile')]);
  symlinkSync('missing/Dockerfile', join(scratch(), 'dangling.Dockerfile'));
  symlinkSync('loop.Dockerfile', join(scratch(), 'loop.Dockerfile'));
  const operands = ['pipe.Dockerfile', 'dangling.Dockerfile', 'loop.Dockerfile', 'good/Dockerfile'];
  const plain = cli(operands, { cwd: scratch() });
  expect(plain.code).toBe(2);
  expect(lineAbout(plain, 'pipe.Dockerfile')).toBe('pipe.Dockerfile: error: not a regular file (a named pipe)');
  expect(lineAbout(plain, 'dangling.Dockerfile')).toBe('dangling.Dockerfile: error: is a symbolic link; pass --follow-symlinks to process the file it points to');
  expect(plain.stdout).toContain('+++ b/good/Dockerfile\n');
  const followed = cli(['--follow-symlinks', ...operands], { cwd: scratch() });
  expect(lineAbout(followed, 'dangling.Dockerfile')).toBe('dangling.Dockerfile: error: no such file (a dangling symlink?)');
  expect(lineAbout(followed, 'loop.Dockerfile')).toBe('loop.Dockerfile: error: too many levels of symbolic links');
  expect(followed.stdout).toContain('+++ b/good/Dockerfile\n');
});

test('searching a tree with --follow-symlinks: symlink loops, dangling links, FIFOs and directories named like Dockerfiles are passed over', () => {
  writeTreeFor(scratch(), { 'svc/Dockerfile': PIP });
  mkdirSync(join(scratch(), 'svc/api.Dockerfile'));
  execFileSync('mkfifo', [join(scratch(), 'svc/Containerfile')]);
  symlinkSync('self.Dockerfile', join(scratch(), 'svc/self.Dockerfile'));
  symlinkSync('nowhere', join(scratch(), 'svc/dangling.Dockerfile'));
  symlinkSync('..', join(scratch(), 'svc/parent'));
  const result = cli(['--follow-symlinks', '--write'], { cwd: scratch() });
  expect(result.errorLines.at(-1)).toBe('1 changed (written), 0 unchanged');
  expect(result.code).toBe(0);
  expect(readFileSync(join(scratch(), 'svc/Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
  expect(temporaries(scratch())).toEqual([]);
});

test('a file given twice, as itself and through a glob, is processed once', () => {
  writeFileSync(join(scratch(), 'Dockerfile'), PIP);
  const result = cli(['--write', '-q', 'Dockerfile', '*ockerfile', './Dockerfile'], { cwd: scratch() });
  expect(result.errorLines).toEqual(['1 changed (written), 0 unchanged']);
  expect(readFileSync(join(scratch(), 'Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
});
