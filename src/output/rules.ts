import { PACKAGE_MANAGERS } from '../../transforms/cache-mounts/package-managers/index.js';
import { BUILTIN_TRANSFORMS } from '../../transforms/index.js';
import type { Mode } from './reporter.js';
import type { ReportedItem } from '../engine/pipeline.js';

/** The README as the package page shows it; its transform sections are the rules' help. */
export const DOCS_URI = 'https://www.npmjs.com/package/dockerfile-codemod';

/** A rule as linters report them (SARIF, GitHub annotations): a transform, or cache-mounts for one package manager. */
export interface Rule {
  readonly id: string;
  readonly shortDescription: string;
  readonly fullDescription: { readonly text: string; readonly markdown?: string };
  readonly helpUri: string;
}

const plain = (markdown: string) => markdown.replace(/`|\*\*/g, '');

export const RULES: readonly Rule[] = [
  ...BUILTIN_TRANSFORMS.map((transform) => ({
    id: transform.id,
    shortDescription: transform.description,
    fullDescription: { text: transform.description },
    helpUri: `${DOCS_URI}#transform-${transform.id}`,
  })),
  // One rule per package manager, so that code scanning can filter and dismiss them separately.
  ...PACKAGE_MANAGERS.map(({ id, docs }) => {
    const full = `Add a BuildKit cache mount to RUN instructions that run ${docs.name} (${docs.commands}), at its cache directory: ${docs.target}.`;
    return {
      id: `cache-mounts/${id}`,
      shortDescription: `Cache mount for ${docs.name}`,
      fullDescription: { text: plain(full), markdown: full },
      helpUri: `${DOCS_URI}#transform-cache-mounts`,
    };
  }),
];

export const RULE_INDEX: ReadonlyMap<string, number> = new Map(RULES.map((rule, index) => [rule.id, index]));

/** The rule a change or skip is reported under: its package manager's when that has a rule of its own. */
export function ruleId(item: ReportedItem): string {
  const topical = `${item.transform}/${item.topic}`;
  return item.topic !== undefined && RULE_INDEX.has(topical) ? topical : item.transform;
}

/** A change still to make is a warning; once --write made it, it is only news. */
export function changeLevel(mode: Mode): 'warning' | 'note' {
  return mode === 'write' ? 'note' : 'warning';
}
