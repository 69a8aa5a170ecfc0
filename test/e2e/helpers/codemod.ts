/**
 * The codemod as users run it: the built CLI (dist/cli.mjs, made by `npm run build`) in stdin
 * mode, with the default transforms.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const bin = fileURLToPath(new URL('../../../dist/cli.mjs', import.meta.url));

/** `dockerfile` as the CLI rewrites it; extra CLI arguments may select transforms or options. */
export function codemod(dockerfile: string, ...args: string[]): string {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run npm run build first`);
  return execFileSync(process.execPath, [bin, '--stdin-filepath', 'Dockerfile', ...args], { input: dockerfile, encoding: 'utf8' });
}
