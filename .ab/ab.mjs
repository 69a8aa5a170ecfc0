import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const ours = (await import('../dist/src/io/discover.js')).discover;
const base = (await import('./main-dist/src/io/discover.js')).discover;
const total = Number(process.argv[2] || 50000);
const root = mkdtempSync(join(tmpdir(), 'ab-discovery-'));
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
  if (s % 50 === 0) { mkdirSync(join(dir, 'build'), { recursive: true }); writeFileSync(join(dir, 'build', 'Dockerfile'), 'FROM x\n'); }
}
writeFileSync(join(root, '.gitignore'), 'node_modules/\nbuild/\n');
execFileSync('git', ['init', '-q'], { cwd: root });
const times = { base: [], ours: [] };
let r;
for (let i = 0; i < 7; i++) {
  for (const [name, fn] of i % 2 ? [['base', base], ['ours', ours]] : [['ours', ours], ['base', base]]) {
    const cpu = process.cpuUsage(); const start = performance.now();
    r = await fn([], root);
    const used = process.cpuUsage(cpu);
    times[name].push({ wall: performance.now() - start, cpu: (used.user + used.system) / 1000, found: r.files.length, ignored: r.ignored });
  }
}
const med = (a, k) => a.map((x) => x[k]).sort((x, y) => x - y)[3];
console.log(`files ${total}: base wall ${med(times.base, 'wall').toFixed(0)} ms (node cpu ${med(times.base, 'cpu').toFixed(0)}), ours wall ${med(times.ours, 'wall').toFixed(0)} ms (node cpu ${med(times.ours, 'cpu').toFixed(0)}); found ${times.base[0].found} vs ${times.ours[0].found}; ignored ${JSON.stringify(times.ours[0].ignored)}`);
rmSync(root, { recursive: true, force: true });
