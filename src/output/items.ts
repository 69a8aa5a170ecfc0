import type { FileResult, ReportedItem } from '../engine/pipeline.js';

/** A change or skip as the human-readable formats list it: repeats of the same line folded into one. */
export interface ListedItem {
  readonly item: ReportedItem;
  readonly kind: 'change' | 'skip';
  /** How many identical items (same line, transform and message) it stands for. */
  readonly count: number;
  /** The item's detail, unless an earlier item of the same file already carried the same text. */
  readonly detail?: string;
}

/**
 * A file's changes, then its skips, in line order, each distinct line once (`pip install a
 * --no-cache-dir && pip install b --no-cache-dir` on one line is one entry, count 2) and each
 * distinct detail once per file (the apt setup explained at the first apt RUN only).
 */
export function listedItems(result: FileResult): ListedItem[] {
  const listed: { item: ReportedItem; kind: ListedItem['kind']; count: number }[] = [];
  const byKey = new Map<string, { count: number }>();
  const add = (kind: ListedItem['kind']) => (item: ReportedItem) => {
    const key = JSON.stringify([kind, item.line, item.transform, item.message]);
    const same = byKey.get(key);
    if (same) {
      same.count++;
      return;
    }
    const entry = { item, kind, count: 1 };
    byKey.set(key, entry);
    listed.push(entry);
  };
  result.changes.forEach(add('change'));
  result.skipped.forEach(add('skip'));
  const explained = new Set<string>();
  return listed.map(({ item, kind, count }) => {
    const fresh = item.detail !== undefined && !explained.has(item.detail);
    if (fresh) explained.add(item.detail!);
    return { item, kind, count, ...(fresh ? { detail: item.detail! } : {}) };
  });
}

/** `6: cache-mounts: pip install: cache mount /root/.cache/pip`, with `(2×)` for a folded repeat. */
export function itemLine({ item, kind, count }: ListedItem, rule: string = item.transform): string {
  return `${item.line}: ${rule}: ${kind === 'skip' ? 'skipped: ' : ''}${item.message}${count > 1 ? ` (${count}×)` : ''}`;
}
