import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { githubAnnotations } from '../src/output/formats/github.js';
import { RuleTable } from '../src/output/rules.js';
import { BUILTIN_TRANSFORMS } from '../transforms/index.js';
import type { SarifLog, SarifRegion, SarifReplacement, SarifResult } from '../src/output/formats/sarif.js';
import { repo, runCli, writeTree } from './support/cli.js';

/** These tests run the built binary on scratch directories. */
let work: string;

const cli = (args: string[], options: { input?: string } = {}) => runCli(args, { cwd: work, ...options });
const write = (path: string, content: string) => writeTree(work, { [path]: content });

/**
 * No npm package ships the OASIS text of sarif-schema-2.1.0.json; @microsoft/jest-sarif ships the
 * SARIF 2.1.0 schema as SchemaStore publishes it (rtm.5, the one SARIF SDK logs name). It is
 * draft-04, which Ajv 8 reads as draft-07 once its draft-04 `$schema` and `id` are set aside:
 * the schema uses none of the keywords whose meaning changed. Its language `pattern` has a stray
 * `]` that only non-Unicode regular expressions accept, hence `unicodeRegExp: false`.
 */
const validateSarif = (() => {
  const path = join(repo, 'node_modules/@microsoft/jest-sarif/lib/schemas/sarif-2.1.0-rtm.5.json');
  const { $schema: _draft, id: _id, ...schema } = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  return new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false }).compile(schema);
})();

function parseSarif(stdout: string): SarifLog {
  const log: unknown = JSON.parse(stdout);
  expect(validateSarif(log) ? [] : validateSarif.errors).toEqual([]);
  return log as SarifLog;
}

/** The offset of a region's line/column start or end, to check it against charOffset. */
function offsetOf(text: string, line: number, column: number): number {
  let offset = 0;
  for (let current = 1; current < line; current++) offset = text.indexOf('\n', offset) + 1;
  return offset + column - 1;
}

function applyReplacements(text: string, replacements: readonly SarifReplacement[]): string {
  const sorted = [...replacements].sort((a, b) => b.deletedRegion.charOffset! - a.deletedRegion.charOffset!);
  for (const { deletedRegion: region, insertedContent } of sorted) {
    expect(offsetOf(text, region.startLine, region.startColumn!)).toBe(region.charOffset);
    expect(offsetOf(text, region.endLine!, region.endColumn!)).toBe(region.charOffset! + region.charLength!);
    text = text.slice(0, region.charOffset) + insertedContent.text + text.slice(region.charOffset! + region.charLength!);
  }
  return text;
}

const withoutBom = (text: string) => text.replace(/^\uFEFF/, '');

const PIP = 'FROM python:3.12-slim\nRUN pip install -r requirements.txt\nUSER app\nRUN pip install flask\n';

beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'dockerfile-codemod-formats-'));
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

