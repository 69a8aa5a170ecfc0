// Benchmark, on generated files (`npm run bench [-- --files N]`) or on a directory of real ones
// (`node bench/run.mjs --dir [path]`, the examples/ tree by default). In one run on the same files:
// a plain read-and-parse loop, the engine alone (in process), the CLI's dry run (a child process,
// with its peak RSS), a cold single-file run against `node -e 0`, and --write then --check on a copy.
// Medians of --repeats runs (3), by CPU time.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { transformContent, transforms } from '../dist/src/index.js';
import { discover } from '../dist/src/io/discover.js';
import { generateCorpus } from './corpus.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  if (index < 0) return undefined;
  const value = args[index + 1];
  return value === undefined || value.startsWith('--') ? fallback : value;
};
const repo = join(import.meta.dirname, '..');
const realDir = option('--dir', join(repo, 'examples'));
const repeats = Number(option('--repeats', '3') ?? 3);
const bin = join(repo, 'dist', 'cli.mjs');
const defaults = transforms.filter((transform) => transform.defaultOn);

/**
 * Runs a command to completion, output discarded: wall time and CPU time (user + system) in ms,
 * peak RSS in MB. CPU time is what to compare on a busy machine, where wall time waits for a core.
 */
function measure(command, argv, cwd) {
  const run = spawnSync('/usr/bin/time', ['-f', '%e %U %S %M', command, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (run.error) throw new Error(`/usr/bin/time is needed: ${run.error.message}`);
  if (run.status !== 0 && run.status !== 2) throw new Error(`${command} ${argv.join(' ')} exited ${run.status}: ${run.stderr}`);
  const [wall, user, system, kb] = run.stderr.trim().split('\n').pop().split(' ').map(Number);
  return { ms: wall * 1000, cpu: (user + system) * 1000, mb: kb / 1024 };
}

/** Reads and parses every file with a pristine dockerfile-ast (its own process: ours caches argument splits); prints the time. */
const PARSE_LOOP = `
import { readFileSync } from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';
const paths = JSON.parse(readFileSync(0, 'utf8'));
const wall = performance.now();
const cpu = process.cpuUsage();
for (const path of paths) DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions();
const used = process.cpuUsage(cpu);
console.log(JSON.stringify({ ms: performance.now() - wall, cpu: (used.user + used.system) / 1000 }));
`;
const parseLoop = (paths) => JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', PARSE_LOOP], { cwd: repo, input: JSON.stringify(paths), encoding: 'utf8' }));

/** The engine alone over every file, in this process. */
function engineLoop(paths) {
  const wall = performance.now();
  const cpu = process.cpuUsage();
  for (const path of paths) transformContent(path, readFileSync(path, 'utf8'), defaults);
  const used = process.cpuUsage(cpu);
  return { ms: performance.now() - wall, cpu: (used.user + used.system) / 1000 };
}

/** The run with the median CPU time. */
const medianRun = (runs) => [...runs].sort((a, b) => a.cpu - b.cpu)[Math.floor(runs.length / 2)];

async function bench(dir, what) {
  // The files the CLI itself finds there.
  const paths = (await discover(['.'], dir)).files.map((path) => join(dir, path));
  console.log(`${what}: ${paths.length} Dockerfiles in ${dir}\n`);
  const baseline = medianRun(Array.from({ length: repeats }, () => parseLoop(paths)));
  const engine = medianRun(Array.from({ length: repeats }, () => engineLoop(paths)));
  const dryRuns = Array.from({ length: repeats }, () => measure(process.execPath, [bin, '.', '--format', 'patch'], dir));
  const dryRun = medianRun(dryRuns);
  const peak = Math.max(...dryRuns.map((run) => run.mb));
  const single = paths.find((path) => transformContent(path, readFileSync(path, 'utf8'), defaults).status === 'changed') ?? paths[0];
  const coldCli = medianRun(Array.from({ length: 7 }, () => measure(process.execPath, [bin, single, '--format', 'patch'], dir)));
  const nodeOnly = medianRun(Array.from({ length: 7 }, () => measure(process.execPath, ['-e', '0'], dir)));

  // The fixpoint on these files: --write, then a second run must find nothing to change.
  const copy = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bench-write-'));
  cpSync(dir, copy, { recursive: true });
  const write = spawnSync(process.execPath, [bin, '.', '--write', '-q'], { cwd: copy, encoding: 'utf8', maxBuffer: 1 << 28 });
  const check = spawnSync(process.execPath, [bin, '.', '--check', '-q'], { cwd: copy, encoding: 'utf8', maxBuffer: 1 << 28 });
  rmSync(copy, { recursive: true, force: true });

  const rate = (ms) => (paths.length / (ms / 1000)).toFixed(0);
  console.log('| what | CPU ms | / read + parse | wall ms | files/s (CPU) |');
  console.log('|---|---:|---:|---:|---:|');
  for (const [row, run] of [
    ['read + parse loop (baseline)', baseline],
    ['engine alone, in process (read + transforms)', engine],
    ['dry run, `--format patch` (CLI)', dryRun],
  ]) {
    console.log(`| ${row} | ${run.cpu.toFixed(0)} | ${(run.cpu / baseline.cpu).toFixed(2)}x | ${run.ms.toFixed(0)} | ${rate(run.cpu)} |`);
  }
  console.log(`\ndry run / read + parse (CPU): ${(dryRun.cpu / baseline.cpu).toFixed(2)}x (target <= 1.5x on real files)`);
  console.log(`single file, cold (CPU): ${coldCli.cpu.toFixed(0)} ms vs node -e 0 ${nodeOnly.cpu.toFixed(0)} ms = ${(coldCli.cpu / nodeOnly.cpu).toFixed(2)}x; wall ${coldCli.ms.toFixed(0)} vs ${nodeOnly.ms.toFixed(0)} ms = ${(coldCli.ms / nodeOnly.ms).toFixed(2)}x (target <= 2.5x)`);
  console.log(`peak RSS of the dry run: ${peak.toFixed(0)} MB (target <= 250 MB)`);
  console.log(`--write then --check on a copy: write exit ${write.status}, check exit ${check.status} (0 or 2 for unreadable files, then 0 = a fixpoint)`);
  console.log(`  write: ${write.stderr.trim().split('\n').pop()}\n  check: ${check.stderr.trim().split('\n').pop()}`);
}

if (realDir !== undefined) {
  await bench(resolve(realDir), 'real files');
} else {
  const dir = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bench-'));
  try {
    generateCorpus(dir, Number(option('--files', '3000') ?? 3000));
    await bench(dir, 'generated corpus');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
