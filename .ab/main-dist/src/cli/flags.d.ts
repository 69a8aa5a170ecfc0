import { type Options } from 'yargs';
/** Every flag, declared once: yargs gets them all, and unknown-flag suggestions come from them. */
export declare const FLAGS: Record<string, Options>;
export declare function parser(): import("yargs").Argv<import("yargs").Omit<{}, string> & import("yargs").InferredOptionTypes<Record<string, Options>>>;
/** yargs' "Unknown arguments: wirte, chek" with the flag each most likely meant. */
export declare function withSuggestions(message: string): string;
