import { closeSync, fstatSync, openSync, readFileSync } from 'node:fs';

/** Files larger than this are refused: real Dockerfiles are a few kilobytes. */
export const DEFAULT_MAX_FILE_BYTES = 5 * 1024 * 1024;

export interface ReadFile {
  readonly content: string;
  /** What the file looked like when read, so that a write can tell whether it changed since. */
  readonly mtimeMs: number;
  readonly size: number;
  readonly mode: number;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Reads a Dockerfile as UTF-8 text; throws an Error whose message says why it cannot be used.
 * Synchronous on purpose: for thousands of small files, one system call each beats a thread-pool
 * round trip each, and the CLI has nothing else to do meanwhile.
 */
export function readDockerfile(path: string, maxBytes = DEFAULT_MAX_FILE_BYTES): ReadFile {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new Error(describeFsError(error as NodeJS.ErrnoException));
  }
  try {
    const info = fstatSync(fd);
    if (info.isDirectory()) throw new Error('is a directory');
    if (!info.isFile()) throw new Error('not a regular file');
    if (info.size > maxBytes) throw new Error(`file is ${info.size} bytes, over the ${maxBytes}-byte limit`);
    const content = decodeDockerfile(readFileSync(fd));
    return { content, mtimeMs: info.mtimeMs, size: info.size, mode: info.mode };
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw code ? new Error(describeFsError(error as NodeJS.ErrnoException)) : error;
  } finally {
    closeSync(fd);
  }
}

/** The text of a Dockerfile's bytes; throws an Error saying why they are not Dockerfile text. */
export function decodeDockerfile(bytes: Uint8Array): string {
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new Error(`binary file (NUL byte at offset ${nul})`);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new Error('not valid UTF-8 text');
  }
}

export function describeFsError(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'ENOENT':
      return 'no such file (a dangling symlink?)';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return error.message;
  }
}
