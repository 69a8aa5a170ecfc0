import yargs, { type Options } from 'yargs';
import { flagName } from '../engine/options.js';
import { REPORT_FORMATS } from '../output/reporter.js';
import { didYouMean } from '../shared/suggest.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import { packageVersion } from './version.js';

/** The flags of the built-in transforms' options, one group per transform. */
function transformOptionFlags(): Record<string, Options> {
  const flags: Record<string, Options> = {};
  for (const transform of BUILTIN_TRANSFORMS) {
    for (const spec of transform.options) {
      flags[flagName(spec.name)] = {
        type: spec.type,
        description: `${spec.description} (default: ${String(spec.default)})`,
        ...(spec.choices ? { choices: [...spec.choices] } : {}),
        group: `Options of ${transform.id}:`,
      };
    }
  }
  return flags;
}

/** Every flag, declared once: yargs gets them all, and unknown-flag suggestions come from them. */
export const FLAGS: Record<string, Options> = {
  write: { alias: 'w', type: 'boolean', description: 'Apply the changes (atomically)', group: 'Mode:' },
  check: { alias: 'c', type: 'boolean', description: 'Write nothing; exit 1 if any file would change', group: 'Mode:' },
  'list-different': { alias: 'l', type: 'boolean', description: 'Print only the paths of files that would change (exit 1 if any)', group: 'Mode:' },
  format: { type: 'string', choices: [...REPORT_FORMATS], description: 'Report format (default text); patch is exactly what git apply takes; sarif for code scanning; github for Actions annotations', group: 'Output:' },
  color: { type: 'boolean', description: 'Color the diff (default: when stdout is a terminal; honours NO_COLOR and FORCE_COLOR)', group: 'Output:' },
  quiet: { alias: 'q', type: 'boolean', description: 'Print only errors and the summary (besides the diff or report)', group: 'Output:' },
  verbose: { type: 'boolean', description: 'Explain each change: why a setup command, flag or rm goes with the mount', group: 'Output:' },
  transform: {
    alias: 't',
    type: 'string',
    // Not `array: true`, which would swallow the paths that follow; repeating the flag collects values.
    description: `Transforms to run, in this order (repeatable): built-in ids or ./paths of custom transform modules. Default: ${BUILTIN_TRANSFORMS.filter((t) => t.defaultOn).map((t) => t.id).join(', ')}`,
    group: 'Transforms:',
  },
  explain: { type: 'string', description: 'Explain a transform: what it does, its options, the facts behind it (no id: list them)', group: 'Transforms:' },
  config: { type: 'string', description: 'Use this config file (JSON, YAML, or JavaScript); --no-config: none. Default: the nearest dockerfile-codemod.config.json, .dockerfile-codemodrc[.json|.yaml] or package.json "dockerfile-codemod" key', group: 'Configuration:' },
  ignore: { type: 'string', description: 'Leave out files matching this gitignore-style pattern (repeatable); .gitignore and .dockerfile-codemodignore also apply', group: 'Files:' },
  'follow-symlinks': { type: 'boolean', description: 'Follow symlinked files and directories (loops are detected); off by default', group: 'Files:' },
  'max-file-size': { type: 'string', description: 'Refuse files larger than this: bytes, or with a k/m suffix (default: 1m)', group: 'Files:' },
  'allow-invalid-utf8': { type: 'boolean', description: 'Transform files that are not valid UTF-8, keeping every byte that is not edited as it was (default: report them as errors)', group: 'Files:' },
  'stdin-filepath': { type: 'string', description: 'Read one Dockerfile from stdin, reported under this path; print the result (or, with --format patch/json/sarif/github, the diff or report) to stdout', group: 'Files:' },
  'group-by': { type: 'string', description: 'Partition changed files for one pull request each: dir:<depth>, codeowners (last matching rule wins) or none', group: 'Bulk pull requests:' },
  'patch-dir': { type: 'string', description: 'Write <group>.patch (for git apply) and <group>.md (pull-request title and body) per group into this directory', group: 'Bulk pull requests:' },
  verify: { type: 'boolean', description: "Check each changed file with the Docker engine's BuildKit (DOCKER_HOST, else /var/run/docker.sock) before writing or printing it; a file BuildKit rejects is an error, never written", group: 'Verification:' },
  'verify-timeout': { type: 'number', description: 'Seconds to wait for each BuildKit check (default: 30)', group: 'Verification:' },
  ...transformOptionFlags(),
};

