import { transform, type Transform } from '../src/index.js';

/** The library's one-text entry point, as a script or an editor calls it. */
const PIP = 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n';

test('defaults: the default-on built-ins, in order, with line numbers of the input', () => {
  const result = transform(PIP);
  expect(result.output).toBe('# syntax=docker/dockerfile:1\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install flask\n');
  expect(result.changed).toBe(true);
  expect(result.changes.map(({ transform: id, line }) => `${id}:${line}`)).toEqual(['syntax:1', 'cache-mounts:2', 'no-cache-flags:2']);
  expect(result.reason).toBeUndefined();
  expect(transform(result.output)).toEqual({ output: result.output, changed: false, changes: [], skipped: [], warnings: [] });
});

test('transforms by id or as objects, with options', () => {
  const upper: Transform = {
    id: 'shout',
    description: 'FROM in a comment',
    defaultOn: false,
    options: [],
    apply: (document) => ({
      changes: document.text.startsWith('# built here') ? [] : [{ line: 1, message: 'comment', edits: [{ start: 0, end: 0, newText: '# built here\n' }] }],
      skips: [],
    }),
  };
  const result = transform(PIP, { transforms: ['cache-mounts', upper], options: { 'cache-mounts': { mountMode: 'none' } } });
  expect(result.output).toBe('# built here\nFROM python:3.12\nRUN --mount=type=cache,target=/root/.cache/pip pip install --no-cache-dir flask\n');
});

test('what is left alone says why', () => {
  expect(transform('{{ base_image }}\nRUN pip install x\n', { path: 'Dockerfile.j2' })).toMatchObject({ changed: false, reason: expect.stringContaining('not a valid Dockerfile') });
  expect(transform('FROM python:3.12\nUSER nobody\nRUN pip install x\n').skipped[0]).toMatchObject({ transform: 'cache-mounts', line: 3 });
});

test('mistakes throw with a message that names them', () => {
  expect(() => transform(PIP, { transforms: ['cache-mount'] })).toThrow('unknown transform "cache-mount" (did you mean "cache-mounts"?)');
  expect(() => transform(PIP, { options: { 'cache-mounts': { mountMode: '9999' } } })).toThrow('options "cache-mounts.mountMode": must be an octal mode');
  const broken: Transform = { id: 'broken', description: '', defaultOn: false, options: [], apply: () => { throw new Error('oops'); } };
  expect(() => transform(PIP, { transforms: [broken], path: 'svc/Dockerfile' })).toThrow('svc/Dockerfile: transform broken failed: oops');
});
