import { findCommands } from '../../src/shell/commands.js';
import { invocationsOfCommands } from '../../src/shell/invocations.js';
import { assignmentsBefore } from '../../src/shell/variables.js';
import { isExactly, mayCover, mayLieWithin, pathUses } from '../../src/dockerfile/path-uses.js';

const ENV: Record<string, string> = { HOME: '/root', PIP_CACHE_DIR: '/pipcache' };

/** The uses of a script as `kind pattern`, with ENV-like variables and `~` expanded. */
function uses(script: string, workdir = '/app'): string[] {
  const invocations = invocationsOfCommands(script, findCommands(script));
  const expand = (word: string) => {
    let unknown = false;
    const value = word.replace(/^~(?=\/|$)/, ENV.HOME!).replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, name: string) => {
      if (ENV[name] === undefined) unknown = true;
      return ENV[name] ?? '';
    });
    return unknown ? undefined : value;
  };
  return pathUses(invocations, workdir, expand).map((use) => `${use.kind} ${use.pattern ?? `?${use.written}`}${use.implicit ? ' (implicit)' : ''}`);
}

test('deletes and moves: rm, find -delete, mv sources, with ~, variables, globs and cd', () => {
  expect(uses('rm -rf /root/.cache /tmp/*')).toEqual(['delete /root/.cache', 'delete /tmp/*']);
  expect(uses('rm -rf ~/.cache && rm -rf $PIP_CACHE_DIR')).toEqual(['delete /root/.cache', 'delete /pipcache']);
  expect(uses('find /root/.cache -delete')).toEqual(['delete /root/.cache']);
  expect(uses('mv /root/.cache /tmp/old')).toEqual(['move /root/.cache', 'write /tmp/old']);
  expect(uses('cd /root && rm -rf .cache')).toEqual(['delete /root/.cache']);
  expect(uses('rm -rf $UNSET/x')).toEqual(['delete ?$UNSET/x']);
});

test('unpacks: tar -C, --directory, a -xzC cluster and the old-style bundle; unzip -d; else the working directory', () => {
  expect(uses('tar -xzf a.tgz -C /opt')).toEqual(['extract /opt']);
  expect(uses('tar --extract --file a.tar --directory=/srv')).toEqual(['extract /srv']);
  expect(uses('tar -xJC /usr/bin -f a.txz')).toEqual(['extract /usr/bin']);
  expect(uses('tar xJC /usr/bin/ ffmpeg/ffprobe --strip 1')).toEqual(['extract /usr/bin']);
  expect(uses('tar xzfC a.tgz /opt/x')).toEqual(['extract /opt/x']);
  expect(uses('tar xzf a.tgz')).toEqual(['extract /app (implicit)']);
  expect(uses('tar czf a.tgz /root')).toEqual([]);
  expect(uses('unzip -q a.zip -d /opt/z')).toEqual(['extract /opt/z']);
});

test('writes: copies, downloads and output redirections; recursive ownership changes', () => {
  expect(uses('cp -r wheels /root/.cache/pip/wheels')).toEqual(['write /root/.cache/pip/wheels']);
  expect(uses('curl -o /root/.cache/x https://e.org/x')).toEqual(['write /root/.cache/x']);
  expect(uses('echo x > /root/.cache/pip/marker 2>&1')).toEqual(['write /root/.cache/pip/marker']);
  expect(uses('chown -R app /root/.cache')).toEqual(['modify /root/.cache']);
  expect(uses('chown app /root/.cache')).toEqual([]);
});

test('globs cover a directory only where the shell would expand them to it', () => {
  expect(mayCover('/root/.cache/*', '/root/.cache/pip')).toBe(true);
  expect(mayCover('/root/.cache/*', '/root/.cache/.hidden')).toBe(false);
  expect(mayCover('/root/.cache/p*', '/root/.cache/pip/http')).toBe(true);
  expect(mayCover('/var/lib/apt/lists/*', '/var/lib/apt/lists')).toBe(false);
  expect(mayLieWithin('/var/lib/apt/lists/*', '/var/lib/apt/lists')).toBe(true);
  expect(isExactly('/root/.cache/pip', '/root/.cache/pip')).toBe(true);
  expect(isExactly('/root/.cache/pi?', '/root/.cache/pip')).toBe(false);
  expect(uses('rm -rf /root/.cache/pip/')).toEqual(['delete /root/.cache/pip']);
});

test("a RUN's own assignments: values as written, a $(mktemp) under /tmp, other substitutions unknown", () => {
  const commands = findCommands('set -eux; GNUPGHOME="$(mktemp -d)"; export GNUPGHOME; X=$(date); export Y=/opt/y; rm -rf "$GNUPGHOME"');
  const last = assignmentsBefore(commands).get(commands.find((command) => command.argv[0] === 'rm')!)!;
  expect([...last]).toEqual([['GNUPGHOME', '/tmp/mktemp.GNUPGHOME'], ['X', undefined], ['Y', '/opt/y']]);
});
