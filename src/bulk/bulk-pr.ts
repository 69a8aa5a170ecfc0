import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CommandError, git, run, tryGit, tryRun, type RunOptions } from './git.js';

export interface BulkPrOptions {
  /** Where the command runs; the Dockerfiles under it (or under `paths`) are migrated. */
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The branch (or any commit) the pull requests start from; default: the current branch. */
  readonly base?: string;
  /** Branches are `<prefix>/<group>`. */
  readonly prefix: string;
  readonly remote: string;
  readonly push: boolean;
  /** Open a pull request per group with `gh` (implies push). */
  readonly pullRequests: boolean;
  /** Replace branches that exist with other content. */
  readonly force: boolean;
  readonly allowDirty: boolean;
}

/** The codemod's result on a checkout of the base: its exit code, and the files it could not process. */
export interface CodemodRun {
  readonly exitCode: number;
  /** `path: reason` per file in error, or the run's own message (a config error). */
  readonly problems: readonly string[];
}

/**
 * Runs dockerfile-codemod in `cwd` (the same directory, in a checkout of the base) with
 * `--group-by` and `--patch-dir patchDir`.
 */
export type RunCodemod = (cwd: string, patchDir: string) => Promise<CodemodRun>;

/** A problem found before anything was changed, or a step that failed: exit 2 with this message. */
export class BulkPrError extends Error {}

interface Group {
  readonly name: string;
  readonly branch: string;
  readonly patch: string;
  readonly title: string;
  readonly bodyFile: string;
  readonly commitFile: string;
  readonly files: number;
}

type LocalState = { kind: 'absent' } | { kind: 'done'; commit: string } | { kind: 'other'; commit: string };

const ZERO_OID = '0'.repeat(40);

/**
 * Turns one codemod run into one branch, commit, push and pull request per group, without ever
 * touching the work tree, the index or HEAD: patches are computed in a temporary worktree of the
 * base, and commits are made with a temporary index. Everything that can be checked is checked
 * before the first branch is made; a branch that exists is reused when it already holds its
 * group's changes (a re-run resumes) and is never replaced without `force`.
 */
export class BulkPr {
  private readonly scratch = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-bulk-pr-'));
  private root = '';
  /** The temporary worktree of the base, while it exists. */
  private checkout: string | undefined;
  private prefixInRepo = '';

  constructor(
    private readonly options: BulkPrOptions,
    private readonly runCodemod: RunCodemod,
    private readonly say: (line: string) => void,
  ) {}

  private at(cwd: string, env?: RunOptions['env']): RunOptions {
    return { cwd, env: { ...this.options.env, ...env } };
  }

  async run(): Promise<void> {
    // Also on Ctrl-C (the CLI exits from its signal handler): no temporary worktree is left registered.
    const cleanUp = () => {
      if (this.checkout) tryGit(['worktree', 'remove', '--force', this.checkout], this.at(this.root));
      rmSync(this.scratch, { recursive: true, force: true });
    };
    process.once('exit', cleanUp);
    try {
      await this.steps();
    } catch (error) {
      // A git command that failed before any branch was made (a remote that does not answer...).
      throw error instanceof CommandError ? new BulkPrError(`${error.message}\nNothing was changed.`) : error;
    } finally {
      process.removeListener('exit', cleanUp);
      cleanUp();
    }
  }

