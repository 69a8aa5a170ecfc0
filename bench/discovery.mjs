// Discovery benchmark: `npm run bench:discovery [-- --files N]`. Makes a git monorepo of N files
// (default 200,000: about 1% Dockerfiles, sources, and an ignored node_modules per service), then
// times the tool's discovery (in process, as the CLI runs it) against `git ls-files -co
// --exclude-standard | grep` on the same tree, and checks that both find the same Dockerfiles.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { discover } from '../dist/src/io/discover.js';

const args = process.argv.slice(2);
const total = Number(args[args.indexOf('--files') + 1] || 200_000) || 200_000;
const repeats = 5;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

const root = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-discovery-'));
try {
  // Per service: 1 Dockerfile, 19 tracked sources, 80 files under node_modules (ignored).
  const services = Math.round(total / 100);
  for (let s = 0; s < services; s++) {
    const dir = join(root, 'services', `team-${s % 40}`, `svc-${s}`);
    mkdirSync(join(dir, 'src', 'lib'), { recursive: true });
    writeFileSync(join(dir, s % 10 === 0 ? 'Dockerfile.prod' : 'Dockerfile'), 'FROM python:3.12\nRUN pip install flask\n');
    for (let f = 0; f < 19; f++) writeFileSync(join(dir, 'src', f % 2 ? 'lib' : '', `module${f}.ts`), `export const n = ${f};\n`);
    for (let p = 0; p < 4; p++) {
      const pkg = join(dir, 'node_modules', `pkg-${p}`, 'dist');
      mkdirSync(pkg, { recursive: true });
      for (let f = 0; f < 20; f++) writeFileSync(join(pkg, f === 0 ? 'Dockerfile' : `file${f}.js`), '// vendored\n');
    }
  }
  writeFileSync(join(root, '.gitignore'), 'node_modules/\n');
  const git = (...argv) => execFileSync('git', argv, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
  git('init', '-q');
  git('add', '-A');
  git('-c', 'user.name=bench', '-c', 'user.email=bench@example.com', 'commit', '-qm', 'corpus');

  const gitTimes = [];
  const ourTimes = [];
  let gitFound = 0;
  let ourFound = 0;
  for (let i = 0; i < repeats; i++) {
    let start = performance.now();
    const listed = execFileSync('sh', ['-c', "git ls-files -co --exclude-standard | grep -E '(^|/)(Dockerfile|Containerfile)[^/]*$'"], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 30 });
    gitTimes.push(performance.now() - start);
    gitFound = listed.trim().split('\n').length;
    start = performance.now();
    ourFound = (await discover([], root)).files.length;
    ourTimes.push(performance.now() - start);
  }
  const [gitMs, ourMs] = [median(gitTimes), median(ourTimes)];
  console.log(`tree: ${total} files (${services} services, node_modules ignored by .gitignore)`);
  console.log(`git ls-files | grep: ${gitMs.toFixed(0)} ms, ${gitFound} Dockerfiles`);
  console.log(`dockerfile-codemod discovery: ${ourMs.toFixed(0)} ms, ${ourFound} Dockerfiles`);
  console.log(`ratio: ${(ourMs / gitMs).toFixed(2)}x (target <= 2x)`);
  if (gitFound !== ourFound) throw new Error('the two disagree about the Dockerfiles');
} finally {
  rmSync(root, { recursive: true, force: true });
}
