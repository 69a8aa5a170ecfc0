import { directoriesMadeBy } from '../../src/dockerfile/directories.js';

const context = {
  workdir: '/srv',
  expand: (word: string) => (word.includes('$UNKNOWN') ? undefined : word.replace('$APP_HOME', '/home/app').replace(/^~/, '/home/app')),
};

describe('directoriesMadeBy', () => {
  test('mkdir -p makes the directory and its parents; plain mkdir only the directory', () => {
    expect(directoriesMadeBy('mkdir -p ~/.cache/pip', context)).toEqual(['/home/app/.cache/pip', '/home/app/.cache', '/home/app', '/home']);
    expect(directoriesMadeBy('mkdir -m 0700 data && mkdir --parents "$APP_HOME/x"', context)).toEqual(['/srv/data', '/home/app/x', '/home/app', '/home']);
  });

  test('install -d counts, install of files does not; option values are not paths', () => {
    expect(directoriesMadeBy('install -d -o app -m 0755 /home/app/.npm', context)).toEqual(['/home/app/.npm', '/home/app', '/home']);
    expect(directoriesMadeBy('install -m 0755 tool /usr/local/bin/tool', context)).toEqual([]);
  });

  test('unknown variables, globs, and mkdir in strings are left out', () => {
    expect(directoriesMadeBy('mkdir -p $UNKNOWN/x /tmp/a* && echo "mkdir /not"', context)).toEqual([]);
  });

  test('commands inside sh -c count', () => {
    expect(directoriesMadeBy("sh -c 'mkdir /cache'", context)).toEqual(['/cache']);
  });
});
