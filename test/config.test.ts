import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { configSchema, SCHEMA_PATH } from '../src/config/schema.js';
import { REPORT_FORMATS } from '../src/output/reporter.js';
import { BUILTIN_TRANSFORMS } from '../transforms/index.js';
import { repo, runCli, scratchTree } from './support/cli.js';

/** Config files on disk, found and applied by the built CLI. */
const PIP = 'FROM python:3.12\nRUN pip install flask\n';
const mountLines = (stdout: string) => stdout.split('\n').filter((line) => line.startsWith('+RUN'));

const trees: ReturnType<typeof scratchTree>[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

function inTree(files: Record<string, string>) {
  const tree = scratchTree({ 'services/api/Dockerfile': PIP, 'teams/ml/Dockerfile': PIP, ...files }, 'dockerfile-codemod-config-');
  trees.push(tree);
  return tree.dir;
}

test.each([
  ['dockerfile-codemod.config.json', JSON.stringify({ options: { 'cache-mounts': { mountMode: 'none' } } })],
  ['.dockerfile-codemodrc', 'options:\n  cache-mounts:\n    mountMode: none\n'],
  ['.dockerfile-codemodrc.json', '{"options": {"cache-mounts": {"mountMode": "none"}}}'],
  ['.dockerfile-codemodrc.yaml', 'options:\n  cache-mounts: { mountMode: none }\n'],
  ['.dockerfile-codemodrc.yml', 'options:\n  cache-mounts: { mountMode: none }\n'],
  ['package.json', JSON.stringify({ name: 'x', 'dockerfile-codemod': { options: { 'cache-mounts': { mountMode: 'none' } } } })],
])('%s is found from a subdirectory upwards', (name, content) => {
  const dir = inTree({ [name]: content });
  const { code, stdout } = runCli(['-q', '.'], { cwd: join(dir, 'services') });
  expect(code).toBe(0);
  expect(mountLines(stdout)).toEqual(['+RUN --mount=type=cache,target=/root/.cache/pip pip install flask']);
});

test('the nearest config wins; a package.json without the key does not stop the search', () => {
  const dir = inTree({
    'dockerfile-codemod.config.json': '{"options": {"cache-mounts": {"mountMode": "none"}}}',
    'services/.dockerfile-codemodrc.yaml': 'options: { cache-mounts: { mountMode: "0700" } }\n',
    'services/api/package.json': '{"name": "api"}',
  });
  expect(mountLines(runCli(['-q', '.'], { cwd: join(dir, 'services/api') }).stdout)).toEqual([
    '+RUN --mount=type=cache,target=/root/.cache/pip,mode=0700 pip install flask',
  ]);
});

test('flags win over the config; --no-config and --config choose the file', () => {
  const dir = inTree({
    'dockerfile-codemod.config.json': '{"options": {"cache-mounts": {"mountMode": "none"}}, "transforms": ["cache-mounts"]}',
    'other.yaml': 'options: { cache-mounts: { mountMode: "0750" } }\n',
    'other.mjs': "export default { options: { 'cache-mounts': { mountMode: '0711' } } };\n",
  });
  const at = (args: string[]) => mountLines(runCli(['-q', ...args, 'services'], { cwd: dir }).stdout);
  expect(at(['--mount-mode', '0700'])).toEqual(['+RUN --mount=type=cache,target=/root/.cache/pip,mode=0700 pip install flask']);
  expect(at(['--no-config'])).toEqual(['+RUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install flask']);
  expect(at(['--config', 'other.yaml'])).toEqual(['+RUN --mount=type=cache,target=/root/.cache/pip,mode=0750 pip install flask']);
  // JavaScript runs only when named explicitly.
  expect(at(['--config', 'other.mjs'])).toEqual(['+RUN --mount=type=cache,target=/root/.cache/pip,mode=0711 pip install flask']);
  // The config's transform list leaves out syntax; -t puts it back.
  expect(runCli(['-q', 'services'], { cwd: dir }).stdout).not.toContain('# syntax');
  expect(runCli(['-q', '-t', 'cache-mounts,syntax', 'services'], { cwd: dir }).stdout).toContain('+# syntax=docker/dockerfile:1');
});

test('overrides give some files other options or transforms; later entries win; ignore is relative to the config', () => {
  const dir = inTree({
    'services/legacy/Dockerfile': PIP,
    'services/skip-me/Dockerfile': PIP,
    '.dockerfile-codemodrc.yaml': [
      'ignore: [services/skip-me/]',
      'overrides:',
      '  - files: teams/ml/**',
      '    options: { cache-mounts: { pipCacheTarget: /root/.cache, mountMode: none } }',
      '  - files: ["teams/**/Dockerfile"]',
      '    options: { cache-mounts: { mountMode: "0700" } }',
      '  - files: services/legacy/',
      '    transforms: [syntax]',
      '    options: { syntax: { syntax: always } }',
      '',
    ].join('\n'),
  });
  const { stdout, stderr, code } = runCli(['--format', 'json'], { cwd: join(dir, 'services') });
  expect(code).toBe(0);
  expect(stderr).toBe('');
  const report = JSON.parse(stdout) as { files: { path: string; changes: { transform: string }[]; diff: string }[] };
  expect(report.files.map((file) => file.path)).toEqual(['api/Dockerfile', 'legacy/Dockerfile']);
  expect(report.files[1]!.changes.map((change) => change.transform)).toEqual(['syntax']);
  const ml = runCli(['-q', 'teams'], { cwd: dir }).stdout;
  expect(mountLines(ml)).toEqual(['+RUN --mount=type=cache,target=/root/.cache,mode=0700 pip install flask']);
});

test('--stdin-filepath follows the config: overrides apply, an ignored path comes back unchanged', () => {
  const dir = inTree({ '.dockerfile-codemodrc.yaml': 'ignore: [vendor/]\noverrides:\n  - files: teams/\n    options: { cache-mounts: { mountMode: none } }\n' });
  const stdin = (path: string) => runCli(['--stdin-filepath', path], { cwd: dir, input: PIP }).stdout;
  expect(stdin('vendor/x/Dockerfile')).toBe(PIP);
  expect(stdin('teams/ml/Dockerfile')).toContain('RUN --mount=type=cache,target=/root/.cache/pip pip install flask');
  expect(stdin('services/api/Dockerfile')).toContain('mode=0755');
});

test('a config can set the engine settings its flags set', () => {
  const dir = inTree({ 'dockerfile-codemod.config.json': JSON.stringify({ format: 'json', maxFileSize: 10, quiet: true, groupBy: 'dir:1' }) });
  const { code, stdout } = runCli([], { cwd: dir });
  expect(code).toBe(2);
  const report = JSON.parse(stdout) as { files: { path: string; status: string; error: string | null }[] };
  expect(report.files[0]).toMatchObject({ path: 'services/api/Dockerfile', status: 'error' });
  expect(report.files[0]!.error).toMatch(/over the 10-byte limit/);
  expect(runCli(['--max-file-size', '1m', '--format', 'text', '-l'], { cwd: dir }).stdout.trim().split('\n')).toEqual(['services/api/Dockerfile', 'teams/ml/Dockerfile']);
});

test.each([
  ['{"ignor": ["x"]}', '"ignor": unknown key (did you mean "ignore"?)'],
  ['{"quiet": "yes"}', '"quiet": expected true or false'],
  ['{"format": "xml"}', '"format": expected one of text, json, patch, sarif, github'],
  ['{"options": {"cache-mount": {}}}', '"options.cache-mount": unknown transform (did you mean "cache-mounts"?)'],
  ['{"options": {"cache-mounts": {"mountMode": 755}}}', '"options.cache-mounts.mountMode": expected a string, got number 755 (quote it)'],
  ['{"options": {"cache-mounts": {"pipCacheTarget": "/tmp"}}}', '"options.cache-mounts.pipCacheTarget": must be /root/.cache/pip or one of its parents'],
  ['{"options": {"cache-mounts": {"mountmode": "0755"}}}', '"options.cache-mounts.mountmode": unknown option of cache-mounts (did you mean "mountMode"?)'],
  ['{"overrides": [{"options": {}}]}', '"overrides[0].files": required'],
  ['{"overrides": [{"files": "a", "option": {}}]}', '"overrides[0].option": unknown key (did you mean "options"?)'],
  ['{"overrides": [{"files": "a", "options": {"syntax": {"syntax": "sometimes"}}}]}', '"overrides[0].options.syntax.syntax": expected one of auto, always, never'],
  ['{"transforms": ["sintax"]}', 'unknown transform "sintax" (did you mean "syntax"?)'],
  ['{"maxFileSize": "lots"}', '"maxFileSize": expected a positive number of bytes'],
  ['{"options": ', 'not valid JSON'],
])('a bad config %s is a usage error naming the file and the key', (content, message) => {
  const dir = inTree({ 'dockerfile-codemod.config.json': content });
  const { code, stderr, stdout } = runCli([], { cwd: dir });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  expect(stderr).toContain(`${join(dir, 'dockerfile-codemod.config.json')}: `);
  expect(stderr).toContain(message);
});

test('YAML syntax errors and a missing --config file are reported with the path', () => {
  const dir = inTree({ '.dockerfile-codemodrc.yaml': 'options: [\n' });
  expect(runCli([], { cwd: dir }).stderr).toContain(`${join(dir, '.dockerfile-codemodrc.yaml')}: not valid YAML`);
  const missing = runCli(['--config', 'nope.json'], { cwd: dir });
  expect(missing.code).toBe(2);
  expect(missing.stderr).toContain('nope.json: cannot read the config file (no such file)');
});

describe('the published JSON Schema', () => {
  const published = JSON.parse(readFileSync(join(repo, SCHEMA_PATH), 'utf8')) as Record<string, unknown>;
  const validate = new Ajv({ strict: false }).compile(published);

  test('is up to date with the loader and the transforms (npm run docs regenerates it)', () => {
    expect(published).toEqual(configSchema(BUILTIN_TRANSFORMS, REPORT_FORMATS));
  });

  test.each([
    [{ $schema: './node_modules/dockerfile-codemod/schema/config.schema.json', transforms: ['cache-mounts'], options: { 'cache-mounts': { mountMode: 'none' } } }, true],
    [{ ignore: 'legacy/', maxFileSize: '512k', overrides: [{ files: ['a/**'], transforms: [], options: { syntax: { syntax: 'never' } } }] }, true],
    [{ ignor: [] }, false],
    [{ quiet: 'yes' }, false],
    [{ options: { 'cache-mounts': { mountMode: 755 } } }, false],
    [{ options: { syntax: { syntax: 'sometimes' } } }, false],
    [{ overrides: [{ options: {} }] }, false],
  ])('agrees with the loader on %j', (config, valid) => {
    expect(validate(config)).toBe(valid);
    const dir = inTree({ 'dockerfile-codemod.config.json': JSON.stringify(config) });
    expect(runCli(['-l'], { cwd: dir }).code === 2).toBe(!valid);
  });
});
