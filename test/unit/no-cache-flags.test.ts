import { TransformTester } from '../../src/tester.js';
import { cacheMounts } from '../../transforms/cache-mounts/index.js';
import { noCacheFlags } from '../../transforms/no-cache-flags/index.js';

const PIP = 'RUN --mount=type=cache,target=/root/.cache/pip';
const APT = 'RUN --mount=type=cache,target=/var/cache/apt --mount=type=cache,target=/var/lib/apt/lists';

new TransformTester().run(noCacheFlags, [
  { name: 'pip --no-cache-dir where the pip cache is mounted', input: `FROM python:3\n${PIP} pip install --no-cache-dir -r r.txt\n`, output: `FROM python:3\n${PIP} pip install -r r.txt\n` },
  { name: 'a flag on a continuation line of its own', input: `FROM python:3\n${PIP} pip install \\\n    --no-cache-dir \\\n    flask\n`, output: `FROM python:3\n${PIP} pip install \\\n    flask\n` },
  { name: 'not without the mount', input: 'FROM python:3\nRUN pip install --no-cache-dir x\n', changes: [] },
  { name: 'not on other programs', input: `FROM python:3\n${PIP} pip install x && tool --no-cache-dir\n`, changes: [] },
  { name: 'a command first in a chain', input: `FROM d\n${APT} apt-get clean && apt-get update && apt-get install -y a\n`, output: `FROM d\n${APT} apt-get update && apt-get install -y a\n` },
  {
    name: 'a command in the middle, with its connector and continuation',
    input: `FROM d\n${APT} apt-get update \\\n    && apt-get clean \\\n    && apt-get install -y a\n`,
    output: `FROM d\n${APT} apt-get update \\\n    && apt-get install -y a\n`,
  },
  {
    name: 'commands last in a chain',
    input: `FROM d\n${APT} apt-get update \\\n    && apt-get install -y a \\\n    && apt-get clean \\\n    && rm -rf /var/lib/apt/lists/*\n`,
    output: `FROM d\n${APT} apt-get update \\\n    && apt-get install -y a\n`,
  },
  { name: 'kept after ||, and reported', input: `FROM d\n${APT} apt-get update && apt-get install -y a || apt-get clean\n`, changes: [], skips: [/keeps `apt-get clean`/] },
  { name: 'kept inside sh -c, and reported', input: `FROM d\n${APT} sh -c "apt-get update && apt-get install -y a && apt-get clean"\n`, changes: [], skips: [/inside sh -c/] },
  { name: 'rm of the cache path', input: `FROM python:3\n${PIP} pip install x && rm -rf ~/.cache/pip\n`, output: `FROM python:3\n${PIP} pip install x\n` },
  {
    name: 'of an rm that also deletes other paths, only the operands on a mount go',
    input: `FROM python:3\n${PIP} pip install x && rm -rf /root/.cache/pip /tmp/x\n`,
    output: `FROM python:3\n${PIP} pip install x && rm -rf /tmp/x\n`,
  },
  {
    name: 'an apt lists operand goes, a glob elsewhere stays; the detail says why',
    input: `FROM d\n${APT} apt-get update && apt-get install -y a && rm -rf /var/lib/apt/lists/* /var/cache/*.bin\n`,
    output: `FROM d\n${APT} apt-get update && apt-get install -y a && rm -rf /var/cache/*.bin\n`,
    changes: [{ message: 'rm: without `/var/lib/apt/lists/*` in `rm -rf /var/lib/apt/lists/* /var/cache/*.bin`', detail: /only deletes files on the cache mount \/var\/lib\/apt\/lists/ }],
  },
  {
    name: 'an rm inside sh -c is kept, and reported',
    input: `FROM d\n${APT} apt-get update && sh -c "rm -rf /var/lib/apt/lists/* /tmp/x"\n`,
    changes: [],
    skips: [/keeps `\/var\/lib\/apt\/lists\/\*` in `rm -rf \/var\/lib\/apt\/lists\/\* \/tmp\/x`/],
  },
  {
    name: 'says when hadolint will flag the result',
    input: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y a && dnf clean all\n',
    output: 'FROM fedora:40\nRUN --mount=type=cache,target=/var/cache/dnf dnf install -y a\n',
    changes: [{ line: 2, detail: /hadolint DL3040 \(dnf\) \/ DL3032 \(yum\) will flag this/ }],
  },
]);

// With cache-mounts: the mount and the removal in one run, whichever the engine runs first.
new TransformTester({ with: [cacheMounts] }).run(noCacheFlags, [
  {
    name: 'the flag beside the mount cache-mounts adds',
    input: 'FROM python:3\nRUN pip install --no-cache-dir flask\n',
    output: 'FROM python:3\nRUN --mount=type=cache,target=/root/.cache/pip,mode=0755 pip install flask\n',
    changes: [{ line: 2, topic: 'pip', message: /--no-cache-dir/ }],
  },
]);
