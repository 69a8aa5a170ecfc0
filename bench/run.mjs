// Benchmark: `npm run bench [-- --files N]`. Generates a corpus, then times the CLI against a
// plain read-and-parse loop, a cold single-file run against `node -e 0`, and measures peak memory.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, cpSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DockerfileParser } from 'dockerfile-ast';
import { generateCorpus } from './corpus.mjs';

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const fileCount = Number(option('--files', '3000'));
const repeats = Number(option('--repeats', '3'));
const bin = join(import.meta.dirname, '..', 'dist', 'cli.mjs');

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const time = (fn) => {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
};
/** Runs a command to completion, output discarded; returns wall time in ms and peak RSS in MB. */
function measure(command, argv, cwd) {
  const wrapped = spawnSync('/usr/bin/time', ['-f', '%M', command, ...argv], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (wrapped.error) {
    return { ms: time(() => execFileSync(command, argv, { cwd, stdio: 'ignore' })), mb: undefined };
  }
  const start = process.hrtime.bigint();
  const run = spawnSync(command, argv, { cwd, stdio: 'ignore' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (run.status !== 0) throw new Error(`${command} ${argv.join(' ')} exited ${run.status}`);
  const kb = Number(wrapped.stderr.trim().split('\n').pop());
  return { ms, mb: Number.isFinite(kb) ? kb / 1024 : undefined };
}

const dir = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bench-'));
try {
  const paths = generateCorpus(dir, fileCount);
  console.log(`corpus: ${paths.length} Dockerfiles in ${dir}\n`);

  // Baseline: what any tool has to do at least: read every file and parse it.
  const baseline = median(
    Array.from({ length: repeats }, () =>
      time(() => {
        for (const path of paths) DockerfileParser.parse(readFileSync(path, 'utf8')).getInstructions();
      }),
    ),
  );
  const patchRuns = Array.from({ length: repeats }, () => measure(process.execPath, [bin, '.', '--format', 'patch'], dir));
  const jsonRuns = Array.from({ length: repeats }, () => measure(process.execPath, [bin, '.', '--format', 'json'], dir));
  const dryRun = median(patchRuns.map((run) => run.ms));
  const jsonRun = median(jsonRuns.map((run) => run.ms));
  const peak = Math.max(...patchRuns.map((run) => run.mb ?? 0), ...jsonRuns.map((run) => run.mb ?? 0));

  const single = paths[0];
  const coldCli = median(Array.from({ length: 7 }, () => measure(process.execPath, [bin, single, '--format', 'patch'], dir).ms));
  const nodeOnly = median(Array.from({ length: 7 }, () => measure(process.execPath, ['-e', '0'], dir).ms));

  // Correctness on the same corpus: --write, then a second run must find nothing to change.
  const copy = `${dir}-write`;
  cpSync(dir, copy, { recursive: true });
  const write = spawnSync(process.execPath, [bin, '.', '--write', '-q'], { cwd: copy, encoding: 'utf8' });
  const check = spawnSync(process.execPath, [bin, '.', '--check', '-q'], { cwd: copy, encoding: 'utf8' });
  rmSync(copy, { recursive: true, force: true });

  const rows = [
    ['read + parse loop (baseline)', baseline, fileCount / (baseline / 1000)],
    ['dry run, --format patch (CLI)', dryRun, fileCount / (dryRun / 1000)],
    ['dry run, --format json (CLI)', jsonRun, fileCount / (jsonRun / 1000)],
  ];
  console.log('| what | median ms | files/s |');
  console.log('|---|---:|---:|');
  for (const [what, ms, rate] of rows) console.log(`| ${what} | ${ms.toFixed(0)} | ${rate.toFixed(0)} |`);
  console.log(`\ndry run / baseline: ${(dryRun / baseline).toFixed(2)}x (target <= 0.75x)`);
  console.log(`single file, cold: ${coldCli.toFixed(0)} ms vs node -e 0 ${nodeOnly.toFixed(0)} ms = ${(coldCli / nodeOnly).toFixed(2)}x (target <= 2.5x)`);
  console.log(`peak RSS of the dry run: ${peak ? `${peak.toFixed(0)} MB` : 'not measured (no /usr/bin/time)'} (target <= 250 MB)`);
  console.log(`--write then --check on a copy: write exit ${write.status}, check exit ${check.status} (0 and 0 = idempotent)`);
  console.log(`  ${write.stderr.trim().split('\n').pop()}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
