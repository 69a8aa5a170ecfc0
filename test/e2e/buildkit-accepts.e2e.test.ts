/**
 * BuildKit's own Dockerfile parser accepts every golden fixture output wherever it accepted the
 * input: every flag and --mount key the codemod writes is one BuildKit knows. Nothing is built
 * (see parseError in ./helpers/docker.ts), so base images do not matter.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseError } from './helpers/docker.js';
import { describeWithEngine } from './helpers/suite.js';

const fixtures = fileURLToPath(new URL('../fixtures', import.meta.url));

describeWithEngine('BuildKit accepts what the codemod writes', [], () => {
  test('every fixture output parses wherever its input did', async () => {
    const rejected: string[] = [];
    const inputRejected: string[] = [];
    let checked = 0;
    for (const name of readdirSync(fixtures).sort()) {
      const input = readFileSync(join(fixtures, name, 'input.Dockerfile'), 'utf8');
      const output = readFileSync(join(fixtures, name, 'output.Dockerfile'), 'utf8');
      if (input === output) continue;
      if ((await parseError(input)) !== undefined) {
        inputRejected.push(name);
        continue;
      }
      checked++;
      const error = await parseError(output);
      if (error !== undefined) rejected.push(`${name}: ${error}`);
    }
    process.stdout.write(`\n[e2e parse] ${checked} changed fixtures parse before and after; inputs BuildKit rejects itself: ${inputRejected.join(', ') || 'none'}\n`);
    expect(checked).toBeGreaterThan(40);
    expect(rejected).toEqual([]);
  });

  test('the check tells a rejected flag from an accepted one', async () => {
    expect(await parseError('FROM scratch\nRUN --mount=type=cache,target=/x,sharing=locked,uid=1000,gid=1000,mode=0755 true\n')).toBeUndefined();
    expect(await parseError('FROM scratch\nRUN --mount=type=cache,target=/x,bogus=1 true\n')).toMatch(/unexpected key 'bogus'/);
  });
});
