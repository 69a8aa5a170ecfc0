import type { FileResult } from '../../engine/pipeline.js';
import type { Transform } from '../../engine/transform.js';
import type { Formatter, FormatterContext, Mode, Output } from '../types.js';
/** The SARIF 2.1.0 objects this tool writes, with only the properties it sets. */
export interface SarifMessage {
    readonly text: string;
    readonly markdown?: string;
}
export interface SarifArtifactLocation {
    readonly uri: string;
    readonly uriBaseId?: '%SRCROOT%';
}
export interface SarifRegion {
    readonly startLine: number;
    readonly startColumn?: number;
    readonly endLine?: number;
    readonly endColumn?: number;
    readonly charOffset?: number;
    readonly charLength?: number;
}
export interface SarifLocation {
    readonly physicalLocation: {
        readonly artifactLocation: SarifArtifactLocation;
        readonly region?: SarifRegion;
    };
}
export interface SarifReplacement {
    readonly deletedRegion: SarifRegion;
    readonly insertedContent: {
        readonly text: string;
    };
}
export interface SarifFix {
    readonly description: SarifMessage;
    readonly artifactChanges: readonly {
        readonly artifactLocation: SarifArtifactLocation;
        readonly replacements: readonly SarifReplacement[];
    }[];
}
export interface SarifResult {
    readonly ruleId: string;
    readonly ruleIndex?: number;
    readonly level: 'warning' | 'note';
    readonly message: SarifMessage;
    readonly locations: readonly SarifLocation[];
    readonly fixes?: readonly SarifFix[];
}
export interface SarifNotification {
    readonly level: 'error' | 'note';
    readonly message: SarifMessage;
    readonly locations: readonly SarifLocation[];
}
export interface SarifLog {
    readonly $schema: string;
    readonly version: '2.1.0';
    readonly runs: readonly {
        readonly tool: {
            readonly driver: {
                readonly name: string;
                readonly version: string;
                readonly rules: readonly {
                    readonly id: string;
                }[];
            };
        };
        readonly results: readonly SarifResult[];
        readonly invocations: readonly {
            readonly executionSuccessful: boolean;
            readonly toolExecutionNotifications: readonly SarifNotification[];
        }[];
    }[];
}
/**
 * Writes a SARIF 2.1.0 log with one run. Results are streamed as files come; only file-level
 * notifications (errors, skipped files) are held until the end, where the invocation needs them.
 */
export declare class SarifWriter {
    private readonly out;
    private readonly mode;
    private results;
    private readonly notifications;
    private readonly rules;
    constructor(out: Output, mode: Mode, toolVersion: string, transforms: readonly Transform[]);
    file(result: FileResult): void;
    finish(): void;
    private write;
}
/** A SARIF 2.1.0 log on stdout, for code scanning; the summary on stderr after the log is complete. */
export declare function sarifFormatter({ stdout, stderr, mode, toolVersion, transforms, stdin }: FormatterContext): Formatter;
