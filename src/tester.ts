import { AssertionError, deepStrictEqual, strictEqual } from 'node:assert/strict';
import { DockerfileParser } from 'dockerfile-ast';
import type { TransformOptions } from './engine/options.js';
import { transformContent, type FileResult, type ReportedItem } from './engine/pipeline.js';
import type { OptionValue, Transform } from './engine/transform.js';

/** What a reported change or skip must be: its exact message, a pattern of it, or fields to match (`detail`: the longer why). */
export type ExpectedItem =
  | string
  | RegExp
  | { readonly line?: number; readonly message?: string | RegExp; readonly detail?: string | RegExp; readonly topic?: string };

export interface TransformTestCase {
  /** The test's name; the input's first line otherwise. */
  readonly name?: string;
  readonly input: string;
  /** The expected file after the transform; leave it out when nothing may change. */
  readonly output?: string;
  /** Option values of the transform under test. */
  readonly options?: Readonly<Record<string, OptionValue>>;
  /** The changes the transform under test reports, in line order; leave it out not to check them. */
  readonly changes?: readonly ExpectedItem[];
  /** Its skips, in line order; leave it out not to check them. */
  readonly skips?: readonly ExpectedItem[];
  /** The whole file is left alone with this reason (empty, not a Dockerfile...). */
  readonly reason?: string | RegExp;
}

type Suite = (name: string, body: () => void) => unknown;

export interface TransformTesterSettings {
  /** Other transforms to run with the one under test (the engine orders them): `syntax` reads what `cache-mounts` adds. */
  readonly with?: readonly Transform[];
  /** Option values of those others, by transform id. */
  readonly options?: TransformOptions;
  /** The test framework's `describe` and `it` (node:test's, say); the global ones (jest, vitest, mocha) otherwise. */
  readonly describe?: Suite;
  readonly it?: Suite;
}

function globalSuite(name: 'describe' | 'it'): Suite {
  const found = (globalThis as Record<string, unknown>)[name];
  if (typeof found !== 'function') throw new Error(`TransformTester: no global ${name}: pass { describe, it } from your test framework (import { describe, it } from 'node:test')`);
  return found as Suite;
}

/** Each instruction's lines (1-based) and its keyword and arguments (dockerfile-ast leaves flags out). */
function instructions(content: string): { first: number; last: number; signature: string }[] {
  return DockerfileParser.parse(content.replace(/^\uFEFF/, ''))
    .getInstructions()
    .map((instruction) => ({
      first: instruction.getRange().start.line + 1,
      last: instruction.getRange().end.line + 1,
      signature: `${instruction.getKeyword()} ${instruction.getArguments().map((argument) => argument.getValue()).join(' ')}`,
    }));
}

function isSubsequence(items: readonly string[], sequence: readonly string[]): boolean {
  let next = 0;
  for (const item of items) {
    next = sequence.indexOf(item, next) + 1;
    if (next === 0) return false;
  }
  return true;
}

function matches(item: ReportedItem, expected: ExpectedItem): boolean {
  const text = (pattern: string | RegExp | undefined, value: string) => pattern === undefined || (typeof pattern === 'string' ? pattern === value : pattern.test(value));
  if (typeof expected === 'string' || expected instanceof RegExp) return text(expected, item.message);
  return (
    (expected.line === undefined || expected.line === item.line) &&
    text(expected.message, item.message) &&
    text(expected.detail, item.detail ?? '') &&
    (expected.topic === undefined || expected.topic === item.topic)
  );
}

function checkItems(kind: 'changes' | 'skips', actual: readonly ReportedItem[], expected: readonly ExpectedItem[] | undefined): void {
  if (expected === undefined) return;
  const shown = actual.map(({ line, message, detail, topic }) => ({ line, message, ...(detail ? { detail } : {}), ...(topic ? { topic } : {}) }));
  if (actual.length !== expected.length || !actual.every((item, index) => matches(item, expected[index]!))) {
    throw new AssertionError({ message: `the ${kind} reported differ from the expected ones`, actual: shown, expected, operator: 'matches' });
  }
}

