import { DockerfileDocument } from '../../src/dockerfile/document.js';
import { applyEdits, insertAt, LineMap } from '../../src/engine/edits.js';

describe('applyEdits', () => {
  test('applies edits in offset order; inserts at one offset keep their order', () => {
    expect(applyEdits('abcdef', [insertAt(3, 'Y'), { start: 0, end: 1, newText: 'A' }, insertAt(3, 'Z')])).toBe('AbcYZdef');
  });

  test('overlapping edits are a bug and throw', () => {
    expect(() => applyEdits('abcdef', [{ start: 0, end: 3, newText: '' }, { start: 2, end: 4, newText: '' }])).toThrow(/overlapping/);
  });
});

describe('LineMap', () => {
  test('maps lines of the edited text back to the original', () => {
    const original = 'a\nb\nc\nd\n';
    const edits = [insertAt(0, 'new\n'), { start: 4, end: 6, newText: '' }];
    const map = new LineMap(original, edits);
    expect(applyEdits(original, edits)).toBe('new\na\nb\nd\n');
    expect([1, 2, 3, 4].map((line) => map.toOriginal(line))).toEqual([1, 1, 2, 4]);
  });

  test('lines that begin inside inserted text belong to the line of the insertion', () => {
    const original = 'RUN x\nCMD y\n';
    const edits = [insertAt(4, '--a \\\n  --b \\\n  ')];
    expect(applyEdits(original, edits)).toBe('RUN --a \\\n  --b \\\n  x\nCMD y\n');
    const map = new LineMap(original, edits);
    expect([1, 2, 3, 4].map((line) => map.toOriginal(line))).toEqual([1, 1, 1, 2]);
  });

  test('a removal that joins the end of a line to a later line keeps the joined line at its start', () => {
    // `pip cache purge` stays on line 2 when the `\nrm ...` after it goes.
    const original = 'RUN <<EOF\npip cache purge\nrm -rf /root/.cache/pip\necho ok\nEOF\n';
    const start = original.indexOf('\nrm');
    const edits = [{ start, end: original.indexOf('\necho'), newText: '' }];
    const map = new LineMap(original, edits);
    expect(applyEdits(original, edits)).toBe('RUN <<EOF\npip cache purge\necho ok\nEOF\n');
    expect([1, 2, 3, 4].map((line) => map.toOriginal(line))).toEqual([1, 2, 4, 5]);
  });
});

describe('DockerfileDocument', () => {
  test('keeps the BOM aside and restores it', () => {
    const document = new DockerfileDocument('Dockerfile', '\uFEFFFROM a\n');
    expect(document.bom).toBe(true);
    expect(document.text).toBe('FROM a\n');
    expect(document.withText('X').toFileContent()).toBe('\uFEFFX');
  });

  test('line endings: the file default and the one of each line', () => {
    const document = new DockerfileDocument('Dockerfile', 'FROM a\r\nRUN b\nRUN c');
    expect(document.eol).toBe('\r\n');
    expect(document.eolAt(0)).toBe('\r\n');
    expect(document.eolAt(9)).toBe('\n');
    expect(document.eolAt(16)).toBe('\r\n');
  });

  test('offsets and lines agree with dockerfile-ast', () => {
    const document = new DockerfileDocument('Dockerfile', 'FROM a\r\nRUN b\nRUN c');
    const [, run] = document.ast.getInstructions();
    expect(document.offsetAt(run!.getRange().start)).toBe(8);
    expect(document.lineAt(8)).toBe(1);
    expect(document.slice(run!.getRange())).toBe('RUN b');
  });
});
