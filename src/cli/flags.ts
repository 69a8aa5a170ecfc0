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
  quiet: { alias: 'q', type: 'boolean', description: 'Print no per-line change and skip notes in text format', group: 'Output:' },
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

export function parser() {
  return yargs()
    .scriptName('dockerfile-codemod')
    .usage('$0 [paths or globs...] [options]\n\nFind Dockerfiles and rewrite them with lossless transforms. Prints a unified diff by default; writes nothing unless --write.')
    .version(packageVersion())
    .strictOptions()
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .exitProcess(false)
    .options(FLAGS)
    .conflicts('write', 'check')
    .conflicts('check', 'list-different')
    .example('$0', 'Show the diff for every Dockerfile under the current directory')
    .example('$0 --write services/', 'Apply the changes to the Dockerfiles under services/')
    .example('$0 --check --format github', 'Fail CI, with annotations, while any Dockerfile is left to migrate')
    .example('$0 --format patch | git apply', 'Apply through git, exactly as --write would')
    .example("$0 -t cache-mounts --pip-cache-target /root/.cache '**/Dockerfile.prod'", 'One transform, one option, a glob')
    .example('$0 -t cache-mounts -t ./tools/pin-images.mjs', 'A built-in transform, then a custom one')
    .example('$0 bulk-pr --group-by codeowners --pr', 'One branch and pull request per team (see bulk-pr --help)')
    .example('$0 --explain cache-mounts', 'Where each package manager keeps its cache, and when a RUN is skipped')
    .epilog(
      'Configuration: flags override dockerfile-codemod.config.json (or .dockerfile-codemodrc[.json|.yaml], or a "dockerfile-codemod" key in package.json), found from the working directory upwards.\n\nExit codes: 0 success, 1 --check/--list-different found files to change, 2 usage or config error, or a file that could not be read, parsed or written.',
    );
}

/** yargs' "Unknown arguments: wirte, chek" with the flag each most likely meant. */
export function withSuggestions(message: string): string {
  const match = /^Unknown arguments?: (.*)$/.exec(message);
  if (!match) return message;
  const known = Object.entries(FLAGS).flatMap(([name, flag]) => [name, ...[flag.alias ?? []].flat()]);
  return match[1]!
    .split(', ')
    .map((argument) => `unknown option ${argument.length === 1 ? '-' : '--'}${argument}${didYouMean(argument, known, (flag) => (flag.length === 1 ? `-${flag}` : `--${flag}`))}`)
    .join('; ');
}

