// How often the mount safety check (transforms/cache-mounts/safety.ts) holds a mount back on a
// tree of Dockerfiles, by reason, and how many pip RUNs still get their mount.
//
//   npm run build && node bench/safety-stats.mjs <dir> [--baseline <other dist/src/index.js>]
//
// With --baseline, the same files also go through another build of the library (e.g. main before
// a change, built in a scratch checkout), and the files whose mounts differ are counted.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import fg from 'fast-glob';

/** Skip reasons of the safety check, recognised by their wording (the messages are ours). */
const SAFETY_REASONS = [
  ['same RUN deletes or moves the target or a directory above it', /Device or resource busy|whose value is unknown/],
  ['same RUN unpacks or changes files recursively over it', /unpacks into|changes \S+ recursively/],
  ['same RUN: another tool writes inside it', /writes \S+, inside/],
  ['same RUN names a path inside it', /uses \S+, inside/],
  ['an earlier COPY or RUN put files there', /copies .*into|puts files inside/],
  ['a later step reads what the RUN leaves there', /needs what this RUN leaves/],
  ['the command relies on what an earlier RUN left', /earlier RUN(s)? (left|fetched)|offline from what earlier RUNs left/],
  ['a later user would find a root-owned directory in its home', /is in the home of/],
  ['the base image may move the cache (unknown environment)', /may set [A-Z_]+, which moves the cache/],
  ['apt setup cannot be undone exactly (own trap, exec, &)', /the RUN runs `(trap|exec)` itself|in the background \(&\)/],
];

function classify(message) {
  return SAFETY_REASONS.find(([, pattern]) => pattern.test(message))?.[0];
}

async function load(path) {
  return import(pathToFileURL(resolve(path)).href);
}

function measure(library, files) {
  const totals = { files: files.length, changed: 0, errors: 0, withSafetySkip: 0, changedOrHeld: 0, pipMounted: 0, pipSkipped: 0, mounts: new Map() };
  const byReason = new Map();
  for (const file of files) {
    let result;
    try {
      result = library.transform(readFileSync(file, 'utf8'), { path: file });
    } catch {
      totals.errors++;
      continue;
    }
    const reasons = new Set(result.skipped.map((skip) => classify(`${skip.message} ${skip.detail ?? ""}`)).filter(Boolean));
    if (result.changed) totals.changed++;
    if (reasons.size > 0) totals.withSafetySkip++;
    if (result.changed || reasons.size > 0) totals.changedOrHeld++;
    for (const reason of reasons) byReason.set(reason, (byReason.get(reason) ?? 0) + 1);
    totals.pipMounted += result.changes.filter((change) => change.transform === 'cache-mounts' && change.topic === 'pip').length;
    totals.pipSkipped += result.skipped.filter((skip) => skip.topic === 'pip').length;
    totals.mounts.set(file, (result.output.match(/--mount=type=cache/g) ?? []).length);
  }
  return { totals, byReason };
}

const args = process.argv.slice(2);
const baselineAt = args.indexOf('--baseline');
const baselinePath = baselineAt >= 0 ? args.splice(baselineAt, 2)[1] : undefined;
const dir = args[0];
if (!dir) {
  console.error('usage: node bench/safety-stats.mjs <dir> [--baseline <dist/src/index.js>]');
  process.exit(2);
}
const files = await fg(['**/Dockerfile', '**/Dockerfile.*', '**/*.dockerfile', '**/Containerfile', '**/Containerfile.*'], { cwd: dir, absolute: true, dot: true });
const { totals, byReason } = measure(await load('dist/src/index.js'), files);
const percent = (part, whole) => (whole === 0 ? '0.0' : ((100 * part) / whole).toFixed(1));

console.log(`${totals.files} files, ${totals.changed} changed, ${totals.errors} unreadable or unparseable`);
console.log(`${totals.withSafetySkip} of ${totals.changedOrHeld} files the tool changes or holds back (${percent(totals.withSafetySkip, totals.changedOrHeld)}%) skip at least one mount for safety:`);
console.log('| reason | files | share of changed-or-held files |');
console.log('|---|---:|---:|');
for (const [reason] of SAFETY_REASONS) {
  const count = byReason.get(reason) ?? 0;
  if (count > 0) console.log(`| ${reason} | ${count} | ${percent(count, totals.changedOrHeld)}% |`);
}
console.log(`pip: ${totals.pipMounted} mounts added, ${totals.pipSkipped} pip skips (all reasons)`);

if (baselinePath) {
  const baseline = measure(await load(baselinePath), files).totals;
  let fewer = 0;
  let more = 0;
  for (const [file, count] of totals.mounts) {
    const before = baseline.mounts.get(file) ?? 0;
    if (count < before) fewer++;
    if (count > before) more++;
  }
  console.log(`against the baseline: ${baseline.changed} files changed there, ${totals.changed} here; ${fewer} files get fewer mounts, ${more} more; pip mounts ${baseline.pipMounted} -> ${totals.pipMounted}`);
}
