// Regenerates the package-manager tables in the READMEs from the built code (npm run docs).
import { readFileSync, writeFileSync } from 'node:fs';
import { withCurrentTable } from '../dist/transforms/cache-mounts/docs.js';

for (const file of ['README.md', 'transforms/cache-mounts/README.md']) {
  const before = readFileSync(file, 'utf8');
  const after = withCurrentTable(before);
  if (after !== before) writeFileSync(file, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'updated'}`);
}
