// Regenerates every golden fixture's output.Dockerfile from its input.Dockerfile with the current
// build (npm run fixtures:update), for a change that is meant to alter outputs, such as a new
// layout. Review the resulting `git diff test/fixtures` line by line before committing it: the
// fixture tests still compare byte for byte, so a regression written here is a regression
// committed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { transform } from '../dist/src/index.js';

const root = 'test/fixtures';
let updated = 0;
for (const name of readdirSync(root).sort()) {
  const dir = join(root, name);
  const input = readFileSync(join(dir, 'input.Dockerfile'), 'utf8');
  const optionsFile = join(dir, 'options.json');
  // As test/fixtures.test.ts reads it: { transforms?, options? }; no file means the default transforms.
  const settings = existsSync(optionsFile) ? JSON.parse(readFileSync(optionsFile, 'utf8')) : {};
  const outputFile = join(dir, 'output.Dockerfile');
  const { output } = transform(input, { ...settings, path: outputFile });
  const before = existsSync(outputFile) ? readFileSync(outputFile, 'utf8') : undefined;
  if (output === before) continue;
  writeFileSync(outputFile, output);
  updated++;
  console.log(`${outputFile}: ${before === undefined ? 'created' : 'updated'}`);
}
console.log(`${updated} of ${readdirSync(root).length} fixture outputs changed; review them with git diff ${root}`);