describe('--format github', () => {
  test('prints one annotation per file, at its first change, listing its changes and skips by rule; a notice per skipped file, an error per bad file', () => {
    write('a,b:c/Dockerfile', PIP);
    write('bad.Dockerfile', 'FROM x\0');
    write('empty.Dockerfile', '');
    const { code, stdout, stderr } = cli(['--format', 'github']);
    expect(stdout).toBe(
      [
        '::warning file=a%2Cb%3Ac/Dockerfile,line=1,title=dockerfile-codemod%3A 2 changes to make::' +
          [
            'line 1: syntax: directive # syntax=docker/dockerfile:1 (for RUN --mount)',
            'line 2: cache-mounts/pip: pip install: cache mount /root/.cache/pip',
            'line 4: cache-mounts/pip: skipped: pip install runs as USER app, whose uid and home directory are unknown: a root-owned cache mount would not be writable',
          ].join('%0A'),
        '::error file=bad.Dockerfile::binary file (NUL byte at offset 6)',
        '::notice file=empty.Dockerfile::skipped: empty file',
        '',
      ].join('\n'),
    );
    expect(stderr).toBe('1 changed, 0 unchanged, 1 skipped, 1 error (dry run: nothing written; --write applies it)\n');
    expect(code).toBe(2);
  });

  test('a tree of 30 changed files gets 30 annotations, with the details of each file in its message', () => {
    const APT = 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nRUN apt-get update && apt-get install -y git\n';
    for (let i = 0; i < 30; i++) write(`svc${i}/Dockerfile`, APT);
    const { stdout } = cli(['--format', 'github', '--check']);
    const annotations = stdout.split('\n').slice(0, -1);
    expect(annotations).toHaveLength(30);
    for (const annotation of annotations) {
      expect(annotation).toMatch(/^::warning file=svc\d+\/Dockerfile,line=1,title=dockerfile-codemod%3A 5 changes to make::/);
      // The apt setup is explained once per file, under its first apt RUN.
      expect(annotation.split('docker-clean')).toHaveLength(2);
      expect(annotation).toContain('line 2: cache-mounts/apt: apt-get install: cache mount /var/cache/apt%0A  Debian and Ubuntu images delete downloaded packages');
    }
  });

  test('escapes messages as GitHub reads them; folds repeats of a line; gives each detail once', () => {
    const item = { transform: 'cache-mounts', line: 3, message: '50% done\r\nnext: a,b', topic: 'pip', detail: 'why, at 100%' };
    const result = { path: 'x:y,z%/Dockerfile', status: 'changed' as const, changes: [item, item, { ...item, line: 4 }], skipped: [] };
    expect(githubAnnotations(result, 'check', new RuleTable(BUILTIN_TRANSFORMS))).toBe(
      '::warning file=x%3Ay%2Cz%25/Dockerfile,line=3,title=dockerfile-codemod%3A 3 changes to make::line 3: cache-mounts/pip: 50%25 done%0D%0Anext: a,b (2×)%0A  why, at 100%25%0Aline 4: cache-mounts/pip: 50%25 done%0D%0Anext: a,b\n',
    );
    expect(githubAnnotations(result, 'write', new RuleTable(BUILTIN_TRANSFORMS))).toMatch(/^::notice .*title=dockerfile-codemod%3A 3 changes made::/);
  });

  test('exit codes follow the mode: --check 1, --write 0, a clean tree 0', () => {
    write('Dockerfile', PIP);
    expect(cli(['--format', 'github', '--check']).code).toBe(1);
    const written = cli(['--format', 'github', '--write']);
    expect(written.code).toBe(0);
    expect(written.stdout).toMatch(/^::notice file=Dockerfile,line=1,title=dockerfile-codemod%3A 2 changes made::line 1: /);
    expect(written.stderr).toBe('1 changed (written), 0 unchanged\n');
    const clean = cli(['--format', 'github', '--check']);
    expect(clean.code).toBe(0);
    // Only the skip is left: a notice, at its line.
    expect(clean.stdout).toMatch(/^::notice file=Dockerfile,line=5,title=dockerfile-codemod%3A 1 optimisation skipped::line 5: cache-mounts\/pip: skipped: /);
  });

  test('--stdin-filepath prints the annotation, not the file', () => {
    const { code, stdout } = cli(['--format', 'github', '--check', '--stdin-filepath', 'svc/Dockerfile'], { input: PIP });
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::warning file=svc\/Dockerfile,line=1,[^\n]*%0Aline 2: cache-mounts\/pip: pip install: cache mount \/root\/.cache\/pip%0A[^\n]*\n$/);
  });
});

describe('--format json', () => {
  test('a change carries its explanation in `detail`, added beside the fields scripts already read', () => {
    write('Dockerfile', 'FROM debian:bookworm\nRUN apt-get update && apt-get install -y curl\nRUN pip install --no-cache-dir flask\n');
    const report = JSON.parse(cli(['--format', 'json']).stdout) as { files: { changes: Record<string, unknown>[] }[] };
    const [syntax, aptCache, aptLists, pip, flag] = report.files[0]!.changes;
    expect(syntax).toEqual({ transform: 'syntax', line: 1, message: 'directive # syntax=docker/dockerfile:1 (for RUN --mount)' });
    expect(aptCache).toEqual({
      transform: 'cache-mounts',
      line: 2,
      message: 'apt-get install: cache mount /var/cache/apt',
      detail: expect.stringMatching(/^Debian and Ubuntu images delete downloaded packages after every apt run .*trap removes the file when the RUN ends/),
      topic: 'apt',
    });
    expect(aptLists).toEqual({ transform: 'cache-mounts', line: 2, message: 'apt-get install: cache mount /var/lib/apt/lists', topic: 'apt' });
    expect(pip).toMatchObject({ line: 3, message: 'pip install: cache mount /root/.cache/pip', detail: expect.stringContaining('--no-cache-dir keeps pip from using the cache') });
    expect(flag).toEqual({ transform: 'no-cache-flags', line: 3, message: 'pip: without --no-cache-dir', detail: '--no-cache-dir keeps pip from using the cache mount.', topic: 'pip' });
  });
});

