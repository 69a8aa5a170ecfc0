import yargs, { type Options } from 'yargs';
import { BulkPr, BulkPrError, type CodemodRun } from '../bulk/bulk-pr.js';
import { EXIT, type CliEnvironment } from './environment.js';
import { examplesSection, FLAGS, usageMessage } from './flags.js';

/** The codemod's flags that bulk-pr passes on: which transforms, their options, config and files. Modes and formats are bulk-pr's to set. */
const FORWARDED = Object.fromEntries(
  Object.entries(FLAGS).filter(([name, flag]) => name !== 'explain' && name !== 'stdin-filepath' && /^(Transforms|Configuration|Files|Options of)/.test(String(flag.group))),
);

const BULK_FLAGS: Record<string, Options> = {
  base: { type: 'string', description: 'Branch or commit the pull requests start from (default: the current branch); the patches are computed on it', group: 'Bulk pull requests:' },
  'group-by': { type: 'string', description: 'One branch per group: dir:<depth>, codeowners or none (default: the config file\'s groupBy, else none)', group: 'Bulk pull requests:' },
  prefix: { type: 'string', default: 'dockerfile-codemod', description: 'Branches are <prefix>/<group>', group: 'Bulk pull requests:' },
  push: { type: 'boolean', description: 'Push the branches', group: 'Bulk pull requests:' },
  pr: { type: 'boolean', description: 'Push the branches and open a pull request per group with gh (the GitHub CLI)', group: 'Bulk pull requests:' },
  remote: { type: 'string', default: 'origin', description: 'The remote to push to', group: 'Bulk pull requests:' },
  force: { type: 'boolean', description: 'Replace branches (local and on the remote) that exist with other content', group: 'Bulk pull requests:' },
  'allow-dirty': { type: 'boolean', description: 'Run with uncommitted changes (they are not in the pull requests)', group: 'Bulk pull requests:' },
};

function parser() {
  return yargs()
    .scriptName('dockerfile-codemod bulk-pr')
    .usage(
      '$0 [paths...] [options]\n\nOne branch, commit and (with --pr) pull request per group of changed Dockerfiles, made from the base branch. ' +
        'Never touches your checkout; a re-run skips the groups already done.',
    )
    .locale('en')
    .alias('h', 'help')
    .strictOptions()
    .wrap(Math.min(80, process.stdout.columns ?? 80))
    .exitProcess(false)
    .version(false)
    .options({ ...BULK_FLAGS, ...FORWARDED })
    .epilog(
      `${examplesSection('dockerfile-codemod bulk-pr', [
        ['--group-by codeowners', 'Local branches, one per CODEOWNERS team, from the current branch'],
        ['--group-by dir:2 --base main --pr', 'From main, one per service directory; push and open the pull requests'],
      ])}\n\n` +
        'Exit codes: 0 done (or nothing to change), 2 a usage error, a check that failed before any change, or a step that failed (what this run made and did not push is removed).',
    );
}

/** Rebuilds the forwarded flags for the codemod's command line. */
function forwardedArgs(argv: Record<string, unknown>): string[] {
  return Object.keys(FORWARDED).flatMap((name) => {
    const value = argv[name];
    if (value === undefined) return [];
    if (value === false) return [`--no-${name}`];
    if (value === true) return [`--${name}`];
    return [value].flat().map((item) => `--${name}=${String(item)}`);
  });
}

type RunMain = (args: readonly string[], environment: CliEnvironment) => Promise<number>;

/** Collects what a run writes. */
function sink(): { text: () => string; write: (data: string | Uint8Array) => void } {
  const chunks: string[] = [];
  return { text: () => chunks.join(''), write: (data) => chunks.push(typeof data === 'string' ? data : Buffer.from(data).toString('utf8')) };
}

/** `dockerfile-codemod bulk-pr`: parses its flags and runs BulkPr with the codemod run in-process. */
export async function bulkPrCommand(args: readonly string[], environment: CliEnvironment, runMain: RunMain): Promise<number> {
  const { stdout, stderr } = environment;
  let argv: Record<string, unknown>;
  let helpText = '';
  try {
    let parseError: Error | undefined;
    argv = await parser().parseAsync([...args], {}, (error, _parsed, output) => {
      parseError = error ?? undefined;
      helpText = output;
    });
    if (parseError) throw parseError;
  } catch (error) {
    stderr.write(`dockerfile-codemod bulk-pr: ${usageMessage((error as Error).message, { ...BULK_FLAGS, ...FORWARDED })}\nRun dockerfile-codemod bulk-pr --help for usage.\n`);
    return EXIT.failure;
  }
  if (helpText !== '') {
    stdout.write(`${helpText}\n`);
    return EXIT.ok;
  }
  const paths = ((argv._ as (string | number)[]) ?? []).map(String);
  const groupBy = typeof argv['group-by'] === 'string' ? ['--group-by', argv['group-by']] : [];
  const runCodemod = async (cwd: string, patchDir: string): Promise<CodemodRun> => {
    const report = sink();
    const messages = sink();
    const exitCode = await runMain([...paths, ...forwardedArgs(argv), ...groupBy, '--format', 'json', '--patch-dir', patchDir], { cwd, env: environment.env, stdout: report, stderr: messages });
    for (const line of messages.text().split('\n')) if (line.startsWith('dockerfile-codemod: warning: ')) stderr.write(`${line}\n`);
    if (exitCode !== EXIT.failure) return { exitCode, problems: [] };
    const files = (() => {
      try {
        return (JSON.parse(report.text()) as { files: { path: string; status: string; error: string | null }[] }).files;
      } catch {
        return [];
      }
    })();
    const problems = files.filter((file) => file.status === 'error').map((file) => `${file.path}: ${file.error}`);
    return { exitCode, problems: problems.length > 0 ? problems : messages.text().trim().split('\n') };
  };
  const bulkPr = new BulkPr(
    {
      cwd: environment.cwd,
      env: environment.env,
      ...(typeof argv.base === 'string' ? { base: argv.base } : {}),
      prefix: String(argv.prefix),
      remote: String(argv.remote),
      push: argv.push === true,
      pullRequests: argv.pr === true,
      force: argv.force === true,
      allowDirty: argv['allow-dirty'] === true,
    },
    runCodemod,
    (line) => stdout.write(`${line}\n`),
  );
  try {
    await bulkPr.run();
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof BulkPrError)) throw error;
    stderr.write(`dockerfile-codemod bulk-pr: ${error.message}\n`);
    return EXIT.failure;
  }
}