  private async steps(): Promise<void> {
    const { options } = this;
    const inRepo = tryGit(['rev-parse', '--show-toplevel', '--show-prefix'], this.at(options.cwd));
    if (!inRepo.ok) throw new BulkPrError(`${options.cwd} is not in a git work tree`);
    const [root, prefix] = inRepo.stdout.split('\n');
    this.root = root!;
    this.prefixInRepo = prefix ?? '';
    const here = this.at(this.root);
    const current = tryGit(['symbolic-ref', '-q', '--short', 'HEAD'], here);
    const baseName = options.base ?? (current.ok ? current.stdout : undefined);
    if (baseName === undefined) throw new BulkPrError('HEAD is detached: name the base branch with --base');
    const base = tryGit(['rev-parse', '--verify', '--quiet', `${baseName}^{commit}`], here);
    if (!base.ok) throw new BulkPrError(`the base ${baseName} does not exist (no such branch or commit)`);
    if (!options.allowDirty && git(['status', '--porcelain'], here) !== '') {
      throw new BulkPrError(`the work tree has uncommitted changes; the pull requests are made from ${baseName} and would not include them. Commit or stash them, or pass --allow-dirty`);
    }
    if (!tryGit(['var', 'GIT_COMMITTER_IDENT'], here).ok) throw new BulkPrError('git has no user.name and user.email to commit with (git config user.name ...)');
    const push = options.push || options.pullRequests;
    if (push && !tryGit(['remote', 'get-url', options.remote], here).ok) throw new BulkPrError(`there is no remote ${options.remote} to push to (--remote names another)`);
    if (options.pullRequests && !tryRun('gh', ['--version'], here).ok) {
      throw new BulkPrError('--pr needs the GitHub CLI (gh) on PATH: install it (https://cli.github.com) or leave out --pr and open the pull requests yourself');
    }

    const groups = await this.computeGroups(base.stdout, baseName);
    if (groups.length === 0) {
      this.say(`bulk-pr: nothing to change on ${baseName}`);
      return;
    }
    const local = new Map(groups.map((group) => [group, this.localState(group)]));
    const remote = push ? this.remoteBranches() : new Map<string, string>();
    const blocked = groups.flatMap((group) => {
      const state = local.get(group)!;
      const remoteCommit = remote.get(group.branch);
      const problems: string[] = [];
      if (state.kind === 'other') problems.push(`${group.branch} exists and does not hold these changes`);
      else if (remoteCommit !== undefined && (state.kind === 'absent' || remoteCommit !== state.commit)) problems.push(`${options.remote}/${group.branch} exists with other commits`);
      return problems;
    });
    if (blocked.length > 0 && !options.force) {
      throw new BulkPrError(`${blocked.join('; ')}. Nothing was changed: pass --force to replace ${blocked.length === 1 ? 'it' : 'them'}, or choose another --prefix`);
    }

    const made: { branch: string; previous?: string; pushed: boolean }[] = [];
    try {
      for (const group of groups) {
        const state = local.get(group)!;
        let commit: string;
        if (state.kind === 'done') {
          commit = state.commit;
          this.say(`${group.branch}: already holds these changes (${group.files} file(s)), kept`);
        } else {
          commit = this.commit(group, base.stdout, state.kind === 'other' ? state.commit : undefined);
          made.push({ branch: group.branch, ...(state.kind === 'other' ? { previous: state.commit } : {}), pushed: false });
          this.say(`${group.branch}: ${group.files} file(s), committed ${commit.slice(0, 12)}${state.kind === 'other' ? ' (replaced, --force)' : ''}`);
        }
        if (push) {
          const remoteCommit = remote.get(group.branch);
          if (remoteCommit === commit) this.say(`${group.branch}: already pushed to ${options.remote}`);
          else {
            const lease = remoteCommit === undefined ? [] : [`--force-with-lease=refs/heads/${group.branch}:${remoteCommit}`];
            git(['push', '--quiet', ...lease, options.remote, `${commit}:refs/heads/${group.branch}`], here);
            const entry = made.find((candidate) => candidate.branch === group.branch);
            if (entry) entry.pushed = true;
            this.say(`${group.branch}: pushed to ${options.remote}`);
          }
        }
        if (options.pullRequests) {
          // Open ones only: `gh pr view <branch>` also finds a closed or merged pull request.
          const existing = run('gh', ['pr', 'list', '--head', group.branch, '--state', 'open', '--json', 'url', '--jq', '.[].url'], here);
          if (existing !== '') this.say(`${group.branch}: pull request already open: ${existing}`);
          else {
            const url = run('gh', ['pr', 'create', '--base', baseName, '--head', group.branch, '--title', group.title, '--body-file', group.bodyFile], here);
            this.say(`${group.branch}: opened ${url}`);
          }
        }
      }
    } catch (error) {
      const undone = this.rollBack(made.filter((entry) => !entry.pushed));
      const kept = made.filter((entry) => entry.pushed).map((entry) => entry.branch);
      const what = error instanceof CommandError ? error.message : String(error);
      throw new BulkPrError(
        `${what}\n${undone.length > 0 ? `Removed the branches this run made and had not pushed: ${undone.join(', ')}. ` : ''}` +
          `${kept.length > 0 ? `Kept the pushed ones: ${kept.join(', ')}. ` : ''}Your checkout was not touched; run again to resume.`,
      );
    }
    this.say(`bulk-pr: ${groups.length} group(s) from ${baseName}${push ? `, pushed to ${options.remote}` : ' (local branches: --pr pushes them and opens the pull requests)'}`);
  }

