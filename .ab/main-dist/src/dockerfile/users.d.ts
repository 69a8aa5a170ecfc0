import type { KnownUser } from './base-images.js';
/**
 * Users a RUN creates with a fixed uid (`useradd -u 10001 app`, `adduser -D -u 2000 svc`): their
 * uid, gid and home directory. Users without an explicit uid are not known: their uid depends on
 * the base image's /etc/passwd.
 */
export declare function usersCreatedBy(runArguments: string): Map<string, KnownUser>;
