import type { ReportedItem } from '../engine/pipeline.js';
import type { Transform } from '../engine/transform.js';
import type { Mode } from './types.js';
/** A rule as linters report them (SARIF, GitHub annotations): a transform, or one of its sub-rules (`cache-mounts/pip`). */
export interface Rule {
    readonly id: string;
    readonly shortDescription: string;
    readonly fullDescription: {
        readonly text: string;
        readonly markdown?: string;
    };
    readonly helpUri?: string;
}
/** The rules of a run, from what its transforms declare, and the rule each reported item belongs to. */
export declare class RuleTable {
    readonly rules: readonly Rule[];
    private readonly index;
    constructor(transforms: readonly Transform[]);
    /** The rule a change or skip is reported under: its topic's sub-rule when the transform declares one. */
    ruleId(item: ReportedItem): string;
    indexOf(id: string): number | undefined;
}
/** A change still to make is a warning; once --write made it, it is only news. */
export declare function changeLevel(mode: Mode): 'warning' | 'note';
