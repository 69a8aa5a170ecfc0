import { DockerfileParser } from 'dockerfile-ast';
import { keepDownloadsSetup } from '../../transforms/cache-mounts/package-managers/apt.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import type { TransformOptions } from '../../src/engine/options.js';
import { transformContent, type FileResult } from '../../src/engine/pipeline.js';
import type { Transform } from '../../src/engine/transform.js';

export const DEFAULT_TRANSFORMS: readonly Transform[] = BUILTIN_TRANSFORMS.filter((transform) => transform.defaultOn);

export function run(content: string, options: TransformOptions = {}, transforms: readonly Transform[] = DEFAULT_TRANSFORMS): FileResult {
  return transformContent('Dockerfile', content, transforms, options);
}

/** Each instruction as keyword plus its arguments (dockerfile-ast leaves flags out): what must survive a transform. */
export function instructionSignature(content: string): string[] {
  const text = content.replace(/^\uFEFF/, '');
  return DockerfileParser.parse(text)
    .getInstructions()
    .map((instruction) => `${instruction.getKeyword()} ${instruction.getArguments().map((argument) => argument.getValue()).join(' ')}`);
}

/**
 * True when `output` is `input` with text only inserted (what the cache-mounts and syntax
 * transforms do): every byte of the input survives, in order.
 */
export function isInsertionOnly(input: string, output: string): boolean {
  let j = 0;
  for (let i = 0; i < input.length; i++) {
    j = output.indexOf(input[i]!, j);
    if (j < 0) return false;
    j++;
  }
  return true;
}

/** The `--mount=type=cache,...` flags in a text, parsed into key/value maps. */
export function cacheMountFlags(text: string): Map<string, string>[] {
  return [...text.matchAll(/--mount=(type=cache[^\s]*)/g)].map((match) => new Map(match[1]!.split(',').map((field) => field.split('=') as [string, string])));
}

/** 1-based first and last line of each instruction, aligned with `instructionSignature`. */
export function instructionLines(content: string): { first: number; last: number }[] {
  return DockerfileParser.parse(content.replace(/^\uFEFF/, ''))
    .getInstructions()
    .map((instruction) => ({ first: instruction.getRange().start.line + 1, last: instruction.getRange().end.line + 1 }));
}

/** True when `items` appear in `sequence` in order, possibly with gaps. */
export function isSubsequence(items: readonly string[], sequence: readonly string[]): boolean {
  let j = 0;
  for (const item of items) {
    while (j < sequence.length && sequence[j] !== item) j++;
    if (j === sequence.length) return false;
    j++;
  }
  return true;
}

/** A RUN's signature without what the transforms add to commands (apt keep-downloads, dnf keepcache, apk cache dir). */
export function withoutInsertedText(row: string): string {
  return row
    .replaceAll(`${keepDownloadsSetup(true)} && `, '')
    .replaceAll(`${keepDownloadsSetup(false)} && `, '')
    .replaceAll(' --cache-dir /var/cache/apk', '')
    .replaceAll(' --setopt=keepcache=1', '');
}

/** apk's `--no-cache` becomes `-U` (no-cache-flags): the same word for this comparison, as are `-U`'s spellings. */
const apkIndexWord = (word: string) => (word === '--no-cache' || word === '-U' || word === '--update-cache' ? '<apk: fetch indexes>' : word);

/** Words of a RUN's arguments, `;` apart from the word it ends: removing `; npm cache clean` leaves `npm ci` without it. */
function shellWords(text: string): string[] {
  return text.split(/ |(?=;)|(?<=;)/).filter((word) => word !== '');
}

/**
 * True when the output's instructions are the input's, RUN arguments changed only by inserted
 * setup and removed words (cache defeaters), never by anything new.
 */
export function onlyIntendedChanges(input: string, output: string): boolean {
  const before = instructionSignature(input);
  const after = instructionSignature(output);
  if (before.length !== after.length) return false;
  return before.every((row, i) => {
    const other = after[i]!;
    if (row === other) return true;
    return row.startsWith('RUN ') && isSubsequence(shellWords(withoutInsertedText(other)).map(apkIndexWord), shellWords(row).map(apkIndexWord));
  });
}
