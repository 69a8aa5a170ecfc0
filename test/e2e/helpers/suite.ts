/**
 * Jest glue for the end-to-end suites: a `describe` that needs the private Docker engine.
 */
import { engineUnavailable } from './docker.js';

/**
 * `describe(name, body)` when the private engine answers and has `requiredImages`. Otherwise the
 * suite fails loudly with one test that says why and what to run, unless E2E_ALLOW_SKIP=1, when
 * it is skipped and the reason printed: a missing engine must never pass for a green run.
 */
export function describeWithEngine(name: string, requiredImages: readonly string[], body: () => void): void {
  const reason = engineUnavailable(requiredImages);
  if (reason === undefined) {
    describe(name, body);
    return;
  }
  if (process.env.E2E_ALLOW_SKIP === '1') {
    process.stderr.write(`\n[e2e] SKIPPED "${name}": ${reason}\n`);
    describe.skip(name, body);
    return;
  }
  describe(name, () => {
    test('the private Docker engine is reachable', () => {
      throw new Error(`[e2e] ${reason}\n(Set E2E_ALLOW_SKIP=1 to skip the end-to-end tests instead of failing.)`);
    });
  });
}