/** Usage examples: what each does, then the command on a line of its own, so that both fit 80 columns. */
const EXAMPLES: readonly [command: string, what: string][] = [
  ['', 'Show the diff for every Dockerfile under the current directory'],
  ['--write services/', 'Apply the changes to the Dockerfiles under services/'],
  ['--check --format github', 'Fail CI while a Dockerfile is left to migrate, annotating each'],
  ['--format patch | git apply', 'Apply through git, exactly as --write would'],
  ["-t cache-mounts --mount-mode none '**/Dockerfile.prod'", 'One transform, cache mounts without mode=0755, a glob'],
  ['-t cache-mounts -t ./tools/pin-images.mjs', 'A built-in transform, then a custom one'],
  ['bulk-pr --group-by codeowners --pr', 'One branch and pull request per team (see bulk-pr --help)'],
  ['--explain cache-mounts', 'Where each package manager keeps its cache, and when a RUN is skipped'],
];

/** An epilog section of examples: what each does, then the command indented on its own line (yargs' two columns break commands). */
export function examplesSection(command: string, examples: readonly (readonly [args: string, what: string])[]): string {
  return `Examples:\n${examples.map(([args, what]) => `  ${what}:\n    ${command}${args === '' ? '' : ` ${args}`}`).join('\n')}`;
}

export function parser() {
  return yargs()
    .scriptName('dockerfile-codemod')
    .usage('$0 [paths or globs...] [options]\n\nFind Dockerfiles and rewrite them with lossless transforms. Prints a unified diff by default; writes nothing unless --write.')
    // yargs would otherwise translate its messages by LANG, and the tool rewords them (see usageMessage).
    .locale('en')
    .version(packageVersion())
    .alias('h', 'help')
    .alias('v', 'version')
    .strictOptions()
    .wrap(Math.min(80, process.stdout.columns ?? 80))
    .exitProcess(false)
    .options(FLAGS)
    .conflicts('write', 'check')
    .conflicts('check', 'list-different')
    .conflicts('quiet', 'verbose')
    .epilog(
      `${examplesSection('dockerfile-codemod', EXAMPLES)}\n\nConfiguration: flags override dockerfile-codemod.config.json (or .dockerfile-codemodrc[.json|.yaml], or a "dockerfile-codemod" key in package.json), found from the working directory upwards.\n\nExit codes: 0 success, 1 --check/--list-different found files to change, 2 usage or config error, or a file that could not be read, parsed or written.`,
    );
}

/**
 * yargs' parse errors in the tool's own words: "Unknown arguments: wirte, x" becomes one
 * "unknown option" per argument, with the flag a long one most likely meant (a one-letter typo
 * is as close to every short flag, so it gets none); "Invalid values" becomes "unknown format
 * 'x': expected one of text, json, ..."; conflicting flags "--x and --y do not go together".
 */
export function usageMessage(message: string, flags: Readonly<Record<string, Options>> = FLAGS): string {
  const unknown = /^Unknown arguments?: (.*)$/.exec(message);
  if (unknown) {
    // A typo is never corrected to the flag that rewrites files.
    const suggestible = Object.keys(flags).filter((name) => name !== 'write');
    const given = unknown[1]!.split(', ');
    // yargs lists `--grop-by` twice, as given and camel-cased (gropBy).
    const kebab = (argument: string) => argument.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
    return given
      .filter((argument) => kebab(argument) === argument || !given.includes(kebab(argument)))
      .map((argument) =>
        argument.length === 1 ? `unknown option -${argument}` : `unknown option --${argument}${didYouMean(argument, suggestible, (flag) => `--${flag}`)}`,
      )
      .join('; ');
  }
  const exclusive = /^Arguments (\S+) and (\S+) are mutually exclusive$/.exec(message);
  if (exclusive) return `--${exclusive[1]} and --${exclusive[2]} do not go together`;
  const invalid = [...message.matchAll(/^\s*Argument: (.+), Given: (.+), Choices: (.+)$/gm)];
  if (invalid.length > 0) {
    const unquote = (value: string) => value.replace(/^"(.*)"$/, '$1');
    return invalid.map(([, name, given, choices]) => `unknown ${name} '${unquote(given!)}': expected one of ${choices!.split(', ').map(unquote).join(', ')}`).join('; ');
  }
  return message;
}
