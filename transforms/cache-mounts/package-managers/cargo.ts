import { basename, resolvePath } from '../../../src/toolkit.js';
import { fromEnv, inHome, offlineBy, subcommandOf, type PackageManager, type TargetContext } from '../package-manager.js';

const FILLS_CACHE = new Set(['build', 'b', 'install', 'fetch', 'test', 't', 'run', 'r', 'check', 'c', 'update', 'vendor', 'generate-lockfile', 'doc', 'bench', 'clippy']);
const VALUED = new Set(['--manifest-path', '--target-dir', '--root', '--config', '-Z', '--color', '-p', '--package', '--target', '-j', '--jobs', '--features', '-F', '--profile', '--bin', '--example', '--test', '--bench']);

/** cargo-chef's `cargo chef cook`, which builds a project's dependencies (and fetches them). */
function chefCook(args: readonly string[]): string | undefined {
  if (subcommandOf(args, new Set(['chef']), VALUED) === undefined) return undefined;
  return args[args.indexOf('chef') + 1] === 'cook' ? 'chef cook' : undefined;
}

function cargoHome(context: TargetContext): string | { skip: string } {
  return fromEnv(context.env, 'CARGO_HOME') ?? inHome(context, '.cargo');
}

export const cargo: PackageManager = {
  id: 'cargo',
  docs: {
    name: 'cargo',
    commands: '`cargo build`, `install`, `fetch`, `test`, `run`, `check`, `update`, `vendor`, `doc`, `clippy`, `chef cook` (cargo-chef)',
    target: '`$CARGO_HOME/registry` and `$CARGO_HOME/git/db` (rust image: `/usr/local/cargo/...`; else `~/.cargo/...`)',
    extra: 'never `$CARGO_HOME` itself (its `bin/` and `config.toml` must stay) nor `target/`',
    skips: '`--target-dir`/`CARGO_TARGET_DIR` or `cargo install --root` inside a cache directory',
  },
  detect(invocation, { state }) {
    if (basename(invocation.argv[0] ?? '') !== 'cargo') return undefined;
    const args = invocation.argv.slice(1).filter((arg) => !arg.startsWith('+'));
    const subcommand = subcommandOf(args, FILLS_CACHE, VALUED) ?? chefCook(args);
    if (!subcommand) return undefined;
    const outputs = ['--target-dir', '--root']
      .flatMap((flag) => {
        const inline = args.find((arg) => arg.startsWith(`${flag}=`))?.slice(flag.length + 1);
        const separate = args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined;
        return [inline, separate].filter((value): value is string => value !== undefined);
      })
      .map((path) => resolvePath(path, state.workdir));
    return { label: `cargo ${subcommand}`, invocation, outputs };
  },
  reliesOnEarlierRuns: (detection, context) => offlineBy(detection, context, ['--offline', '--frozen'], { CARGO_NET_OFFLINE: /^(true|1)$/ }),
  imageEnvironment: ['CARGO_HOME'],
  targets(_detection, context) {
    const home = cargoHome(context);
    if (typeof home !== 'string') return home;
    return { targets: [{ path: `${home}/registry` }, { path: `${home}/git/db` }] };
  },
  protectedPaths(context) {
    const home = cargoHome(context);
    const targetDir = context.env.get('CARGO_TARGET_DIR');
    return [...(typeof home === 'string' ? [`${home}/bin`] : []), ...(targetDir ? [resolvePath(targetDir, context.workdir)] : [])];
  },
};
