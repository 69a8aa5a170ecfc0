import type { ReportedItem } from '../engine/pipeline.js';
import { proseList, type PullRequestText, type Transform } from '../engine/transform.js';

/** A changed file of a group, with what each transform did to it. */
export interface ChangedFile {
  readonly path: string;
  readonly changes: readonly ReportedItem[];
}

export interface PullRequestTexts {
  readonly title: string;
  /** Markdown, at most BODY_LIMIT characters. */
  readonly body: string;
  /** The title, then a few lines: what a `git log` reader needs, not the whole body. */
  readonly commitMessage: string;
}

/** GitHub rejects pull-request bodies over 65,536 characters; stay well under, leaving room for edits by hand. */
export const BODY_LIMIT = 50_000;

/** Text for transforms that bring none (custom transforms without `pullRequest`). */
function fallbackText(transform: Pick<Transform, 'id' | 'description'>): PullRequestText {
  return {
    title: () => `apply ${transform.id}`,
    description: () => transform.description,
    image: 'The transform does not say: review the diff.',
  };
}

/** One transform's part in a group: its text and the topics of its changes, most frequent first. */
interface Contribution {
  readonly id: string;
  readonly text: PullRequestText;
  readonly topics: readonly string[];
  /** Topics the transform declares as sub-rules (package managers for cache-mounts): the ones worth listing per file. */
  readonly ruleTopics: ReadonlySet<string>;
}

function contributions(files: readonly ChangedFile[], transforms: readonly Transform[]): Contribution[] {
  const topicCounts = new Map<string, Map<string, number>>();
  for (const file of files) {
    for (const change of file.changes) {
      const counts = topicCounts.get(change.transform) ?? new Map<string, number>();
      topicCounts.set(change.transform, counts);
      if (change.topic !== undefined) counts.set(change.topic, (counts.get(change.topic) ?? 0) + 1);
    }
  }
  const order = (id: string) => {
    const index = transforms.findIndex((transform) => transform.id === id);
    return index < 0 ? transforms.length : index;
  };
  return [...topicCounts]
    .sort(([a], [b]) => order(a) - order(b) || a.localeCompare(b))
    .map(([id, counts]) => {
      const transform = transforms.find((candidate) => candidate.id === id);
      return {
        id,
        text: transform?.pullRequest ?? fallbackText(transform ?? { id, description: `The ${id} transform.` }),
        topics: [...counts].sort(([a, m], [b, n]) => n - m || a.localeCompare(b)).map(([topic]) => topic),
        ruleTopics: new Set(transform?.subRules?.map((rule) => rule.topic)),
      };
    });
}

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;

/** A Markdown code span that survives backticks in the text. */
function code(text: string): string {
  const longestRun = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = '`'.repeat(longestRun + 1);
  return longestRun > 0 ? `${fence} ${text} ${fence}` : `${fence}${text}${fence}`;
}

/** Text safe inside HTML (<summary>) and Markdown tables. */
const escapeHtml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const tableCell = (text: string) => text.replace(/\|/g, '\\|');

/** "cache-mounts (pip 2, apt 1), syntax": what each transform did to one file. */
function fileSummary(file: ChangedFile, parts: readonly Contribution[]): string {
  return parts
    .filter((part) => file.changes.some((change) => change.transform === part.id))
    .map((part) => {
      const counts = part.topics
        .filter((topic) => part.ruleTopics.has(topic))
        .map((topic) => [topic, file.changes.filter((change) => change.transform === part.id && change.topic === topic).length] as const)
        .filter(([, count]) => count > 0);
      return counts.length === 0 ? part.id : `${part.id} (${counts.map(([topic, count]) => `${topic} ${count}`).join(', ')})`;
    })
    .join(', ');
}

function fileDetails(file: ChangedFile): string {
  return [
    `<details><summary><code>${escapeHtml(file.path)}</code>: ${plural(file.changes.length, 'change')}</summary>`,
    '',
    ...file.changes.map((change) => `- line ${change.line}, ${change.transform}: ${escapeHtml(change.message)}`),
    '',
    '</details>',
    '',
  ].join('\n');
}

/**
 * The title, body and commit message of one group's pull request. The body says what changes,
 * what builders need, what changes in the image and how to opt out, then lists the files: a table,
 * then per-file details folded in `<details>`, cut at BODY_LIMIT with a pointer to the full diff.
 */
export function pullRequestTexts(group: string, files: readonly ChangedFile[], transforms: readonly Transform[], version: string): PullRequestTexts {
  const parts = contributions(files, transforms);
  const phrases = parts.map((part) => part.text.title(part.topics));
  const joined = phrases.join('; ');
  const title = `${joined.charAt(0).toUpperCase()}${joined.slice(1)} (${group})`;
  const requirements = parts.filter((part) => part.text.requires !== undefined);
  const head = [
    `dockerfile-codemod ${version} changed ${plural(files.length, 'Dockerfile')} for ${code(group)}.`,
    '',
    '## What changes',
    '',
    ...parts.flatMap((part) => [`**${part.id}**: ${part.text.description(part.topics)}`, '']),
    '## What builders need',
    '',
    ...(requirements.length === 0 ? ['Nothing new.'] : requirements.map((part) => `- ${part.text.requires}`)),
    '',
    '## What changes in the image',
    '',
    ...parts.map((part) => `- **${part.id}**: ${part.text.image}`),
    '',
    '## How to opt out',
    '',
    `- One instruction: revert its lines here and put \`# dockerfile-codemod ignore\` (or \`# dockerfile-codemod ignore=${parts[0]?.id ?? 'cache-mounts'}\`) on the line above it, so that later runs leave it alone.`,
    `- One transform: run with \`-t\` naming only the ones you want (this run used ${proseList(parts.map((part) => code(part.id)))}), or give your paths \`"transforms": []\` in the config file's \`overrides\`.`,
    '- One file: revert it here and add its path to `.dockerfile-codemodignore`.',
    '',
    '## Files',
    '',
    '| File | Changes |',
    '|---|---|',
    '',
  ].join('\n');
  const footer = `\nGenerated by dockerfile-codemod ${version}.\n`;
  const cutNote = (listed: number, detailed: number) =>
    `\n**${plural(files.length - detailed, 'file')} not detailed here${listed < files.length ? ` (${files.length - listed} not listed)` : ''}** to keep this description under GitHub's size limit: ` +
    `the pull request's diff has every change, as does \`${group}.patch\` from \`--patch-dir\`.\n`;
  // Room for the longest cut note, whatever the counts.
  let budget = BODY_LIMIT - head.length - footer.length - cutNote(0, 0).length - 40;
  const rows: string[] = [];
  for (const file of files) {
    const row = `| ${tableCell(code(file.path))} | ${tableCell(fileSummary(file, parts))} |\n`;
    if (row.length > budget) break;
    rows.push(row);
    budget -= row.length;
  }
  const details: string[] = [];
  for (const file of files.slice(0, rows.length)) {
    const block = fileDetails(file);
    if (block.length > budget) break;
    details.push(block);
    budget -= block.length;
  }
  const complete = details.length === files.length;
  const body = `${head}${rows.join('')}\n${details.join('')}${complete ? '' : cutNote(rows.length, details.length)}${footer}`;
  const commitMessage = [
    title,
    '',
    `${plural(files.length, 'Dockerfile')}: ${fileSummary({ path: group, changes: files.flatMap((file) => file.changes) }, parts)}.`,
    `Generated by dockerfile-codemod ${version}; the pull request describes the changes.`,
    '',
  ].join('\n');
  return { title, body, commitMessage };
}
