import type { DockerfileDocument } from '../dockerfile/document.js';
import { didYouMean } from '../shared/suggest.js';
import type { Transform } from './transform.js';

/**
 * `# dockerfile-codemod ignore[=ids]` above an instruction, `# dockerfile-codemod
 * ignore-file[=ids]` anywhere in the file. Ids are the rule ids reports show: transform ids
 * (`cache-mounts`) and sub-rule ids (`cache-mounts/apt`), separated by commas.
 */
const IGNORE_COMMENT = /^#\s*dockerfile-codemod\s+(ignore|ignore-file)\b(?:\s*=\s*(.*?))?\s*$/;

/** Rule ids an opt-out covers; `undefined` covers every rule. */
export type IgnoredIds = ReadonlySet<string> | undefined;

/** A problem in the file the user should fix, though it did not stop the run. */
export interface FileWarning {
  /** 1-based, in the file as read. */
  readonly line: number;
  readonly message: string;
}

/** Every rule id a run knows: each transform's id and its sub-rules' `<id>/<topic>`. */
export function ruleIds(transforms: readonly Transform[]): Set<string> {
  return new Set(transforms.flatMap((transform) => [transform.id, ...(transform.subRules ?? []).map((rule) => `${transform.id}/${rule.topic}`)]));
}

/** True when `ids` cover the transform's rule, or with a topic, its sub-rule `<id>/<topic>`. */
export function covers(ids: IgnoredIds, transformId: string, topic?: string): boolean {
  return ids === undefined || ids.has(transformId) || (topic !== undefined && ids.has(`${transformId}/${topic}`));
}

interface IgnoreComment {
  /** 0-based. */
  readonly line: number;
  readonly kind: 'ignore' | 'ignore-file';
  readonly ids: IgnoredIds;
}

function parseComment(text: string, line: number): IgnoreComment | undefined {
  const match = IGNORE_COMMENT.exec(text.trim());
  if (!match) return undefined;
  const ids = match[2]?.split(',').map((id) => id.trim()).filter(Boolean);
  return { line, kind: match[1] as IgnoreComment['kind'], ids: ids && ids.length > 0 ? new Set(ids) : undefined };
}

function merge(previous: IgnoredIds | null, next: IgnoredIds): IgnoredIds {
  if (previous === undefined || next === undefined) return undefined;
  return new Set([...(previous ?? []), ...next]);
}

/** A document's opt-out comments: for the whole file, and per instruction. */
export class InlineIgnores {
  /** What `ignore-file` comments exempt; `null` when there are none. */
  readonly file: IgnoredIds | null;
  /** The 0-based line of the first `ignore-file` comment. */
  readonly fileCommentLine?: number;
  private readonly instructions = new Map<number, IgnoredIds>();
  private readonly comments: IgnoreComment[] = [];

  constructor(document: DockerfileDocument) {
    const lines = document.text.split(/\r?\n/);
    let file: IgnoredIds | null = null;
    // Line by line: on the first line the parser takes `# dockerfile-codemod ignore-file=...` for a directive.
    for (const [line, text] of lines.entries()) {
      const parsed = text.includes('dockerfile-codemod') ? parseComment(text, line) : undefined;
      if (!parsed) continue;
      this.comments.push(parsed);
      if (parsed.kind === 'ignore-file') {
        file = merge(file, parsed.ids);
        this.fileCommentLine ??= line;
      }
    }
    this.file = file;
    // An `ignore` comment counts for the instruction right below its comment block.
    for (const instruction of document.ast.getInstructions()) {
      const first = instruction.getRange().start.line;
      let ids: IgnoredIds | null = null;
      for (let line = first - 1; line >= 0 && lines[line]!.trim().startsWith('#'); line--) {
        const parsed = parseComment(lines[line]!, line);
        if (parsed?.kind === 'ignore') ids = merge(ids, parsed.ids);
      }
      if (ids !== null) this.instructions.set(first, ids);
    }
  }

  /** True when the file or the instruction at this 0-based line opts out of the transform (or, with a topic, of its sub-rule). */
  ignores(line: number, transformId: string, topic?: string): boolean {
    if (this.file !== null && covers(this.file, transformId, topic)) return true;
    return this.instructions.has(line) && covers(this.instructions.get(line), transformId, topic);
  }

  /** A warning for each id no rule of the run has: a typo would otherwise silently exempt nothing. */
  unknownIds(known: ReadonlySet<string>): FileWarning[] {
    const warnings: FileWarning[] = [];
    for (const comment of this.comments) {
      for (const id of comment.ids ?? []) {
        if (known.has(id)) continue;
        // A sub-rule named without its transform (`apt`) is the likeliest slip.
        const qualified = [...known].filter((candidate) => candidate.endsWith(`/${id}`));
        const hint = qualified.length > 0 ? ` (did you mean ${qualified.map((candidate) => `"${candidate}"`).join(' or ')}?)` : didYouMean(id, known);
        warnings.push({ line: comment.line + 1, message: `unknown rule id "${id}" in a dockerfile-codemod ${comment.kind} comment${hint}` });
      }
    }
    return warnings;
  }
}
