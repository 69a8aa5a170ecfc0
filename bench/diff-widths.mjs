// Measures how wide the lines a diff adds are; pipe any unified diff in:
//   node dist/cli.mjs some/tree | node bench/diff-widths.mjs
// Prints the widest added line and how many added lines pass 100 columns, split into those whose
// hunk already had a line that wide (the original was long) and those the codemod made long.
// Columns count a tab to the next multiple of 4, as src/dockerfile/layout.ts measures.
import { readFileSync } from 'node:fs';

const LIMIT = 100;
const columns = (line) => [...line].reduce((width, c) => (c === '\t' ? width - (width % 4) + 4 : width + 1), 0);

const diff = readFileSync(0, 'utf8');
let widest = { width: 0, line: '' };
let added = 0;
let over = 0;
let overNew = 0;
let hunk = { removedOver: false, addedOver: 0 };
const closeHunk = () => {
  over += hunk.addedOver;
  if (!hunk.removedOver) overNew += hunk.addedOver;
  hunk = { removedOver: false, addedOver: 0 };
};
for (const raw of diff.split('\n')) {
  const line = raw.replace(/\r$/, '');
  if (line.startsWith('@@') || line.startsWith('--- ') || line.startsWith('+++ ')) {
    closeHunk();
  } else if (line.startsWith('+')) {
    added++;
    const width = columns(line.slice(1));
    if (width > widest.width) widest = { width, line: line.slice(1) };
    if (width > LIMIT) hunk.addedOver++;
  } else if (line.startsWith('-') && columns(line.slice(1)) > LIMIT) {
    hunk.removedOver = true;
  }
}
closeHunk();
console.log(`added lines: ${added}`);
console.log(`widest added line: ${widest.width} columns${widest.width > 0 ? `: ${widest.line.slice(0, 90)}${widest.line.length > 90 ? '...' : ''}` : ''}`);
console.log(`added lines over ${LIMIT} columns: ${over} (${overNew} in hunks whose original lines were all ${LIMIT} or narrower)`);
