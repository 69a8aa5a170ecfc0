// Benchmark, on generated files (`npm run bench [-- --files N]`) or on a directory of real ones
// (`node bench/run.mjs --dir [path]`, the examples/ tree by default). In one run on the same files:
// a plain read-and-parse loop, the engine alone (in process), the CLI's dry run (a child process,
// with its peak RSS), a cold single-file run against `node -e 0`, and --write then --check on a copy.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
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

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
/** Runs a command to completion, output discarded; returns wall time in ms and peak RSS in MB. */
function measure(command, argv, cwd) {
  const wrapped = spawnSync('/usr/bin/time', ['-f', '%M', command, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (wrapped.error) return { ms: time(() => execFileSync(command, argv, { cwd, stdio: 'ignore' })), mb: undefined };
  const start = process.hrtime.bigint();
  const run = spawnSync(command, argv, { cwd, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0 && run.status !== 2) throw new Error(`${command} ${argv.join(' ')} exited ${run.status}`);
  const kb = Number(wrapped.stderr.trim().split('\n').pop());
  return { ms, mb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

async function bench(dir, what) {
  // The files the CLI itself finds there.
  const paths = (await discover(['.'], dir)).files.map((path) => join(dir, path));
  console.log(`${what}: ${paths.length} Dockerfiles in ${dir}\n`);
  const parseLoop = median(Array.from({ length: repeats }, () => time(() => paths.forEach((path) => DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions()))));
  const engineLoop = median(Array.from({ length: repeats }, () => time(() => paths.forEach((path) => transformContent(path, readFileSync(path, 'utf8'), defaults)))));
  const dryRuns = Array.from({ length: repeats }, () => measure(process.execPath, [bin, '.', '--format', 'patch'], dir));
  const dryRun = median(dryRuns.map((run) => run.ms));
  const peak = Math.max(...dryRuns.map((run) => run.mb ?? 0));
  const single = paths.find((path) => transformContent(path, readFileSync(path, 'utf8'), defaults).status === 'changed') ?? paths[0];
  const coldCli = median(Array.from({ length: 7 }, () => measure(process.execPath, [bin, single, '--format', 'patch'], dir).ms));
  const nodeOnly = median(Array.from({ length: 7 }, () => measure(process.execPath, ['-e', '0'], dir).ms));

  // The fixpoint on these files: --write, then a second run must find nothing to change.
  const copy = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bench-write-'));
  cpSync(dir, copy, { recursive: true });
  const write = spawnSync(process.execPath, [bin, '.', '--write', '-q'], { cwd: copy, encoding: 'utf8', maxBuffer: 1 << 28 });
  const check = spawnSync(process.execPath, [bin, '.', '--check', '-q'], { cwd: copy, encoding: 'utf8', maxBuffer: 1 << 28 });
  rmSync(copy, { recursive: true, force: true });

  const rate = (ms) => (paths.length / (ms / 1000)).toFixed(0);
  console.log('| what | median ms | files/s | / read + parse |');
  console.log('|---|---:|---:|---:|');
  for (const [row, ms] of [
    ['read + parse loop (baseline)', parseLoop],
    ['engine alone, in process (read + transforms)', engineLoop],
    ['dry run, `--format patch` (CLI)', dryRun],
  ]) {
    console.log(`| ${row} | ${ms.toFixed(0)} | ${rate(ms)} | ${(ms / parseLoop).toFixed(2)}x |`);
  }
  console.log(`\ndry run / read + parse: ${(dryRun / parseLoop).toFixed(2)}x (target <= 1.5x on real files)`);
  console.log(`single file, cold: ${coldCli.toFixed(0)} ms vs node -e 0 ${nodeOnly.toFixed(0)} ms = ${(coldCli / nodeOnly).toFixed(2)}x (target <= 2.5x)`);
  console.log(`peak RSS of the dry run: ${peak ? `${peak.toFixed(0)} MB` : 'not measured (no /usr/bin/time)'} (target <= 250 MB)`);
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
