import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import * as library from '../src/index.js';
import * as toolkit from '../src/toolkit.js';
import { repo, runCli, scratchTree, writeTree } from './support/cli.js';

/** A transform module with no imports at all: a LABEL at the end of every file. */
const LABEL_TRANSFORM = `
export default {
  id: 'owner-label',
  description: 'Label every image with its owning team',
  defaultOn: false,
  options: [{ name: 'team', type: 'string', default: 'platform', description: 'The team' }],
  apply(document, context) {
    const text = document.text;
    const eol = document.eol;
    const prefix = text.endsWith('\\n') ? '' : eol;
    return {
      changes: text.includes('LABEL owner=') ? [] : [{ line: document.lineAt(text.length) + 1, message: 'owner label', edits: [{ start: text.length, end: text.length, newText: prefix + 'LABEL owner=' + context.options.team + eol }] }],
      skips: [],
    };
  },
};
`;

const trees: ReturnType<typeof scratchTree>[] = [];
afterEach(() => trees.splice(0).forEach((tree) => tree.remove()));

function inTree(files: Record<string, string>) {
  const tree = scratchTree({ 'app/Dockerfile': 'FROM python:3.12\r\nRUN pip install flask\r\n', 'tools/owner-label.mjs': LABEL_TRANSFORM, ...files }, 'dockerfile-codemod-custom-');
  trees.push(tree);
  return tree.dir;
}

test('--transform ./module.mjs runs a custom transform after the built-ins, idempotently', () => {
  const dir = inTree({});
  const write = runCli(['-w', '-t', 'cache-mounts', '-t', './tools/owner-label.mjs', 'app'], { cwd: dir });
  expect(write.stderr).toContain('app/Dockerfile:3: owner-label: owner label');
  expect(readFileSync(join(dir, 'app/Dockerfile'), 'utf8')).toBe(
    'FROM python:3.12\r\nRUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install flask\r\nLABEL owner=platform\r\n',
  );
  expect(runCli(['--check', '-t', 'cache-mounts,./tools/owner-label.mjs', 'app'], { cwd: dir }).code).toBe(0);
  // A module in a comma list is found however the list is spaced.
  expect(runCli(['--check', '-t', 'cache-mounts, ./tools/owner-label.mjs', 'app'], { cwd: dir }).code).toBe(0);
});

test('a config file lists custom transforms relative to itself, with options and overrides; --explain knows them', () => {
  const dir = inTree({
    'other/Dockerfile': 'FROM debian\n',
    'dockerfile-codemod.config.json': JSON.stringify({
      transforms: ['./tools/owner-label.mjs'],
      options: { 'owner-label': { team: 'payments' } },
      overrides: [{ files: 'other/', options: { 'owner-label': { team: 'search' } } }],
    }),
  });
  const { stdout, code } = runCli(['--format', 'patch'], { cwd: join(dir, 'app') });
  expect(code).toBe(0);
  expect(stdout).toContain('+LABEL owner=payments\r\n');
  expect(runCli(['--format', 'patch', 'other'], { cwd: dir }).stdout).toContain('+LABEL owner=search\n');
  const explained = runCli(['--explain', 'owner-label'], { cwd: dir }).stdout;
  expect(explained).toContain('owner-label (runs only when selected with --transform)');
  expect(explained).toContain('--team <string>  (config "team", default "platform")');
  const bad = inTree({ 'dockerfile-codemod.config.json': JSON.stringify({ transforms: ['./tools/owner-label.mjs'], options: { 'owner-label': { team: 7 } } }) });
  expect(runCli([], { cwd: bad }).stderr).toContain('"options.owner-label.team": expected a string, got number 7');
});

test.each([
  ['./missing.mjs', '', './missing.mjs: cannot load the transform module: no such file'],
  ['./tools/empty.mjs', 'export const x = 1;\n', './tools/empty.mjs: not a transform: the module exports no transform'],
  ['./tools/no-apply.mjs', "export default { id: 'x', description: '', defaultOn: false, options: [] };\n", '"apply" must be a function'],
  ['./tools/bad-id.mjs', "export default { id: 'Bad Id', description: '', defaultOn: false, options: [], apply() {} };\n", '"id" must be a kebab-case string'],
  ['./tools/taken.mjs', "export default { id: 'syntax', description: '', defaultOn: false, options: [], apply() {} };\n", 'transform id "syntax" is already taken by a built-in transform'],
  ['./tools/throws.mjs', "throw new Error('boom');\n", './tools/throws.mjs: cannot load the transform module: boom'],
])('%s: a transform that cannot be used is a usage error', (specifier, content, message) => {
  const dir = inTree(content ? { [specifier]: content } : {});
  const { code, stderr } = runCli(['-t', specifier], { cwd: dir });
  expect(code).toBe(2);
  expect(stderr).toContain(message);
});

