import { readFileSync } from 'node:fs';
import { constants } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { run } from '../support/invariants.js';
import { PIP, PIP_MIGRATED, startCli, temporaries, treeBytes, useScratch, writeTreeFor } from './helpers.js';

/**
 * A real `--write` over 3,000 files gets a real SIGINT or SIGTERM once it has started writing:
 * every file must then be its original or its complete rewrite, and no temporary file may remain.
 */
const scratch = useScratch();
const FILES = 3000;
const TEMPLATES = [
  PIP,
  'FROM debian:bookworm\r\nRUN apt-get update && \\\r\n    apt-get install -y gcc\r\n',
  '\uFEFFFROM node:20\nWORKDIR /app\nRUN npm ci\n',
  PIP_MIGRATED,
];

function pathOf(index: number): string {
  return `svc${String(index).padStart(4, '0')}/Dockerfile`;
}

test.each(['SIGINT', 'SIGTERM'] as const)('%s during --write: each file old or new, no temporary file left, exit 128+signal, one line on stderr', async (signal) => {
  const originals = new Map(Array.from({ length: FILES }, (_, index) => [pathOf(index), TEMPLATES[index % TEMPLATES.length]!]));
  writeTreeFor(scratch(), Object.fromEntries(originals));
  // What a full run makes of each template, from the library rather than the CLI under test.
  const rewritten = new Map(TEMPLATES.map((template) => [template, run(template).output!]));
  const first = join(scratch(), pathOf(0));

  const { child, exited } = startCli(['--write', '-q'], scratch());
  // Signal as soon as the first file has been replaced: writing is under way, most of it still to come.
  const deadline = Date.now() + 20_000;
  while (readFileSync(first, 'utf8') === PIP) {
    if (Date.now() > deadline) throw new Error('the CLI wrote nothing within 20 s');
    await sleep(2);
  }
  child.kill(signal);
  const { code, stderr } = await exited;

  expect(code).toBe(128 + constants.signals[signal]);
  expect(stderr).toBe(`dockerfile-codemod: interrupted by ${signal}; no file was left half-written\n`);
  expect(temporaries(scratch())).toEqual([]);
  const counts = { original: 0, rewritten: 0 };
  for (const [path, bytes] of treeBytes(scratch())) {
    const original = originals.get(path)!;
    const text = bytes.toString('utf8');
    if (text === rewritten.get(original) && text !== original) counts.rewritten++;
    else if (text === original) counts.original++;
    else throw new Error(`${path} is neither its original nor its rewrite:\n${text}`);
  }
  expect(counts.original + counts.rewritten).toBe(FILES);
  // Both kinds: the signal did arrive mid-run.
  expect(counts.rewritten).toBeGreaterThan(0);
  expect(counts.original).toBeGreaterThan(FILES / TEMPLATES.length);
}, 30_000);
