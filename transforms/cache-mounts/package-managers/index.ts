import type { PackageManager } from '../package-manager.js';
import { pip } from './pip.js';
import { pipenv } from './pipenv.js';
import { poetry } from './poetry.js';
import { uv } from './uv.js';

/** Every supported package manager; adding one is a file in this folder plus its fixtures. */
export const PACKAGE_MANAGERS: readonly PackageManager[] = [pip, pipenv, poetry, uv];