  /** Runs the codemod in a temporary worktree of the base, in the same subdirectory; reads its patch directory. */
  private async computeGroups(base: string, baseName: string): Promise<Group[]> {
    const checkout = join(this.scratch, 'checkout');
    const patchDir = join(this.scratch, 'patches');
    const here = this.at(this.root);
    git(['worktree', 'add', '--quiet', '--detach', checkout, base], here);
    this.checkout = checkout;
    let result: CodemodRun;
    try {
      result = await this.runCodemod(join(checkout, this.prefixInRepo), patchDir);
    } finally {
      git(['worktree', 'remove', '--force', checkout], here);
      this.checkout = undefined;
    }
    if (result.exitCode === 2) {
      throw new BulkPrError(
        `dockerfile-codemod reported ${result.problems.length === 1 ? 'a problem' : `${result.problems.length} problems`} on ${baseName}, so no branch was made:\n` +
          result.problems.map((problem) => `  ${problem}`).join('\n') +
          '\nFix those files, or leave them out (--ignore, .dockerfile-codemodignore), and run again.',
      );
    }
    const names = (() => {
      try {
        return readdirSync(patchDir).filter((name) => name.endsWith('.patch')).map((name) => name.slice(0, -'.patch'.length)).sort();
      } catch {
        return [];
      }
    })();
    return names.map((name) => {
      const text = readFileSync(join(patchDir, `${name}.md`), 'utf8');
      const newline = text.indexOf('\n');
      const bodyFile = join(patchDir, `${name}.body.md`);
      writeFileSync(bodyFile, text.slice(newline + 1).replace(/^\n/, ''));
      const patch = join(patchDir, `${name}.patch`);
      return {
        name,
        branch: `${this.options.prefix}/${name}`,
        patch,
        title: text.slice(0, newline),
        bodyFile,
        commitFile: join(patchDir, `${name}.commit.txt`),
        files: readFileSync(patch, 'utf8').match(/^\+\+\+ b\//gm)?.length ?? 0,
      };
    });
  }

  /** git apply with a scratch index, so the real index and work tree are never touched. */
  private withIndex(tree: string, body: (options: RunOptions) => void): void {
    const index = this.at(this.root, { GIT_INDEX_FILE: join(this.scratch, 'index') });
    git(['read-tree', tree], index);
    body(index);
  }

  /** `git apply` of a group's patch to the scratch index; its paths are relative to the directory the command runs in. */
  private applyArgs(group: Group, ...flags: string[]): string[] {
    return ['apply', '--cached', ...flags, ...(this.prefixInRepo === '' ? [] : [`--directory=${this.prefixInRepo}`]), group.patch];
  }

  private localState(group: Group): LocalState {
    const here = this.at(this.root);
    const existing = tryGit(['rev-parse', '--verify', '--quiet', `refs/heads/${group.branch}^{commit}`], here);
    if (!existing.ok) return { kind: 'absent' };
    // The branch holds the changes when the patch applies in reverse to it.
    let holds = false;
    this.withIndex(existing.stdout, (index) => {
      holds = tryGit(this.applyArgs(group, '--check', '--reverse'), index).ok;
    });
    return { kind: holds ? 'done' : 'other', commit: existing.stdout };
  }

  /** The remote's branches under the prefix, by name, in one call. */
  private remoteBranches(): Map<string, string> {
    const listing = git(['ls-remote', '--heads', this.options.remote, `refs/heads/${this.options.prefix}/*`], this.at(this.root));
    const branches = new Map<string, string>();
    for (const line of listing.split('\n').filter(Boolean)) {
      const [commit, ref] = line.split('\t');
      branches.set(ref!.replace(/^refs\/heads\//, ''), commit!);
    }
    return branches;
  }

  /** Base + patch, committed with a scratch index; the branch ref moves only if it is still where it was seen. */
  private commit(group: Group, base: string, previous: string | undefined): string {
    let commit = '';
    this.withIndex(base, (index) => {
      git(this.applyArgs(group), index);
      const tree = git(['write-tree'], index);
      commit = git(['commit-tree', tree, '-p', base, '-F', group.commitFile], index);
    });
    git(['update-ref', '-m', 'dockerfile-codemod bulk-pr', `refs/heads/${group.branch}`, commit, previous ?? ZERO_OID], this.at(this.root));
    return commit;
  }

  /** Deletes the branches this run made (or puts back what --force replaced); returns their names. */
  private rollBack(entries: readonly { branch: string; previous?: string }[]): string[] {
    for (const entry of entries) {
      const ref = `refs/heads/${entry.branch}`;
      tryGit(entry.previous ? ['update-ref', ref, entry.previous] : ['update-ref', '-d', ref], this.at(this.root));
    }
    return entries.map((entry) => entry.branch);
  }
}
