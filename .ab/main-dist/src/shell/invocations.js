import { findCommandsInScriptArgument } from './commands.js';
const SHELLS = /^(sh|bash|dash|ash|zsh|ksh|mksh)$/;
const WRAPPERS = {
    env: { valued: ['-u', '--unset', '-C', '--chdir'] },
    exec: { valued: ['-a'] },
    nohup: { valued: [] },
    time: { valued: ['-f', '--format', '-o', '--output'] },
    nice: { valued: ['-n', '--adjustment'] },
    ionice: { valued: ['-c', '--class', '-n', '--classdata', '-p', '--pid'] },
    stdbuf: { valued: ['-i', '-o', '-e'] },
    timeout: { valued: ['-s', '--signal', '-k', '--kill-after'], positional: 1 },
    eatmydata: { valued: [] },
    sudo: { valued: ['-u', '--user', '-g', '--group', '-h', '--host', '-p', '--prompt', '-C', '-D', '-r', '-t', '-T', '-U'] },
    doas: { valued: ['-u', '-C'], switchesUser: true },
    gosu: { valued: [], positional: 1, switchesUser: true },
    'su-exec': { valued: [], positional: 1, switchesUser: true },
    setuidgid: { valued: [], positional: 1, switchesUser: true },
    's6-setuidgid': { valued: [], positional: 1, switchesUser: true },
    chroot: { valued: [], positional: 1, switchesUser: true },
    runuser: { valued: ['-u', '--user', '-g', '--group', '-G', '--supp-group'], positional: 1, switchesUser: true, script: ['-c', '--command'], userOptions: ['-u', '--user'] },
    su: { valued: ['-s', '--shell', '-g', '--group', '-G', '--supp-group', '-w'], positional: 1, switchesUser: true, script: ['-c', '--command'] },
    setpriv: { valued: ['--reuid', '--regid', '--groups', '--ruid', '--euid', '--rgid', '--egid'], switchesUser: true },
    chpst: { valued: ['-u', '-U', '-e', '-/', '-n', '-l', '-L', '-m', '-d', '-o', '-p', '-f', '-c'], switchesUser: true },
};
export function basename(path) {
    const slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.slice(slash + 1);
}
function assignment(text) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(text);
    return match ? [match[1], match[2]] : undefined;
}
/** The invocations behind simple commands of shell text, following wrappers and `sh -c` scripts. */
export function invocationsOfCommands(root, commands) {
    return commands.flatMap((command) => {
        const env = new Map();
        for (const word of command.assignments) {
            const pair = assignment(word.value);
            if (pair)
                env.set(pair[0], pair[1]);
        }
        const parseScript = (script, word) => invocationsOfCommands(root, findCommandsInScriptArgument(root, word ?? fakeWord(script), [...command.via, 'sh -c'], command.exact));
        return resolve(command.argv, command.words, env, parseScript).map((invocation) => ({ command, ...invocation }));
    });
}
/** The invocations behind an exec-form argv (`RUN ["sh", "-c", "..."]`). */
export function invocationsOfArgv(argv) {
    const parseScript = (script) => invocationsOfCommands(script, findCommandsInScriptArgument(script, fakeWord(script), ['sh -c'], false));
    return resolve(argv, undefined, new Map(), parseScript);
}
function fakeWord(value) {
    return { kind: 'word', start: 0, end: value.length, value, quoted: true, substitutions: [] };
}
function asOtherUser(invocations, wrapper) {
    if (wrapper === undefined)
        return invocations;
    return invocations.map((invocation) => (invocation.otherUser ? invocation : { ...invocation, otherUser: wrapper }));
}
function resolve(argv, words, env, parseScript) {
    let index = 0;
    let otherUser;
    let asRoot = false;
    for (;;) {
        if (index >= argv.length)
            return [];
        const program = basename(argv[index]);
        if (program === 'command' && /^-[vV]/.test(argv[index + 1] ?? ''))
            return [];
        if (program === 'command') {
            index++;
            continue;
        }
        const wrapper = WRAPPERS[program];
        if (!wrapper)
            break;
        if (wrapper.switchesUser)
            otherUser ??= program;
        if (program === 'sudo')
            asRoot = true;
        index++;
        let positional = wrapper.positional ?? 0;
        while (index < argv.length) {
            const arg = argv[index];
            if (arg === '--') {
                index++;
                break;
            }
            if (program === 'sudo' && /^(-u|--user)(=|$)|^-u./.test(arg)) {
                const user = /^(-u|--user)$/.test(arg) ? argv[index + 1] : arg.replace(/^(--user=|-u)/, '');
                if (user !== 'root' && user !== '0' && user !== '#0')
                    otherUser ??= 'sudo -u';
            }
            const pair = program === 'env' ? assignment(arg) : undefined;
            if (pair) {
                env.set(pair[0], pair[1]);
                index++;
            }
            else if (wrapper.script?.includes(arg) && index + 1 < argv.length) {
                return asOtherUser(parseScript(argv[index + 1], words?.[index + 1]), otherUser);
            }
            else if (wrapper.valued.includes(arg)) {
                if (wrapper.userOptions?.includes(arg))
                    positional = 0;
                index += 2;
            }
            else if (arg.startsWith('-') && (arg.length > 1 || wrapper.switchesUser)) {
                // A lone `-` is su's and runuser's login option, not their user.
                index++;
            }
            else if (positional > 0) {
                positional--;
                index++;
            }
            else {
                break;
            }
        }
    }
    const program = basename(argv[index]);
    if (SHELLS.test(program)) {
        const script = shellScriptArgument(argv, index + 1);
        if (script !== undefined)
            return asOtherUser(parseScript(argv[script], words?.[script]), otherUser);
    }
    return [
        {
            argv: argv.slice(index),
            ...(words ? { words: words.slice(index) } : {}),
            env,
            ...(otherUser !== undefined ? { otherUser } : asRoot ? { asRoot } : {}),
        },
    ];
}
/** Index of the script argument of `sh [options] -c script`, if the shell was given one. */
function shellScriptArgument(argv, from) {
    let sawC = false;
    for (let index = from; index < argv.length; index++) {
        const arg = argv[index];
        if (/^[-+][A-Za-z]+$/.test(arg)) {
            if (arg.startsWith('-') && arg.includes('c'))
                sawC = true;
            // `-o pipefail`, `-euo pipefail`: the o option takes the next argument.
            if (arg.includes('o'))
                index++;
        }
        else if (arg === '--') {
            continue;
        }
        else {
            return sawC ? index : undefined;
        }
    }
    return undefined;
}
//# sourceMappingURL=invocations.js.map