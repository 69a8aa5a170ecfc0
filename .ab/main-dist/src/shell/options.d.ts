/**
 * The value of the first of `names` in a command's arguments: `-o VALUE`, `--option=VALUE`,
 * `--option VALUE` or `-oVALUE`.
 */
export declare function optionValue(args: readonly string[], names: readonly string[]): string | undefined;
