import { resolveUser } from '../../src/toolkit.js';
/** Variables in force for one command: its own prefix assignments over the stage's ENV and ARG. */
export class Environment {
    stage;
    command;
    constructor(stage, command) {
        this.stage = stage;
        this.command = command;
    }
    isSet(name) {
        return this.command.has(name) || this.stage.has(name);
    }
    /** The value, or undefined when it is unset or cannot be known statically (see `isSet`). */
    get(name) {
        return this.command.get(name) ?? this.stage.get(name);
    }
}
/**
 * The reason an offline command relies on earlier RUNs: `flags` it was given, or variables set to
 * one of the values in `variables` (for the command or the stage). Undefined when none is.
 */
export function offlineBy(detection, context, flags, variables = {}) {
    const { argv, env } = detection.invocation;
    const flag = argv.find((arg) => flags.includes(arg) || flags.some((name) => name.startsWith('--') && arg.startsWith(`${name}=`)));
    if (flag)
        return `${flag} makes it work offline from what earlier RUNs left in its cache`;
    for (const [name, value] of Object.entries(variables)) {
        const set = env.get(name) ?? context.state.env.get(name);
        if (set !== undefined && value.test(set))
            return `${name}=${set} makes it work offline from what earlier RUNs left in its cache`;
    }
    return undefined;
}
/** `<home>/<relative>`, for caches that live straight in the home directory (`~/.npm`). */
export function inHome(context, relative) {
    return `${context.user.home.replace(/\/+$/, '')}/${relative}`;
}
/** The first positional argument when it is one of `subcommands`, for `tool <subcommand> ...` detectors. */
export function subcommandOf(args, subcommands, valued = new Set()) {
    const subcommand = args[new ArgvReader(args, valued).firstPositional()];
    return subcommand !== undefined && subcommands.has(subcommand) ? subcommand : undefined;
}
/** True when an earlier invocation of the RUN matches: `apt-get update` before `apt-get install`. */
export function earlierInRun(context, invocation, matches) {
    const index = context.run.indexOf(invocation);
    return context.run.slice(0, index < 0 ? context.run.length : index).some((other) => matches(other.argv));
}
/** `$XDG_CACHE_HOME/<name>` or `~/.cache/<name>`: the default of most Linux tools. */
export function userCacheDir(context, name) {
    const { env, user } = context;
    if (env.isSet('XDG_CACHE_HOME')) {
        const xdg = env.get('XDG_CACHE_HOME');
        return xdg ? `${xdg.replace(/\/+$/, '')}/${name}` : { skip: 'XDG_CACHE_HOME is set to a value that cannot be resolved' };
    }
    return `${user.home.replace(/\/+$/, '')}/.cache/${name}`;
}
/** A directory named by an environment variable, when set: its value, or a reason to skip. */
export function fromEnv(env, name) {
    if (!env.isSet(name))
        return undefined;
    const value = env.get(name);
    return value ? value : { skip: `${name} is set to a value that cannot be resolved statically` };
}
/**
 * Reads command-line options: index of the subcommand (first argument that is not an option or
 * an option's value), and the values of selected options (`--opt v`, `--opt=v`, `-o v`, `-ov`).
 */
export class ArgvReader {
    args;
    valued;
    constructor(args, 
    /** Options that take a separate value. */
    valued) {
        this.args = args;
        this.valued = valued;
    }
    /** Positional arguments, in order, skipping options and their values. */
    positionals(from = 0) {
        const result = [];
        for (let i = from; i < this.args.length; i++) {
            const arg = this.args[i];
            if (arg === '--')
                return [...result, ...this.args.slice(i + 1)];
            if (arg.startsWith('-') && arg.length > 1) {
                if (this.valued.has(arg))
                    i++;
                continue;
            }
            result.push(arg);
        }
        return result;
    }
    /** Index of the first positional argument at or after `from`. */
    firstPositional(from = 0) {
        for (let i = from; i < this.args.length; i++) {
            const arg = this.args[i];
            if (arg === '--')
                return i + 1;
            if (arg.startsWith('-') && arg.length > 1) {
                if (this.valued.has(arg))
                    i++;
                continue;
            }
            return i;
        }
        return this.args.length;
    }
    has(...names) {
        return this.args.find((arg) => names.includes(arg) || names.some((name) => name.startsWith('--') && arg.startsWith(`${name}=`)));
    }
    /** Values of an option given as `--long v`, `--long=v`, `-s v` or `-sv`. */
    values(long, short) {
        const result = [];
        for (let i = 0; i < this.args.length; i++) {
            const arg = this.args[i];
            if (arg === long || (short !== undefined && arg === short)) {
                const value = this.args[i + 1];
                if (value !== undefined)
                    result.push(value);
                i++;
            }
            else if (arg.startsWith(`${long}=`)) {
                result.push(arg.slice(long.length + 1));
            }
            else if (short !== undefined && arg.startsWith(short) && !arg.startsWith('--') && arg.length > short.length) {
                result.push(arg.slice(short.length));
            }
        }
        return result;
    }
}
/** The user a command runs as: root under `sudo`, else the stage's USER when its uid and home are known. */
export function commandUser(state, invocation) {
    if (invocation.asRoot)
        return { uid: 0, gid: 0, home: state.env.get('HOME') ?? '/root' };
    return resolveUser(state);
}
/** Every package manager use in a RUN, in command order. */
export function detectAll(managers, analysis, state) {
    const context = { state, run: analysis.invocations };
    return analysis.invocations.flatMap((invocation) => managers.flatMap((manager) => {
        const detection = manager.detect(invocation, context);
        return detection ? [{ manager, detection }] : [];
    }));
}
/** What `targets()` needs for one detection, or undefined when the command's user is unknown. */
export function targetContextFor(detection, state, analysis, options) {
    const user = commandUser(state, detection.invocation);
    if (!user)
        return undefined;
    return {
        env: new Environment(state.env, detection.invocation.env),
        user,
        workdir: state.workdir,
        options,
        state,
        run: analysis.invocations,
    };
}
//# sourceMappingURL=package-manager.js.map