/**
 * Everything a transform may build on. The built-in transforms import from this module only, so a
 * custom transform (`import { ... } from 'dockerfile-codemod'`) can do all that they do.
 *
 * AST nodes come from the document the engine hands over; use `document.runs()` or compare
 * `getKeyword()` rather than `instanceof`: a custom transform's copy of dockerfile-ast is not
 * the engine's.
 */
export type { Dockerfile, Instruction, Run } from 'dockerfile-ast';
export { DockerfileDocument, type Position, type Range } from './dockerfile/document.js';
export { applyEdits, insertAt, type TextEdit } from './engine/edits.js';
export { proseList } from './engine/transform.js';
export type { Change, OptionSpec, OptionValue, PullRequestText, Skip, Transform, TransformContext, TransformResult } from './engine/transform.js';
export { baseImageFacts, isKnownImage, isWindowsImage, knownUserOfImage, normalizeImage, type BaseImageFacts, type KnownUser } from './dockerfile/base-images.js';
export { directoriesMadeBy, type PathContext } from './dockerfile/directories.js';
export { droppedLinesEnd, lineContinuationEnd, readFlags, type ExistingFlag } from './dockerfile/flags.js';
export { continuationStyle, insertCommandBefore, insertCommandFirst, insertRunFlags,
  insertWords, lineColumns, MAX_LINE_WIDTH, type CommandTarget, type ContinuationStyle, type LayoutContext } from './dockerfile/layout.js';
export { formatCacheMount, isPlainAbsolutePath, mountTarget, mountType, parseMountValue, type CacheMountSpec, type MountOptions } from './dockerfile/mount.js';
export { ancestors, isWithin, resolvePath } from './dockerfile/paths.js';
export {
  analyzeRun,
  logicalText,
  sourceRange,
  wordRange,
  type LocatedInvocation,
  type LogicalText,
  type RunAnalysis,
  type ShellScript,
  type SourceRange,
} from './dockerfile/run.js';
export { copyDestination, expandPath, expandVariables, resolveUser, runWordExpander, StageModel, type BuildState, type CopyFact, type Stage } from './dockerfile/stages.js';
export { isExactly, mayCover, mayLieWithin, pathUses, type PathUse, type PathUseKind, type WordExpander } from './dockerfile/path-uses.js';
export { assignmentsBefore, referencesVariable, type LocalVariables } from './shell/variables.js';
export { removeCommands, removeOperands, type CommandRemoval } from './dockerfile/command-removal.js';
export { optionValue } from './shell/options.js';
export { usersCreatedBy } from './dockerfile/users.js';
export { findCommands, findCommandsInScriptArgument, type SimpleCommand } from './shell/commands.js';
export { basename, invocationsOfArgv, invocationsOfCommands, type Invocation } from './shell/invocations.js';
export { lex, type LexOptions, type Token } from './shell/lexer.js';
