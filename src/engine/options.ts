import { didYouMean } from '../shared/suggest.js';
import type { OptionSpec, OptionValue, SubRuleSelection, Transform } from './transform.js';

/** Option values per transform id, as given by flags, a config file or a library caller. */
export type TransformOptions = Readonly<Record<string, Readonly<Record<string, OptionValue>>>>;

function describe(value: unknown): string {
  if (Array.isArray(value)) return 'an array';
  if (value === null) return 'null';
  return typeof value === 'string' ? `"${value}"` : `${typeof value} ${String(value)}`;
}

/** Why `value` is not acceptable for an option, or undefined when it is. */
export function optionProblem(spec: OptionSpec, value: unknown): string | undefined {
  if (typeof value !== spec.type) {
    // YAML reads 0755 as the number 755.
    const hint = spec.type === 'string' && typeof value === 'number' ? ' (quote it)' : '';
    return `expected a ${spec.type}, got ${describe(value)}${hint}`;
  }
  if (spec.choices && !spec.choices.includes(String(value))) return `expected one of ${spec.choices.join(', ')}, got ${describe(value)}`;
  return spec.validate?.(value as OptionValue);
}

/** A problem with one option value: where (`cache-mounts.mountMode`) and what. */
export interface OptionProblem {
  readonly key: string;
  readonly problem: string;
}

/** Checks option values against the transforms' declarations. */
export function optionProblems(options: Readonly<Record<string, unknown>>, transforms: readonly Transform[]): OptionProblem[] {
  const problems: OptionProblem[] = [];
  for (const [id, values] of Object.entries(options)) {
    const transform = transforms.find((candidate) => candidate.id === id);
    if (!transform) {
      problems.push({ key: id, problem: `unknown transform${didYouMean(id, transforms.map((t) => t.id))}` });
      continue;
    }
    if (typeof values !== 'object' || values === null || Array.isArray(values)) {
      problems.push({ key: id, problem: `expected an object of option values, got ${describe(values)}` });
      continue;
    }
    for (const [name, value] of Object.entries(values)) {
      const spec = transform.options.find((candidate) => candidate.name === name);
      const problem = spec ? optionProblem(spec, value) : `unknown option of ${id}${didYouMean(name, transform.options.map((o) => o.name))}`;
      if (problem) problems.push({ key: `${id}.${name}`, problem });
    }
  }
  return problems;
}

/** Layers option values: later layers win, key by key within each transform. */
export function mergeOptions(...layers: readonly (TransformOptions | undefined)[]): TransformOptions {
  const merged: Record<string, Record<string, OptionValue>> = {};
  for (const layer of layers) {
    for (const [id, values] of Object.entries(layer ?? {})) merged[id] = { ...merged[id], ...values };
  }
  return merged;
}

/** The entries of transform lists as given (repeated flags, commas inside one): trimmed, empty ones left out. */
export function transformEntries(values: readonly string[]): string[] {
  return values
    .flatMap((value) => value.split(','))
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}

/** The transform with this id; throws, naming the known ones, when there is none. */
export function transformById(id: string, available: readonly Transform[]): Transform {
  const transform = available.find((candidate) => candidate.id === id);
  if (!transform) throw new Error(`unknown transform "${id}"${didYouMean(id, available.map((t) => t.id))}; known: ${available.map((t) => t.id).join(', ')}`);
  return transform;
}

/** What a transform list entry names: a transform (`cache-mounts`), or one of its sub-rules (`cache-mounts/pip`). */
export interface RulePick {
  readonly transform: Transform;
  readonly topic?: string;
}

/** The transform or sub-rule with this id; throws, naming the known ones, when there is none. */
export function ruleById(id: string, available: readonly Transform[]): RulePick {
  const slash = id.indexOf('/');
  if (slash < 0) return { transform: transformById(id, available) };
  const transform = transformById(id.slice(0, slash), available);
  const topic = id.slice(slash + 1);
  const topics = (transform.subRules ?? []).map((rule) => rule.topic);
  if (!topics.includes(topic)) {
    const known = topics.length > 0 ? `; ${transform.id} has ${topics.map((candidate) => `${transform.id}/${candidate}`).join(', ')}` : `; ${transform.id} has no sub-rules`;
    throw new Error(`unknown sub-rule "${id}"${didYouMean(topic, topics, (candidate) => `"${transform.id}/${candidate}"`)}${known}`);
  }
  return { transform, topic };
}

/**
 * The transforms picks name, each once, in the order first named, and the sub-rules to run where
 * only sub-rules of a transform were named (a transform named whole runs all of its own).
 */
export function selectionOf(picks: readonly RulePick[]): { transforms: Transform[]; subRules: SubRuleSelection } {
  const transforms: Transform[] = [];
  const topics = new Map<string, Set<string> | 'all'>();
  for (const { transform, topic } of picks) {
    if (!transforms.includes(transform)) transforms.push(transform);
    const chosen = topics.get(transform.id);
    if (topic === undefined) topics.set(transform.id, 'all');
    else if (chosen !== 'all') topics.set(transform.id, (chosen ?? new Set()).add(topic));
  }
  const subRules = new Map([...topics].flatMap(([id, chosen]) => (chosen === 'all' ? [] : [[id, chosen] as const])));
  return { transforms, subRules };
}

/** The command-line flag of an option: its camelCase name in kebab-case. */
export function flagName(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
