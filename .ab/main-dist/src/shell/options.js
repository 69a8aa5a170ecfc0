/**
 * The value of the first of `names` in a command's arguments: `-o VALUE`, `--option=VALUE`,
 * `--option VALUE` or `-oVALUE`.
 */
export function optionValue(args, names) {
    for (let i = 0; i < args.length; i++) {
        const arg = args[i];
        if (names.includes(arg))
            return args[i + 1];
        const long = names.find((name) => name.startsWith('--') && arg.startsWith(`${name}=`));
        if (long)
            return arg.slice(long.length + 1);
        const short = names.find((name) => !name.startsWith('--') && name.length === 2 && !arg.startsWith('--') && arg.startsWith(name) && arg.length > 2);
        if (short)
            return arg.slice(2);
    }
    return undefined;
}
//# sourceMappingURL=options.js.map