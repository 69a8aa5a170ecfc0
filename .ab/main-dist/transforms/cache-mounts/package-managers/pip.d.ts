import { type PackageManager } from '../package-manager.js';
/** The pip arguments of `pip ...`, `pip3.11 ...` or `python3 -m pip ...`; undefined for anything else. */
export declare function pipArguments(argv: readonly string[]): readonly string[] | undefined;
export declare const pip: PackageManager;
