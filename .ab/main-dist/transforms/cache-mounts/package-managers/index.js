import { apk } from './apk.js';
import { apt } from './apt.js';
import { bundler } from './bundler.js';
import { cargo } from './cargo.js';
import { composer } from './composer.js';
import { conda } from './conda.js';
import { dnf } from './dnf.js';
import { dotnet } from './dotnet.js';
import { go } from './go.js';
import { gradle } from './gradle.js';
import { maven } from './maven.js';
import { npm } from './npm.js';
import { pip } from './pip.js';
import { pipenv } from './pipenv.js';
import { pnpm } from './pnpm.js';
import { poetry } from './poetry.js';
import { uv } from './uv.js';
import { yarn } from './yarn.js';
/** Every supported package manager; adding one is a file in this folder plus its fixtures. */
export const PACKAGE_MANAGERS = [
    apt, apk, dnf, pip, pipenv, poetry, uv, conda, npm, yarn, pnpm, go, cargo, maven, gradle, bundler, composer, dotnet,
];
//# sourceMappingURL=index.js.map