import type { PackageManager } from '../package-manager.js';
/** Every supported package manager; adding one is a file in this folder plus its fixtures. */
export declare const PACKAGE_MANAGERS: readonly PackageManager[];
