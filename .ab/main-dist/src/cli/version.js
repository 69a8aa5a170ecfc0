import { readFileSync } from 'node:fs';
/**
 * The package's version. package.json is found upwards from this module: one level from the
 * bundled dist/cli.mjs, two from src/cli/, three from dist/src/cli/.
 */
export function packageVersion() {
    for (const candidate of ['../package.json', '../../package.json', '../../../package.json']) {
        try {
            const manifest = JSON.parse(readFileSync(new URL(candidate, import.meta.url), 'utf8'));
            if (manifest.name === 'dockerfile-codemod')
                return manifest.version;
        }
        catch {
            // Not at this level.
        }
    }
    return 'unknown';
}
//# sourceMappingURL=version.js.map