// Regenerates what is derived from the code (npm run docs): the package-manager tables in the
// READMEs and the config file's JSON Schema. A test fails while either is out of date.
import { readFileSync, writeFileSync } from 'node:fs';
import { withCurrentTable } from '../dist/transforms/cache-mounts/docs.js';
import { configSchema, SCHEMA_PATH } from '../dist/src/config/schema.js';
import { REPORT_FORMATS } from '../dist/src/output/reporter.js';
import { BUILTIN_TRANSFORMS } from '../dist/transforms/index.js';

function update(file, after) {
  const before = readFileSync(file, 'utf8');
  if (after !== before) writeFileSync(file, after);
  console.log(`${file}: ${after === before ? 'up to date' : 'updated'}`);
}

for (const file of ['README.md', 'transforms/cache-mounts/README.md']) update(file, withCurrentTable(readFileSync(file, 'utf8')));
update(SCHEMA_PATH, `${JSON.stringify(configSchema(BUILTIN_TRANSFORMS, REPORT_FORMATS), null, 2)}\n`);
