export { DockerfileDocument } from './dockerfile/document.js';
export { applyEdits, insertAt } from './engine/edits.js';
export { baseImageFacts, isKnownImage, isWindowsImage, knownUserOfImage, normalizeImage } from './dockerfile/base-images.js';
export { directoriesMadeBy } from './dockerfile/directories.js';
export { droppedLinesEnd, lineContinuationEnd, readFlags } from './dockerfile/flags.js';
export { continuationStyle, insertCommandBefore, insertCommandFirst, insertRunFlags, lineColumns, MAX_LINE_WIDTH } from './dockerfile/layout.js';
export { formatCacheMount, isPlainAbsolutePath, mountTarget, mountType, parseMountValue } from './dockerfile/mount.js';
export { ancestors, isWithin, resolvePath } from './dockerfile/paths.js';
export { analyzeRun, logicalText, sourceRange, wordRange, } from './dockerfile/run.js';
export { copyDestination, expandPath, expandVariables, resolveUser, StageModel } from './dockerfile/stages.js';
export { isExactly, mayCover, mayLieWithin, pathUses } from './dockerfile/path-uses.js';
export { assignmentsBefore, referencesVariable } from './shell/variables.js';
export { removeCommands } from './dockerfile/command-removal.js';
export { optionValue } from './shell/options.js';
export { usersCreatedBy } from './dockerfile/users.js';
export { findCommands, findCommandsInScriptArgument } from './shell/commands.js';
export { basename, invocationsOfArgv, invocationsOfCommands } from './shell/invocations.js';
export { lex } from './shell/lexer.js';
//# sourceMappingURL=toolkit.js.map