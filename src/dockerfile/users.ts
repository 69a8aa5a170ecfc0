import type { KnownUser } from './base-images.js';
import { basename, readScript } from '../shell/invocations.js';
import { optionValue } from '../shell/options.js';

/** Options of useradd/adduser (shadow-utils, Debian adduser and BusyBox) that take a value. */
const VALUED = new Set([
  '-u', '--uid', '-g', '--gid', '--ingroup', '-G', '--groups', '-d', '--home', '--home-dir', '-h', '-s', '--shell',
  '-c', '--comment', '--gecos', '-k', '--skel', '-K', '--key', '-e', '--expiredate', '-f', '--inactive', '-p', '--password',
  '-b', '--base-dir', '--firstuid', '--lastuid', '-R', '--root', '-Z', '--selinux-user', '--conf',
]);

/**
 * Users a RUN creates with a fixed uid (`useradd -u 10001 app`, `adduser -D -u 2000 svc`): their
 * uid, gid and home directory. Users without an explicit uid are not known: their uid depends on
 * the base image's /etc/passwd.
 */
export function usersCreatedBy(runArguments: string): Map<string, KnownUser> {
  const users = new Map<string, KnownUser>();
  for (const invocation of readScript(runArguments).invocations) {
    const program = basename(invocation.argv[0] ?? '');
    if (program !== 'useradd' && program !== 'adduser') continue;
    const args = invocation.argv.slice(1);
    const names = args.filter((arg, i) => !arg.startsWith('-') && !VALUED.has(args[i - 1] ?? ''));
    // `adduser NAME GROUP` (Debian) adds a user to a group; the user is the first name either way.
    const name = names[0];
    const uid = Number(optionValue(args, ['-u', '--uid']));
    if (!name || !Number.isInteger(uid)) continue;
    const gidText = optionValue(args, ['-g', '--gid']);
    const gid = gidText !== undefined && /^\d+$/.test(gidText) ? Number(gidText) : uid;
    const home = optionValue(args, ['-d', '--home', '--home-dir', ...(program === 'adduser' ? ['-h'] : [])]) ?? `/home/${name}`;
    users.set(name, { uid, gid, home });
  }
  return users;
}
