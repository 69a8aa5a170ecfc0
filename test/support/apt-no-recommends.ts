import { analyzeRun, basename, insertAt, wordRange, type Change, type Skip, type Transform } from '../../src/toolkit.js';

/** The README's custom transform example: `apt-get install` without recommended packages. It edits RUNs cache-mounts reads. */
export const aptNoRecommends: Transform = {
  id: 'apt-no-recommends',
  description: 'Add --no-install-recommends to apt-get install',
  defaultOn: false,
  options: [],
  mightApply: (text) => text.includes('apt-get'),
  apply(document, context) {
    const changes: Change[] = [];
    const skips: Skip[] = [];
    for (const run of document.runs()) {
      const line = run.getRange().start.line;
      if (context.isIgnored(line)) continue;
      for (const invocation of analyzeRun(document, run).invocations) {
        const install = invocation.argv.indexOf('install');
        if (basename(invocation.argv[0]!) !== 'apt-get' || install < 0 || invocation.argv.includes('--no-install-recommends')) continue;
        const word = wordRange(invocation, install);
        if (word) changes.push({ line: line + 1, message: 'apt-get install: --no-install-recommends', edits: [insertAt(word.end, ' --no-install-recommends')] });
        else skips.push({ line: line + 1, message: 'apt-get install inside a quoted script: left alone' });
      }
    }
    return { changes, skips };
  },
};
