/**
 * The differential harness: "same image, only faster". For each case, the codemod (the library,
 * default transforms) rewrites the Dockerfile; the original and the rewrite are built on an empty
 * cache, the rewrite once more warm, and the images compared file by file and by configuration.
 *
 * Empty cache. Cache mounts are shared by every build on the engine and keyed by their id (the
 * target unless `id=` says otherwise). The scheduler runs cases concurrently only when their mount
 * ids are disjoint, and prunes the whole build cache (`docker builder prune -af`, cache mounts
 * included) before an id is used a second time; so each rewrite's first build starts with empty
 * mounts. The original has no cache mounts, so building it beside its rewrite changes nothing.
 * Warm. The rewrite is built again with `--no-cache`: every step runs again, and the cache mounts
 * (which --no-cache does not touch) hold what the first build put there.
 */
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { transform, type TransformTextResult } from '../../../src/library.js';
import type { TransformOptions } from '../../../src/engine/options.js';
import { build, type BuildResult, engine, isUnder, type ListingEntry, pruneBuildCache } from './docker.js';

// ---------------------------------------------------------------------------------------------
// Cases

/** The classes of breakage of issue 12, plus the plain cases where a mount must be added. */
export type IssueClass =
  | '1 same-RUN delete/move'
  | '2 later reader'
  | '3 earlier fill'
  | '4 ownership'
  | '5 control flow'
  | '6 apt side effects'
  | '7 broad target'
  | '8 base environment'
  | 'positive';

export interface DifferentialCase {
  readonly name: string;
  readonly issueClass: IssueClass;
  readonly dockerfile: string;
  /** Files of the build context, by relative path. */
  readonly files?: Readonly<Record<string, string>>;
  readonly options?: TransformOptions;
  /** What the codemod must do: add at least one cache mount, or leave the file unchanged. */
  readonly expect: 'mounted' | 'skipped';
  /** For a mounted case where only some targets may be mounted: exactly these cache mount targets. */
  readonly targets?: readonly string[];
  /** A tool bug this case shows: the test is marked failing, with this text as the reason. */
  readonly knownBug?: string;
}

// ---------------------------------------------------------------------------------------------
// Snapshots: one container per image lists its file system

/** An image as the comparison sees it: every file (hashed), and the configuration users build FROM. */
export interface ImageSnapshot {
  readonly entries: ReadonlyMap<string, ListingEntry>;
  readonly config: Readonly<Record<string, string>>;
  /** uid and home directory of the image's USER, when that user is not root. */
  readonly nonRootUser?: { readonly uid: number; readonly home: string };
}

/** The configuration fields compared (the rest are set by the builder, not the Dockerfile). */
const CONFIG_FIELDS = ['Env', 'User', 'WorkingDir', 'Entrypoint', 'Cmd', 'Shell', 'Volumes', 'ExposedPorts', 'Labels', 'StopSignal', 'Healthcheck', 'OnBuild'] as const;

/**
 * Lists / without /proc, /sys, /dev and the three files Docker bind-mounts into every container:
 * `type mode uid gid size link path` per entry, then `sha256  path` per regular file, then the
 * image user's uid and home (from /etc/passwd).
 */
const LISTING_SCRIPT = [
  `set -e`,
  `skip='-path /proc -o -path /sys -o -path /dev -o -path /etc/hosts -o -path /etc/hostname -o -path /etc/resolv.conf'`,
  `find / -xdev \\( $skip \\) -prune -o -printf '%y\\t%m\\t%U\\t%G\\t%s\\t%l\\t%p\\n'`,
  `echo '--- sha256'`,
  `find / -xdev \\( $skip \\) -prune -o -type f -print0 | xargs -0 -r sha256sum`,
  `echo '--- user'`,
  `if [ -n "$IMAGE_USER" ]; then getent passwd "\${IMAGE_USER%%:*}" | cut -d: -f3,6 || echo "\${IMAGE_USER%%:*}:"; fi`,
].join('\n');

