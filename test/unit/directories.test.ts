import { directoriesMadeBy } from '../../src/dockerfile/directories.js';
import { DockerfileDocument } from '../../src/dockerfile/document.js';
import { StageModel } from '../../src/dockerfile/stages.js';

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

describe('StageModel: directories made by earlier RUNs', () => {
  const madeBefore = (runs: string) => {
    const text = `FROM debian:bookworm\n${runs}\nRUN true\n`;
    const document = new DockerfileDocument('Dockerfile', text);
    return [...StageModel.of(document).stateAt(text.split('\n').length - 2)!.madeDirectories];
  };

  test('install -d is read wherever its option is spelled (-d, -vd, --directory, quoted), after an apt-get install', () => {
    expect(madeBefore('RUN apt-get install -y --no-install-recommends curl && install -d -o app /home/app/.npm')).toEqual(['/home/app/.npm', '/home/app', '/home']);
    expect(madeBefore('RUN install -vd /opt/a')).toEqual(['/opt/a', '/opt']);
    expect(madeBefore('RUN install --directory /opt/b')).toEqual(['/opt/b', '/opt']);
    expect(madeBefore("RUN install \\\n    '-d' /opt/c")).toEqual(['/opt/c', '/opt']);
  });

  test('installs of packages and files make no directory', () => {
    expect(madeBefore('RUN apt-get install -y --no-install-recommends libssl-dev && pip install --no-deps x')).toEqual([]);
    expect(madeBefore('RUN install -Dm755 tool /usr/local/bin/tool')).toEqual([]);
  });
});
