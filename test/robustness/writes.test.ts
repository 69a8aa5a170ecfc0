import { chmodSync, chownSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, unlinkSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { insertAt } from '../../src/engine/edits.js';
import type { FileResult } from '../../src/engine/pipeline.js';
import { processFiles } from '../../src/engine/process-files.js';
import type { Transform } from '../../src/engine/transform.js';
import { cli, PIP, PIP_MIGRATED, temporaries, UNPRIVILEGED, useScratch, writeTreeFor } from './helpers.js';

/** --write keeps what the file was besides its text, writes nothing it need not, and never overwrites news. */
const scratch = useScratch();

test('--write keeps each file mode: 0755, 0600, 0640', () => {
  const modes = { 'a/Dockerfile': 0o755, 'b/Dockerfile': 0o600, 'c/Dockerfile': 0o640 };
  writeTreeFor(scratch(), Object.fromEntries(Object.keys(modes).map((path) => [path, PIP])));
  for (const [path, mode] of Object.entries(modes)) chmodSync(join(scratch(), path), mode);
  expect(cli(['--write', '-q'], { cwd: scratch() }).code).toBe(0);
  for (const [path, mode] of Object.entries(modes)) {
    expect(readFileSync(join(scratch(), path), 'utf8')).toBe(PIP_MIGRATED);
    expect(statSync(join(scratch(), path)).mode & 0o7777).toBe(mode);
  }
});

(UNPRIVILEGED ? test : test.skip)('as root, --write keeps the owner, group and set-user-ID bit of a file root does not own', () => {
  const path = join(scratch(), 'Dockerfile');
  writeFileSync(path, PIP);
  chownSync(path, 12345, 23456);
  // chown clears set-user-ID: the mode must be set after the owner.
  chmodSync(path, 0o4750);
  expect(cli(['--write', '-q'], { cwd: scratch() }).code).toBe(0);
  const written = statSync(path);
  expect(readFileSync(path, 'utf8')).toBe(PIP_MIGRATED);
  expect([written.uid, written.gid, written.mode & 0o7777]).toEqual([12345, 23456, 0o4750]);
});

test('--write on an already-migrated file writes nothing: same inode, same mtime', () => {
  const path = join(scratch(), 'Dockerfile');
  writeFileSync(path, PIP_MIGRATED);
  const past = new Date('2020-01-01T00:00:00Z');
  utimesSync(path, past, past);
  const before = statSync(path);
  const { code, stderr } = cli(['--write'], { cwd: scratch() });
  expect(code).toBe(0);
  expect(stderr).toBe('0 changed (written), 1 unchanged\n');
  const after = statSync(path);
  expect([after.ino, after.mtimeMs, after.ctimeMs]).toEqual([before.ino, before.mtimeMs, before.ctimeMs]);
});

test('a directory the user cannot write to: one error line, the file untouched, no temporary file, the others written', () => {
  writeTreeFor(scratch(), { 'locked/Dockerfile': PIP, 'open/Dockerfile': PIP }, { unprivileged: true });
  chmodSync(join(scratch(), 'locked'), 0o555);
  const result = cli(['--write', '-q'], { cwd: scratch(), unprivileged: true });
  expect(result.code).toBe(2);
  expect(result.errorLines).toEqual(['locked/Dockerfile: error: could not write: permission denied', '1 changed (written), 0 unchanged, 1 error']);
  expect(readFileSync(join(scratch(), 'locked/Dockerfile'), 'utf8')).toBe(PIP);
  expect(readFileSync(join(scratch(), 'open/Dockerfile'), 'utf8')).toBe(PIP_MIGRATED);
  expect(temporaries(scratch())).toEqual([]);
});

describe('a file that changes on disk between its read and its write is not overwritten', () => {
  /** A transform that, while the engine holds a file's content, does something to the file on disk. */
  function meddler(action: (path: string) => void): Transform {
    return {
      id: 'meddler',
      description: 'changes the file on disk while it is being transformed',
      defaultOn: false,
      options: [],
      apply(document) {
        // Once per file: the engine's second pass finds the comment and has nothing to do.
        if (document.text.startsWith('# edited\n')) return { changes: [], skips: [] };
        if (document.path.endsWith('victim/Dockerfile')) action(document.path);
        return { changes: [{ line: 1, message: 'a comment', edits: [insertAt(0, '# edited\n')] }], skips: [] };
      },
    };
  }

  async function processWith(action: (path: string) => void): Promise<FileResult[]> {
    writeTreeFor(scratch(), { 'bystander/Dockerfile': PIP, 'victim/Dockerfile': PIP });
    const files = ['bystander/Dockerfile', 'victim/Dockerfile'].map((path) => ({ path: join(scratch(), path), absolutePath: join(scratch(), path) }));
    const results: FileResult[] = [];
    await processFiles(files, { transforms: [meddler(action)], write: true }, (result) => results.push(result));
    expect(readFileSync(join(scratch(), 'bystander/Dockerfile'), 'utf8')).toBe(`# edited\n${PIP}`);
    expect(temporaries(scratch())).toEqual([]);
    return results;
  }

  test('new content of another size', async () => {
    const results = await processWith((path) => writeFileSync(path, 'FROM alpine\n'));
    expect(results[1]).toMatchObject({ path: join(scratch(), 'victim/Dockerfile'), status: 'error', error: 'file changed on disk since it was read; not overwriting it' });
    expect(readFileSync(join(scratch(), 'victim/Dockerfile'), 'utf8')).toBe('FROM alpine\n');
  });

  test('new content of the same size with the old mtime restored', async () => {
    const sameSize = PIP.replace('python', 'pythOn');
    const results = await processWith((path) => {
      const { atime, mtime } = statSync(path);
      writeFileSync(path, sameSize);
      utimesSync(path, atime, mtime);
    });
    expect(results[1]).toMatchObject({ status: 'error', error: 'file changed on disk since it was read; not overwriting it' });
    expect(readFileSync(join(scratch(), 'victim/Dockerfile'), 'utf8')).toBe(sameSize);
  });

  test('replaced by a symlink to a file elsewhere: not written through', async () => {
    const elsewhere = join(scratch(), 'elsewhere.txt');
    writeFileSync(elsewhere, PIP);
    const results = await processWith((path) => {
      unlinkSync(path);
      symlinkSync(elsewhere, path);
    });
    expect(results[1]).toMatchObject({ status: 'error', error: 'it was replaced by a symbolic link since it was read; not writing through it' });
    expect(readFileSync(elsewhere, 'utf8')).toBe(PIP);
    expect(readlinkSync(join(scratch(), 'victim/Dockerfile'))).toBe(elsewhere);
  });

  test('deleted: not recreated', async () => {
    const results = await processWith((path) => rmSync(path));
    expect(results[1]).toMatchObject({ status: 'error', error: 'file was deleted since it was read; not recreating it' });
    expect(() => statSync(join(scratch(), 'victim/Dockerfile'))).toThrow(/ENOENT/);
  });

  test('through the CLI, with a custom transform module: the path and reason on stderr, exit 2', () => {
    writeTreeFor(scratch(), {
      'svc/victim/Dockerfile': PIP,
      'svc/other/Dockerfile': PIP,
      // Runs inside the CLI: rewrites the file on disk after the engine has read it.
      'meddler.mjs': `import { writeFileSync } from 'node:fs';
export default {
  id: 'meddler', description: 'edits files on disk', defaultOn: false, options: [],
  apply(document) {
    if (document.path.endsWith('victim/Dockerfile')) writeFileSync(document.path, 'FROM alpine\\n');
    return { changes: [], skips: [] };
  },
};
`,
    });
    const result = cli(['--write', '-q', '-t', './meddler.mjs', '-t', 'cache-mounts', 'svc'], { cwd: scratch() });
    expect(result.code).toBe(2);
    expect(result.errorLines).toEqual(['svc/victim/Dockerfile: error: file changed on disk since it was read; not overwriting it', '1 changed (written), 0 unchanged, 1 error']);
    expect(readFileSync(join(scratch(), 'svc/victim/Dockerfile'), 'utf8')).toBe('FROM alpine\n');
    expect(readFileSync(join(scratch(), 'svc/other/Dockerfile'), 'utf8')).toContain('--mount=type=cache');
  });
});