const FIND_TYPES: Record<string, ListingEntry['type']> = { f: 'file', d: 'dir', l: 'symlink', c: 'char', b: 'block', p: 'fifo' };

/** Runs the docker client without blocking the event loop (the package servers live in this process). */
export async function dockerAsync(args: readonly string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const { docker: client, env } = engine();
  const child = spawn(client, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr.on('data', (chunk: Buffer) => err.push(chunk));
  const exitCode = await new Promise<number>((resolve) => {
    child.on('error', (error) => {
      err.push(Buffer.from(error.message));
      resolve(-1);
    });
    child.on('close', (code) => resolve(code ?? -1));
  });
  return { exitCode, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(err).toString('utf8') };
}

async function dockerOrThrow(args: readonly string[]): Promise<string> {
  const result = await dockerAsync(args);
  if (result.exitCode !== 0) throw new Error(`docker ${args.join(' ')} failed: ${result.stderr.trim()}`);
  return result.stdout;
}

/** Parses the output of {@link LISTING_SCRIPT}. */
export function parseListing(output: string): { entries: Map<string, ListingEntry>; user?: { uid: number; home: string } } {
  const [listing = '', rest = ''] = output.split('\n--- sha256\n');
  const [hashes = '', userLine = ''] = rest.split('--- user\n');
  const digests = new Map<string, string>();
  for (const line of hashes.split('\n')) {
    const match = /^([0-9a-f]{64}) {2}(.*)$/.exec(line);
    if (match) digests.set(match[2]!, match[1]!);
  }
  const entries = new Map<string, ListingEntry>();
  for (const line of listing.split('\n')) {
    const fields = line.split('\t');
    if (fields.length < 7) continue;
    const [kind, mode, uid, gid, size, link, ...pathParts] = fields as [string, string, string, string, string, string, ...string[]];
    const path = pathParts.join('\t');
    const type = FIND_TYPES[kind] ?? 'other';
    const sha256 = digests.get(path);
    entries.set(path, {
      path,
      type,
      mode: (parseInt(mode, 8) & 0o7777).toString(8).padStart(4, '0'),
      uid: Number(uid),
      gid: Number(gid),
      // A directory's size depends on the file system's history, not on what it holds.
      size: type === 'dir' ? 0 : Number(size),
      ...(sha256 ? { sha256 } : {}),
      ...(type === 'symlink' ? { link } : {}),
    });
  }
  const user = /^(\d+):(.*)$/.exec(userLine.trim());
  return { entries, ...(user && user[1] !== '0' ? { user: { uid: Number(user[1]), home: user[2]! } } : {}) };
}

/** The file system and configuration of `image`, from one container (no `docker export`). */
export async function snapshotImage(image: string): Promise<ImageSnapshot> {
  const config = JSON.parse(await dockerOrThrow(['image', 'inspect', '--format', '{{json .Config}}', image])) as Record<string, unknown>;
  const imageUser = typeof config.User === 'string' ? config.User : '';
  const output = await dockerOrThrow(['run', '--rm', '--network', 'none', '--user', '0:0', '--env', `IMAGE_USER=${imageUser}`, '--entrypoint', '/bin/sh', image, '-c', LISTING_SCRIPT]);
  const { entries, user } = parseListing(output);
  return {
    entries,
    config: Object.fromEntries(CONFIG_FIELDS.map((field) => [field, JSON.stringify(config[field] ?? null)])),
    ...(user ? { nonRootUser: user } : {}),
  };
}

// ---------------------------------------------------------------------------------------------
// Comparison, with the allowed differences spelled out

/**
 * Content that differs between any two builds of the same Dockerfile, whatever the codemod did:
 * bytecode embeds its source's mtime; logs and ldconfig's and debconf's caches record times.
 * Type, mode and owner must still agree; only logs may change size.
 */
const VOLATILE_CONTENT = (path: string) => path.endsWith('.pyc') || path === '/var/cache/ldconfig/aux-cache' || path.startsWith('/var/cache/debconf/') || path.startsWith('/var/log/');
const VOLATILE_SIZE = (path: string) => path.startsWith('/var/log/');

/**
 * What a package manager keeps only to be faster next time, and so may live on the mount instead
 * of in the image: apt's downloaded .debs, binary caches and the lock and partial-download
 * directory it keeps beside them; its package lists (the index `apt-get update` fetches, which
 * images delete by convention); pip's cache directory with its HTTP, wheel and self-check caches,
 * at the mount target or in a `pip` directory right below it. Anything else under a mount target
 * (another tool's output, a config file) must stay in the image.
 */
export function isPureCache(path: string, mountTarget: string): boolean {
  if (!isUnder(path, mountTarget)) return false;
  const relative = path.slice(mountTarget.replace(/\/+$/, '').length + 1);
  return (
    /^\/var\/cache\/apt\/(archives\/([^/]+\.deb|lock|partial)|[^/]+\.bin)$/.test(path) ||
    /^\/var\/lib\/apt\/lists\/.+/.test(path) ||
    /^(pip\/)?((http|http-v2|wheels|selfcheck)(\/.*)?|selfcheck\.json)$|^pip$/.test(relative)
  );
}

export interface Comparison {
  /** Differences no allowance explains: the images are not the same. */
  readonly unexplained: string[];
  /** Differences the allowances explain, each with the allowance that did. */
  readonly allowed: string[];
}

function describeEntry(entry: ListingEntry, content: boolean, size: boolean): string {
  const digest = content && entry.sha256 ? ` ${entry.sha256.slice(0, 12)}` : '';
  return `${entry.type} ${entry.mode} ${entry.uid}:${entry.gid}${size ? ` ${entry.size}` : ''}${digest}${entry.link !== undefined ? ` -> ${entry.link}` : ''}`;
}

/**
 * Compares the original image with a rewrite whose cache mounts are at `mountTargets`. Allowed:
 * 1. a directory only in the rewrite that is a mount target or a parent BuildKit made for one
 *    (BuildKit leaves them behind), except inside the home of a non-root image user, who would
 *    find it owned by root;
 * 2. pure cache ({@link isPureCache}) under a mount target that the original image holds and the
 *    rewrite does not, or holds differently;
 * 3. volatile content ({@link VOLATILE_CONTENT}).
 */
export function compareSnapshots(original: ImageSnapshot, rewrite: ImageSnapshot, mountTargets: readonly string[]): Comparison {
  const unexplained: string[] = [];
  const allowed: string[] = [];
  for (const field of CONFIG_FIELDS) {
    if (original.config[field] !== rewrite.config[field]) unexplained.push(`config ${field}: ${original.config[field]} | ${rewrite.config[field]}`);
  }
  const cacheUnderMount = (path: string) => mountTargets.some((target) => isPureCache(path, target));
  const home = rewrite.nonRootUser?.home;
  const inUserHome = (path: string) => home !== undefined && home !== '/' && home !== '' && isUnder(path, home);

  for (const [path, before] of original.entries) {
    const after = rewrite.entries.get(path);
    if (!after) {
      if (cacheUnderMount(path)) allowed.push(`cache kept on the mount: ${path}`);
      else unexplained.push(`only in the original: ${path} (${describeEntry(before, false, true)})`);
      continue;
    }
    const [x, y] = [describeEntry(before, !VOLATILE_CONTENT(path), !VOLATILE_SIZE(path)), describeEntry(after, !VOLATILE_CONTENT(path), !VOLATILE_SIZE(path))];
    if (x === y) continue;
    if (cacheUnderMount(path)) allowed.push(`cache kept on the mount: ${path}`);
    else unexplained.push(`changed: ${path}: ${x} | ${y}`);
  }
  for (const [path, after] of rewrite.entries) {
    if (original.entries.has(path)) continue;
    const leftMountPoint = after.type === 'dir' && mountTargets.some((target) => isUnder(target, path));
    if (leftMountPoint && !inUserHome(path)) allowed.push(`mount point left behind: ${path}`);
    else unexplained.push(`only in the rewrite: ${path} (${describeEntry(after, false, true)})${leftMountPoint ? ` inside the home of the image's user (uid ${rewrite.nonRootUser?.uid})` : ''}`);
  }
  return { unexplained: unexplained.sort(), allowed: allowed.sort() };
}

// ---------------------------------------------------------------------------------------------
// Running the cases

/** `--mount=type=cache,...` flags of a Dockerfile: their targets and cache ids. */
export function cacheMounts(dockerfile: string): { target: string; id: string }[] {
  const mounts: { target: string; id: string }[] = [];
  for (const match of dockerfile.matchAll(/--mount=(\S+)/g)) {
    const keys = new Map(match[1]!.split(',').map((pair) => [pair.split('=')[0]!, pair.slice(pair.indexOf('=') + 1)] as const));
    const target = keys.get('target') ?? keys.get('dst') ?? keys.get('destination');
    if (keys.get('type') === 'cache' && target) mounts.push({ target, id: keys.get('id') ?? target });
  }
  return mounts;
}

/** Files a build fetched: apt's package index and .debs (its `Get:` lines), and wheels (pip's `Downloading`). */
export function fetchedFiles(output: string): string[] {
  const indexes = [...output.matchAll(/Get:\d+ \S+ \S+ Packages \[/g)].map(() => 'Packages');
  const debs = [...output.matchAll(/Get:\d+ \S+ \S+ (\S+) (\S+) \[/g)].map((match) => `${match[1]}_${match[2]}.deb`);
  const wheels = [...output.matchAll(/Downloading \S*?([^/\s]+\.whl)/g)].map((match) => match[1]!);
  return [...indexes, ...debs, ...wheels];
}

export interface BuildRecord {
  readonly variant: 'original' | 'rewrite' | 'warm';
  readonly seconds: number;
  readonly failure?: string;
  /** The last lines of the output of a failed build. */
  readonly tail?: string;
  readonly fetched: readonly string[];
}

export interface CaseResult {
  readonly name: string;
  readonly changed: boolean;
  /** Cache mount targets the codemod added (or found). */
  readonly mountTargets: readonly string[];
  /** The codemod's reasons for leaving something alone. */
  readonly skipReasons: readonly string[];
  readonly rewritten: string;
  readonly builds: readonly BuildRecord[];
  /** Unexplained differences of the empty-cache and the warm rewrite, each against the original. */
  readonly differences: { readonly empty: readonly string[]; readonly warm: readonly string[] };
  readonly allowed: readonly string[];
  /** Wall time of the case, from the codemod to the comparison. */
  readonly seconds: number;
  /** A failure of the harness itself (not of a build). */
  readonly error?: string;
}

export interface RunSettings {
  /** Cases in flight at once; each runs up to two builds at a time. */
  readonly concurrency: number;
  /** Keep the images afterwards (E2E_KEEP_IMAGES=1). */
  readonly keepImages?: boolean;
}

const slug = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 100);

function record(variant: BuildRecord['variant'], result: BuildResult): BuildRecord {
  return {
    variant,
    seconds: result.durationMs / 1000,
    fetched: fetchedFiles(result.output),
    ...(result.failure ? { failure: result.failure, tail: result.output.split('\n').slice(-40).join('\n') } : {}),
  };
}

/** The codemod as the library runs it, default transforms, with the case's options. */
const rewrite = (testCase: DifferentialCase): TransformTextResult => transform(testCase.dockerfile, testCase.options ? { options: testCase.options } : {});

async function runCase(testCase: DifferentialCase, result: TransformTextResult, work: string, settings: RunSettings): Promise<CaseResult> {
  const started = performance.now();
  const mounts = cacheMounts(result.output);
  const context = join(work, slug(testCase.name));
  mkdirSync(context, { recursive: true });
  for (const [path, content] of Object.entries(testCase.files ?? {})) {
    mkdirSync(dirname(join(context, path)), { recursive: true });
    writeFileSync(join(context, path), content);
  }
  const tag = (variant: BuildRecord['variant']) => `e2e-diff/${slug(testCase.name)}:${variant}`;
  const builds: BuildRecord[] = [];
  const differences: { empty: string[]; warm: string[] } = { empty: [], warm: [] };
  const allowed = new Set<string>();
  const base = {
    name: testCase.name,
    changed: result.changed,
    mountTargets: [...new Set(mounts.map((mount) => mount.target))],
    skipReasons: result.skipped.map((item) => `line ${item.line}: ${item.message}`),
    rewritten: result.output,
  };
  try {
    if (!result.changed) {
      // Nothing to compare: the same file builds the same image. It must still build, or the case proves nothing.
      builds.push(record('original', await build(context, testCase.dockerfile, tag('original'))));
    } else {
      const [original, rewrite] = await Promise.all([build(context, testCase.dockerfile, tag('original')), build(context, result.output, tag('rewrite'))]);
      builds.push(record('original', original), record('rewrite', rewrite));
      if (rewrite.exitCode === 0) builds.push(record('warm', await build(context, result.output, tag('warm'), { extraArgs: ['--no-cache'] })));
      if (builds.every((entry) => !entry.failure)) {
        const [before, empty, warm] = await Promise.all((['original', 'rewrite', 'warm'] as const).map((variant) => snapshotImage(tag(variant))));
        for (const [key, after] of [['empty', empty!], ['warm', warm!]] as const) {
          const comparison = compareSnapshots(before!, after, base.mountTargets);
          differences[key].push(...comparison.unexplained);
          comparison.allowed.forEach((line) => allowed.add(line));
        }
      }
    }
    return { ...base, builds, differences, allowed: [...allowed].sort(), seconds: (performance.now() - started) / 1000 };
  } catch (error) {
    return { ...base, builds, differences, allowed: [...allowed].sort(), seconds: (performance.now() - started) / 1000, error: error instanceof Error ? error.message : String(error) };
  } finally {
    if (!settings.keepImages) await dockerAsync(['rmi', '--force', tag('original'), tag('rewrite'), tag('warm')]);
  }
}

/**
 * Runs every case, `settings.concurrency` at a time, never two at once whose rewrites share a
 * cache id, and never one whose ids an earlier case used since the last prune. When nothing can
 * start and nothing runs, the build cache is pruned (cache mounts included).
 */
export async function runDifferential(cases: readonly DifferentialCase[], settings: RunSettings): Promise<{ results: Map<string, CaseResult>; prunes: number; seconds: number }> {
  const started = performance.now();
  const work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-e2e-diff-'));
  const results = new Map<string, CaseResult>();
  // Cases with mounts first: they need the prunes, the others fill the gaps.
  const pending = cases
    .map((testCase) => {
      const result = rewrite(testCase);
      return { testCase, result, ids: new Set(cacheMounts(result.output).map((mount) => mount.id)) };
    })
    .sort((a, b) => b.ids.size - a.ids.size);
  const used = new Set<string>();
  const running = new Set<Promise<void>>();
  let prunes = 0;
  pruneBuildCache();
  try {
    while (pending.length > 0 || running.size > 0) {
      for (let i = 0; i < pending.length && running.size < settings.concurrency; ) {
        const { testCase, result, ids } = pending[i]!;
        if ([...ids].some((id) => used.has(id))) {
          i++;
          continue;
        }
        pending.splice(i, 1);
        ids.forEach((id) => used.add(id));
        const job: Promise<void> = runCase(testCase, result, work, settings).then((outcome) => {
          results.set(testCase.name, outcome);
          running.delete(job);
        });
        running.add(job);
      }
      if (running.size > 0) await Promise.race(running);
      else if (pending.length > 0) {
        // Nothing builds now, so pruning cannot pull a record from under a build.
        pruneBuildCache();
        prunes++;
        used.clear();
      }
    }
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  return { results, prunes, seconds: (performance.now() - started) / 1000 };
}