/**
 * Tests a transform the way the project tests its own (ESLint's RuleTester, jscodeshift's
 * defineTest): each case runs through the engine, and besides the expected output, changes and
 * skips it checks the invariants of every golden fixture: a second run changes nothing, every
 * changed line is reported within the input, and no instruction is lost or altered without a
 * change reported on one of its lines.
 */
export class TransformTester {
  constructor(private readonly settings: TransformTesterSettings = {}) {}

  /** Declares one `describe` block for the transform, with one `it` per case. */
  run(transform: Transform, cases: readonly TransformTestCase[]): void {
    const describe = this.settings.describe ?? globalSuite('describe');
    const it = this.settings.it ?? globalSuite('it');
    describe(transform.id, () => {
      for (const testCase of cases) {
        const name = testCase.name ?? testCase.input.split('\n').find((line) => line.trim() !== '') ?? '(empty)';
        // A block body: jest fails a test function that returns a value.
        it(name, () => {
          this.check(transform, testCase);
        });
      }
    });
  }

  /** Runs one case and throws an AssertionError when it fails; `run` calls it in each test. */
  check(transform: Transform, testCase: TransformTestCase): FileResult {
    const transforms = [transform, ...(this.settings.with ?? [])];
    const options: TransformOptions = { ...this.settings.options, ...(testCase.options ? { [transform.id]: testCase.options } : {}) };
    const { input } = testCase;
    const result = transformContent('Dockerfile', input, transforms, options);
    if (result.status === 'error') throw new AssertionError({ message: `the file is in error: ${result.error}` });
    if (testCase.reason !== undefined) {
      const reason = result.status === 'skipped' ? (result.error ?? '') : '(not skipped)';
      if (typeof testCase.reason === 'string' ? reason !== testCase.reason : !testCase.reason.test(reason)) {
        throw new AssertionError({ message: 'the file is not left alone for the expected reason', actual: reason, expected: testCase.reason, operator: 'matches' });
      }
    }
    strictEqual(result.output, testCase.output ?? input, 'the output differs from the expected one');
    const own = (items: readonly ReportedItem[]) => items.filter((item) => item.transform === transform.id);
    checkItems('changes', own(result.changes), testCase.changes);
    checkItems('skips', own(result.skipped), testCase.skips);

    const again = transformContent('Dockerfile', result.output!, transforms, options);
    strictEqual(again.output, result.output, 'not idempotent: a second run changes the output');
    deepStrictEqual(again.changes, [], 'not idempotent: a second run reports changes');

    const lines = input.split('\n').length;
    for (const change of result.changes) {
      if (change.line < 1 || change.line > lines) throw new AssertionError({ message: `${change.transform} reports a change at line ${change.line}, outside the input's ${lines} lines` });
    }
    const before = instructions(input);
    const after = instructions(result.output!).map((instruction) => instruction.signature);
    const keywords = (signatures: readonly string[]) => signatures.map((signature) => signature.split(' ')[0]!);
    if (!isSubsequence(keywords(before.map((instruction) => instruction.signature)), keywords(after))) {
      throw new AssertionError({ message: 'an instruction of the input is missing from the output', actual: after, expected: before.map((instruction) => instruction.signature), operator: 'keeps' });
    }
    // A change is reported at the line it edits, which may be any line of the instruction.
    const reported = result.changes.map((change) => change.line);
    const untouched = before.filter(({ first, last }) => !reported.some((line) => line >= first && line <= last)).map((instruction) => instruction.signature);
    if (!isSubsequence(untouched, after)) {
      throw new AssertionError({ message: 'an instruction with no change reported on its lines was altered', actual: after, expected: untouched, operator: 'keeps' });
    }
    return result;
  }
}