test('a custom transform that throws fails only the file it throws on', () => {
  const dir = inTree({
    'api/Dockerfile': 'FROM debian\n',
    'tools/picky.mjs': "export default { id: 'picky', description: '', defaultOn: false, options: [], apply(d) { if (d.path.includes('api')) throw new Error('no'); return { changes: [], skips: [] }; } };\n",
  });
  const { code, stderr } = runCli(['-t', './tools/picky.mjs'], { cwd: dir });
  expect(code).toBe(2);
  expect(stderr).toContain('api/Dockerfile: error: transform picky failed: no');
  expect(stderr).toMatch(/1 unchanged, 1 error/);
});

test('custom transforms that undo each other fail the file, naming them, and leave it unwritten; the others are written', () => {
  const label = (id: string, body: string) => `export default { id: '${id}', description: '', defaultOn: false, options: [], apply(d) { ${body} } };\n`;
  const dir = inTree({
    'tools/adder.mjs': label('adder', "return { changes: d.text.includes('LABEL x') ? [] : [{ line: 1, message: 'add', edits: [{ start: d.text.length, end: d.text.length, newText: 'LABEL x=1\\n' }] }], skips: [] };"),
    'tools/remover.mjs': label('remover', "const at = d.text.indexOf('LABEL x=1\\n'); return { changes: at < 0 ? [] : [{ line: 1, message: 'remove', edits: [{ start: at, end: at + 10, newText: '' }] }], skips: [] };"),
  });
  const { code, stderr } = runCli(['-w', '-t', 'cache-mounts,./tools/adder.mjs,./tools/remover.mjs', 'app'], { cwd: dir });
  expect(code).toBe(2);
  expect(stderr).toContain('app/Dockerfile: error: does not converge: transforms adder, remover undo each other');
  expect(readFileSync(join(dir, 'app/Dockerfile'), 'utf8')).toBe('FROM python:3.12\r\nRUN pip install flask\r\n');
});

test('custom transforms that must each run after the other are a setup error naming them (flags and config file)', () => {
  const after = (id: string, other: string) => `export default { id: '${id}', description: '', defaultOn: false, options: [], runsAfter: ['${other}'], apply: () => ({ changes: [], skips: [] }) };\n`;
  const dir = inTree({ 'tools/first.mjs': after('first', 'second'), 'tools/second.mjs': after('second', 'first') });
  const flags = runCli(['-t', './tools/first.mjs', '-t', './tools/second.mjs'], { cwd: dir });
  expect(flags.code).toBe(2);
  expect(flags.stderr).toContain('transforms first -> second -> first must each run after the next (runsAfter)');
  writeTree(dir, { 'dockerfile-codemod.config.json': JSON.stringify({ transforms: ['./tools/second.mjs', './tools/first.mjs'] }) });
  const config = runCli([], { cwd: dir });
  expect(config.code).toBe(2);
  expect(config.stderr).toContain('dockerfile-codemod.config.json: transforms second -> first -> second must each run after the next');
  const malformed = inTree({ 'tools/odd.mjs': "export default { id: 'odd', description: '', defaultOn: false, options: [], runsAfter: 'syntax', apply() {} };\n" });
  expect(runCli(['-t', './tools/odd.mjs'], { cwd: malformed }).stderr).toContain('"runsAfter" must be an array of transform ids');
});

/** Every import of a source file: its specifier and the value names it imports. */
function importsOf(file: string): { specifier: string; names: string[] }[] {
  return [...readFileSync(file, 'utf8').matchAll(/^import \{([^}]*)\} from '([^']+)';/gm)].map((match) => ({
    specifier: match[2]!,
    names: match[1]!.split(',').map((name) => name.trim()).filter((name) => name !== '' && !name.startsWith('type ')).map((name) => name.split(' as ')[0]!),
  }));
}

const EXPORTED_AS: Readonly<Record<string, string>> = { PACKAGE_MANAGERS: 'packageManagers' };

test('built-in transforms use nothing a custom one cannot: their own folder, the toolkit, and what the package exports', () => {
  const root = join(repo, 'transforms');
  // transforms/index.ts only lists the built-ins; each transform is a folder.
  const files = readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((path) => path.endsWith('.ts') && path.includes('/')).map((path) => join(root, path));
  expect(files.length).toBeGreaterThan(20);
  for (const file of files) {
    const ownFolder = join(root, relative(root, file).split('/')[0]!);
    for (const { specifier, names } of importsOf(file)) {
      const target = join(file, '..', specifier);
      if (target.startsWith(`${ownFolder}/`)) continue;
      const where = `${relative(repo, file)} imports ${specifier}`;
      if (target !== join(repo, 'src/toolkit.js')) expect({ where, inTransforms: target.startsWith(`${root}/`) }).toEqual({ where, inTransforms: true });
      for (const name of names) expect({ where, name, exported: name in library || EXPORTED_AS[name]! in library }).toEqual({ where, name, exported: true });
    }
  }
  // And the package exports all of the toolkit.
  for (const name of Object.keys(toolkit)) expect(library).toHaveProperty(name);
});
