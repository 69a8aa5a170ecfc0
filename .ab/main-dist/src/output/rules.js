const plain = (markdown) => markdown.replace(/`|\*\*/g, '');
/** The rules of a run, from what its transforms declare, and the rule each reported item belongs to. */
export class RuleTable {
    rules;
    index;
    constructor(transforms) {
        this.rules = transforms.flatMap((transform) => [
            {
                id: transform.id,
                shortDescription: transform.description,
                fullDescription: { text: transform.description },
                ...(transform.docsUrl ? { helpUri: transform.docsUrl } : {}),
            },
            // One rule per sub-rule, so that code scanning can filter and dismiss them separately.
            ...(transform.subRules ?? []).map((rule) => ({
                id: `${transform.id}/${rule.topic}`,
                shortDescription: rule.description,
                fullDescription: { text: plain(rule.help ?? rule.description), markdown: rule.help ?? rule.description },
                ...(transform.docsUrl ? { helpUri: transform.docsUrl } : {}),
            })),
        ]);
        this.index = new Map(this.rules.map((rule, index) => [rule.id, index]));
    }
    /** The rule a change or skip is reported under: its topic's sub-rule when the transform declares one. */
    ruleId(item) {
        const topical = `${item.transform}/${item.topic}`;
        return item.topic !== undefined && this.index.has(topical) ? topical : item.transform;
    }
    indexOf(id) {
        return this.index.get(id);
    }
}
/** A change still to make is a warning; once --write made it, it is only news. */
export function changeLevel(mode) {
    return mode === 'write' ? 'note' : 'warning';
}
//# sourceMappingURL=rules.js.map