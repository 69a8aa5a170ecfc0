#!/usr/bin/env bash
# The whole end-to-end suite in one command (npm run test:e2e): setup.sh, quick when already done
# (through sudo when not root), then jest with the e2e config. Needs the build (npm run build):
# the tests run dist/cli.mjs as users do. Extra arguments go to jest, e.g. `npm run test:e2e -- pip-cache`.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=scripts/e2e/env.sh
. "$here/env.sh"
if [ "$(id -u)" = 0 ]; then "$here/setup.sh"; else sudo --preserve-env=E2E_ROOT,E2E_CACHE,E2E_ENV_FILE,E2E_MIRROR "$here/setup.sh"; fi
cd "$here/../.."
export E2E_ENV_FILE
exec node --experimental-vm-modules node_modules/jest/bin/jest.js -c test/e2e/jest.config.mjs "$@"
