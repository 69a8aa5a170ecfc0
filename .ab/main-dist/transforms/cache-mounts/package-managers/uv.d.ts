import { type PackageManager } from '../package-manager.js';
export declare const uv: PackageManager;
