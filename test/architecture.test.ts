import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { repo } from './support/cli.js';

/**
 * The layout's rules, as README's Architecture section states them: data flows one way
 * (config -> engine -> output), each layer imports only the layers below it, and no module
 * imports itself through others. Type-only imports count: a cycle of types is still a cycle.
 */

/** Every import and re-export of a module, resolved to a repository path (packages and node: builtins left out). */
function importsOf(file: string): string[] {
  const text = readFileSync(join(repo, file), 'utf8');
  const specifiers = [...text.matchAll(/^(?:import|export)\s[^;]*?\sfrom\s+'([^']+)';/gms), ...text.matchAll(/^import\s+'([^']+)';/gm)].map((match) => match[1]!);
  return specifiers.filter((specifier) => specifier.startsWith('.')).map((specifier) => relative(repo, resolve(repo, dirname(file), specifier)).replace(/\.js$/, '.ts'));
}

function sources(dir: string): string[] {
  return readdirSync(join(repo, dir), { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.ts'))
    .map((path) => join(dir, path));
}

const modules = [...sources('src'), ...sources('transforms')];
const graph = new Map(modules.map((file) => [file, importsOf(file)]));

/** The layer a module belongs to: its folder under src/, or transforms. */
function layer(file: string): string {
  if (file.startsWith('transforms/')) return 'transforms';
  const [, folder, rest] = file.split('/');
  return rest === undefined ? folder!.replace(/\.ts$/, '') : folder!;
}

/** What each layer may import besides itself. The composition roots (cli, library, tester, index) import what they compose. */
const ALLOWED: Readonly<Record<string, readonly string[]>> = {
  shared: [],
  shell: [],
  dockerfile: ['shell'],
  io: ['shared'],
  engine: ['dockerfile', 'io', 'shared'],
  // The toolkit is what transforms build on: the engine's transform API and the models.
  toolkit: ['engine', 'dockerfile', 'shell'],
  transforms: ['toolkit'],
  output: ['engine', 'shared'],
  config: ['engine', 'shared', 'transforms'],
  bulk: ['engine', 'output'],
  cli: ['bulk', 'config', 'engine', 'io', 'output', 'shared', 'transforms'],
  library: ['engine', 'transforms'],
  // The transform tester runs transforms through the engine, as the CLI does.
  tester: ['engine'],
  index: ['engine', 'library', 'output', 'tester', 'toolkit', 'transforms'],
};

test('every module is in a known layer', () => {
  expect(modules.length).toBeGreaterThan(40);
  for (const file of modules) expect({ file, layer: layer(file), known: layer(file) in ALLOWED }).toEqual({ file, layer: layer(file), known: true });
});

test('each layer imports only the layers below it', () => {
  const violations: string[] = [];
  for (const [file, imports] of graph) {
    const from = layer(file);
    for (const target of imports) {
      const to = layer(target);
      if (to !== from && !ALLOWED[from]!.includes(to)) violations.push(`${file} imports ${target} (${from} -> ${to})`);
    }
  }
  expect(violations).toEqual([]);
});

test('output imports only types from the engine: it formats results, it never runs transforms', () => {
  const violations: string[] = [];
  for (const file of modules.filter((path) => layer(path) === 'output')) {
    const text = readFileSync(join(repo, file), 'utf8');
    for (const match of text.matchAll(/^import\s+(type\s+)?[^;]*?\sfrom\s+'([^']+)';/gms)) {
      if (match[2]!.includes('/engine/') && !match[1]) violations.push(`${file}: ${match[0].split('\n')[0]}`);
    }
  }
  expect(violations).toEqual([]);
});

test('the engine knows no transform by name', () => {
  for (const file of modules.filter((path) => layer(path) === 'engine')) {
    const text = readFileSync(join(repo, file), 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect({ file, names: text.match(/'(cache-mounts|no-cache-flags|syntax)'/g) ?? [] }).toEqual({ file, names: [] });
  }
});

test('there are no import cycles', () => {
  const cycles: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const visit = (file: string, path: string[]) => {
    if (state.get(file) === 'done') return;
    if (state.get(file) === 'open') {
      cycles.push([...path.slice(path.indexOf(file)), file].join(' -> '));
      return;
    }
    state.set(file, 'open');
    for (const target of graph.get(file) ?? []) visit(target, [...path, file]);
    state.set(file, 'done');
  };
  for (const file of modules) visit(file, []);
  expect(cycles).toEqual([]);
});