describe('--format sarif', () => {
  test('a valid SARIF 2.1.0 log whose fixes, applied, give exactly the --write result', () => {
    cpSync(join(repo, 'examples'), work, { recursive: true });
    write('with space/Dockerfile', `\uFEFF${PIP.replace(/\n/g, '\r\n')}`);
    write('apt/Dockerfile', 'FROM debian:12\nRUN apt-get update && apt-get install -y curl && rm -rf /var/lib/apt/lists/*\nRUN pip install --no-cache-dir flask\n');
    const { code, stdout, stderr } = cli(['--format', 'sarif']);
    expect(code).toBe(0);
    expect(stderr).toMatch(/^8 changed, 2 unchanged \(dry run/);
    const log = parseSarif(stdout);
    const [run] = log.runs;
    const { driver } = run!.tool;
    expect(driver.name).toBe('dockerfile-codemod');
    expect(driver.version).toBe(JSON.parse(readFileSync(join(repo, 'package.json'), 'utf8')).version);
    expect(driver.rules.map((rule) => rule.id)).toEqual(expect.arrayContaining(['cache-mounts', 'no-cache-flags', 'syntax', 'cache-mounts/pip', 'cache-mounts/apt']));
    for (const result of run!.results) expect(driver.rules[result.ruleIndex!]!.id).toBe(result.ruleId);
    expect(run!.invocations).toEqual([{ executionSuccessful: true, toolExecutionNotifications: [] }]);

    const byUri = new Map<string, SarifResult[]>();
    for (const result of run!.results) {
      const { uri } = result.locations[0]!.physicalLocation.artifactLocation;
      byUri.set(uri, [...(byUri.get(uri) ?? []), result]);
    }
    expect([...byUri.keys()]).toContain('with%20space/Dockerfile');
    const original = new Map([...byUri.keys()].map((uri) => [uri, readFileSync(join(work, decodeURIComponent(uri)), 'utf8')]));
    expect(cli(['--write']).code).toBe(0);
    for (const [uri, results] of byUri) {
      const replacements = results.flatMap((result) => result.fixes ?? []).flatMap((fix) => fix.artifactChanges.flatMap((change) => change.replacements));
      const expected = withoutBom(readFileSync(join(work, decodeURIComponent(uri)), 'utf8'));
      expect(applyReplacements(withoutBom(original.get(uri)!), replacements)).toBe(expected);
    }
    const skip = byUri.get('with%20space/Dockerfile')!.find((result) => result.level === 'note')!;
    expect(skip).toMatchObject({ ruleId: 'cache-mounts/pip', message: { text: expect.stringContaining('runs as USER app') } });
    // A change's detail is part of its alert's message.
    const pip = byUri.get('apt/Dockerfile')!.find((result) => result.ruleId === 'cache-mounts/pip')!;
    expect(pip.message.text).toMatch(/^pip install: cache mount \/root\/\.cache\/pip\. --no-cache-dir keeps pip from using the cache/);
    expect(skip.locations[0]!.physicalLocation.region).toEqual<SarifRegion>({ startLine: 4 });
    expect(skip.fixes).toBeUndefined();
  });

  test('file errors are tool notifications and make the execution unsuccessful; exit 2', () => {
    write('Dockerfile', PIP);
    write('bad.Dockerfile', 'FROM x\0');
    const { code, stdout } = cli(['--format', 'sarif', '--check', 'Dockerfile', 'bad.Dockerfile', 'missing']);
    expect(code).toBe(2);
    const [invocation] = parseSarif(stdout).runs[0]!.invocations;
    expect(invocation!.executionSuccessful).toBe(false);
    expect(invocation!.toolExecutionNotifications.map((notification) => [notification.level, notification.locations[0]!.physicalLocation.artifactLocation.uri])).toEqual([
      ['error', 'missing'],
      ['error', 'bad.Dockerfile'],
    ]);
    expect(invocation!.toolExecutionNotifications[1]!.message.text).toBe('binary file (NUL byte at offset 6)');
  });

  test('--check exits 1; --write reports notes without fixes; then only the skip is left', () => {
    write('Dockerfile', PIP);
    expect(cli(['--format', 'sarif', '--check']).code).toBe(1);
    const written = cli(['--format', 'sarif', '--write']);
    expect(written.code).toBe(0);
    const results = parseSarif(written.stdout).runs[0]!.results;
    expect(results.map((result) => [result.ruleId, result.level, result.fixes])).toEqual([
      ['syntax', 'note', undefined],
      ['cache-mounts/pip', 'note', undefined],
      ['cache-mounts/pip', 'note', undefined],
    ]);
    const clean = cli(['--format', 'sarif', '--check']);
    expect(clean.code).toBe(0);
    expect(parseSarif(clean.stdout).runs[0]!.results.map((result) => [result.ruleId, result.level])).toEqual([['cache-mounts/pip', 'note']]);
  });

  test('--stdin-filepath prints the log for the given path', () => {
    const { code, stdout } = cli(['--format', 'sarif', '--stdin-filepath', 'svc/Dockerfile'], { input: PIP });
    expect(code).toBe(0);
    const results = parseSarif(stdout).runs[0]!.results;
    expect(results.map((result) => result.locations[0]!.physicalLocation.artifactLocation)).toContainEqual({ uri: 'svc/Dockerfile', uriBaseId: '%SRCROOT%' });
    const replacements = results.flatMap((result) => result.fixes ?? []).flatMap((fix) => fix.artifactChanges.flatMap((change) => change.replacements));
    expect(applyReplacements(PIP, replacements)).toBe(cli(['--stdin-filepath', 'svc/Dockerfile'], { input: PIP }).stdout);
  });
});
