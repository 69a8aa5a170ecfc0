import { appendFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { unifiedDiff } from '../output/diff.js';
import type { FileResult } from '../engine/pipeline.js';
import type { Transform } from '../engine/transform.js';
import { pullRequestTexts, type ChangedFile, type PullRequestTexts } from './pull-request.js';

/** A group's files as written to the patch directory, and its pull-request texts. */
export interface WrittenGroup extends PullRequestTexts {
  readonly group: string;
  readonly files: readonly string[];
}

/**
 * Writes per group `<group>.patch` (what `git apply` takes), `<group>.md` (the pull-request title
 * on the first line, then its body) and `<group>.commit.txt` (the commit message). Diffs are
 * appended as results arrive, so only the per-file change lists stay in memory.
 */
export class PatchDirectory {
  private readonly groups = new Map<string, ChangedFile[]>();
  private pending: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly dir: string,
    private readonly version: string,
    private readonly transforms: readonly Transform[],
  ) {}

  add(result: FileResult, group: string): void {
    if (result.status !== 'changed') return;
    let files = this.groups.get(group);
    const first = !files;
    if (!files) {
      files = [];
      this.groups.set(group, files);
    }
    files.push({ path: result.path, changes: result.changes });
    const diff = unifiedDiff(result.path, result.original!, result.output!);
    const file = join(this.dir, `${group}.patch`);
    this.pending = this.pending.then(async () => {
      if (first) await mkdir(this.dir, { recursive: true });
      await (first ? writeFile(file, diff) : appendFile(file, diff));
    });
  }

  /** Writes the texts once every file was added; returns the groups, sorted by name. */
  async finish(): Promise<WrittenGroup[]> {
    await this.pending;
    const written: WrittenGroup[] = [];
    for (const [group, files] of [...this.groups].sort(([a], [b]) => a.localeCompare(b))) {
      const texts = pullRequestTexts(group, files, this.transforms, this.version);
      await writeFile(join(this.dir, `${group}.md`), `${texts.title}\n\n${texts.body}`);
      await writeFile(join(this.dir, `${group}.commit.txt`), texts.commitMessage);
      written.push({ group, files: files.map((file) => file.path), ...texts });
    }
    return written;
  }
}
