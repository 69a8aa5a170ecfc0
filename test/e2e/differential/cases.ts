/**
 * The cases of the differential suite (../differential.e2e.test.ts): several variants of each
 * class of breakage of issue 12, and plain cases where a mount must be added. Each says what the
 * codemod must do with it (mount or leave alone); every one must build the same image.
 *
 * The bases are made by the suite: apt's sources point at the local repository (../helpers/apt-repo.ts,
 * packages tiny-a, tiny-b, tiny-c), pip's index at the local one (../helpers/pypi.ts, pkg-a, pkg-b).
 */
import type { DifferentialCase } from '../helpers/differential.js';

export const DEBIAN = 'e2e-diff/debian:bookworm';
export const PYTHON = 'e2e-diff/python:bookworm';
/** A base image that sets PIP_CACHE_DIR, which the codemod cannot know (like CARGO_HOME in cargo-chef). */
export const PYTHON_CUSTOM_CACHE = 'e2e-diff/python-pip-cache-dir:bookworm';
export const PYTHON_CUSTOM_CACHE_DIR = '/opt/pip-cache';

const APT_INSTALL = 'apt-get update && apt-get install -y --no-install-recommends';
const USER_APP = 'RUN useradd --create-home --uid 1000 app';

const pip = (name: string, body: string, expect: DifferentialCase['expect'], extra: Partial<DifferentialCase> = {}): DifferentialCase => ({
  name,
  dockerfile: `FROM ${PYTHON}\n${body}\n`,
  expect,
  issueClass: '1 same-RUN delete/move',
  ...extra,
});

const apt = (name: string, body: string, expect: DifferentialCase['expect'], extra: Partial<DifferentialCase> = {}): DifferentialCase => ({
  name,
  dockerfile: `FROM ${DEBIAN}\n${body}\n`,
  expect,
  issueClass: '1 same-RUN delete/move',
  ...extra,
});

const positive: DifferentialCase[] = [
  pip('pip install as root', 'RUN pip install pkg-a', 'mounted', { issueClass: 'positive' }),
  {
    name: 'pip install -r requirements.txt in a WORKDIR',
    issueClass: 'positive',
    dockerfile: `FROM ${PYTHON}\nWORKDIR /app\nCOPY requirements.txt .\nRUN pip install -r requirements.txt\nCMD ["python3", "-c", "import pkg_a"]\n`,
    files: { 'requirements.txt': 'pkg-a==1.0\npkg-b==1.0\n' },
    expect: 'mounted',
  },
  pip('pip install --no-cache-dir', 'RUN pip install --no-cache-dir pkg-a', 'mounted', { issueClass: 'positive' }),
  apt('apt-get update and install, lists removed', `RUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt/lists/*`, 'mounted', { issueClass: 'positive' }),
  apt('apt-get update and install, lists kept', `RUN ${APT_INSTALL} tiny-a`, 'mounted', { issueClass: 'positive' }),
  apt('apt-get update, install and clean', `RUN ${APT_INSTALL} tiny-b && apt-get clean && rm -rf /var/lib/apt/lists/*`, 'mounted', { issueClass: 'positive' }),
  pip('apt and pip in one stage', `RUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt/lists/*\nRUN pip install pkg-a`, 'mounted', { issueClass: 'positive' }),
  {
    name: 'pip as a non-root user whose cache directory exists',
    issueClass: 'positive',
    dockerfile: `FROM ${PYTHON}\n${USER_APP}\nUSER app\nRUN mkdir -p /home/app/.cache/pip\nRUN pip install --user pkg-a\n`,
    expect: 'mounted',
  },
];

const sameRun: DifferentialCase[] = [
  pip('rm -rf of a parent of the pip cache', 'RUN pip install pkg-a && rm -rf /root/.cache', 'skipped'),
  pip('rm -rf ~/.cache', 'RUN pip install pkg-a && rm -rf ~/.cache', 'skipped'),
  pip('rm -rf $HOME/.cache', 'RUN pip install pkg-a && rm -rf $HOME/.cache', 'skipped'),
  pip('rm -rf of a glob over the mount point', 'RUN pip install pkg-a && rm -rf /root/.cache/*', 'skipped'),
  pip('find -delete over the cache', 'RUN pip install pkg-a && find /root/.cache -delete', 'skipped'),
  pip('rm of the exact target among other operands (dropped)', 'RUN pip install pkg-a && rm -rf /tmp/* /root/.cache/pip', 'mounted'),
  pip('rm of $PIP_CACHE_DIR, the exact target (dropped)', 'ENV PIP_CACHE_DIR=/pipcache\nRUN pip install pkg-a && rm -rf $PIP_CACHE_DIR', 'mounted'),
  pip('rm of $XDG_CACHE_HOME, a parent of the target', 'ENV XDG_CACHE_HOME=/xdg\nRUN pip install pkg-a && rm -rf $XDG_CACHE_HOME', 'skipped'),
  pip('mv of a parent of the cache', 'RUN pip install pkg-a && mv /root/.cache /tmp/old-cache', 'skipped'),
  pip('rm of a parent inside sh -c', `RUN sh -c "pip install pkg-a && rm -rf /root/.cache"`, 'skipped'),
  pip('rm of a parent in exec form', `RUN ["/bin/sh", "-c", "pip install pkg-a && rm -rf /root/.cache"]`, 'skipped'),
  // Only the lists get a mount (a cache mount at /var/cache/apt would be busy for rm).
  apt('rm -rf /var/cache/* after apt', `RUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt/lists/* /var/cache/*`, 'mounted', { targets: ['/var/lib/apt/lists'] }),
  apt('rm of the lists among other operands (dropped)', `RUN ${APT_INSTALL} tiny-a && rm -rf /tmp/* /var/lib/apt/lists/*`, 'mounted'),
  apt('rm -rf of the lists directory itself (dropped)', `RUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt/lists`, 'mounted'),
  // Only /var/cache/apt gets a mount.
  apt('rm -rf /var/lib/apt, a parent of the lists', `RUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt`, 'mounted', { targets: ['/var/cache/apt'] }),
];

const laterReaders: DifferentialCase[] = [
  // The later install reads the lists: only the downloads get a mount.
  apt('apt-get install without update in a later RUN', `RUN ${APT_INSTALL} tiny-a\nRUN apt-get install -y tiny-b`, 'mounted', { issueClass: '2 later reader', targets: ['/var/cache/apt'] }),
  {
    name: 'apt-get install without update in a derived stage',
    issueClass: '2 later reader',
    dockerfile: `FROM ${DEBIAN} AS base\nRUN ${APT_INSTALL} tiny-a\nFROM base\nRUN apt-get install -y tiny-b\n`,
    expect: 'mounted',
    targets: ['/var/cache/apt'],
  },
  {
    name: 'COPY --from of the pip cache',
    issueClass: '2 later reader',
    dockerfile: `FROM ${PYTHON} AS build\nRUN pip install pkg-a\nFROM ${DEBIAN}\nCOPY --from=build /root/.cache/pip /pip-cache\n`,
    expect: 'skipped',
  },
  {
    name: 'COPY --from of apt downloads (--download-only)',
    issueClass: '2 later reader',
    dockerfile: `FROM ${DEBIAN} AS debs\nRUN ${APT_INSTALL} --download-only tiny-a\nFROM ${DEBIAN}\nCOPY --from=debs /var/cache/apt/archives/ /debs/\n`,
    // The lists get a mount, /var/cache/apt (the output) does not.
    expect: 'mounted',
    targets: ['/var/lib/apt/lists'],
  },
  pip('pip download into the cache, installed offline later', 'RUN pip download -d /root/.cache/pip/dl pkg-a\nRUN pip install --no-index --find-links /root/.cache/pip/dl pkg-a', 'skipped', { issueClass: '2 later reader' }),
];

const earlierFills: DifferentialCase[] = [
  {
    name: 'COPY into a parent of the pip cache',
    issueClass: '3 earlier fill',
    dockerfile: `FROM ${PYTHON}\nCOPY seed/ /root/.cache/\nRUN pip install pkg-a\n`,
    files: { 'seed/pip/seeded.txt': 'seeded\n' },
    expect: 'skipped',
  },
  {
    name: 'COPY into the pip cache',
    issueClass: '3 earlier fill',
    dockerfile: `FROM ${PYTHON}\nCOPY seed/ /root/.cache/pip/\nRUN pip install pkg-a\n`,
    files: { 'seed/seeded.txt': 'seeded\n' },
    expect: 'skipped',
  },
];

const ownership: DifferentialCase[] = [
  {
    name: 'root pip with HOME=/home/app, then USER app writes ~/.cache',
    issueClass: '4 ownership',
    dockerfile: `FROM ${PYTHON}\n${USER_APP}\nENV HOME=/home/app\nRUN pip install pkg-a\nUSER app\nRUN mkdir -p /home/app/.cache/tool\n`,
    expect: 'skipped',
  },
  {
    name: 'root pip with HOME=/home/app, image runs as app',
    issueClass: '4 ownership',
    dockerfile: `FROM ${PYTHON}\n${USER_APP}\nENV HOME=/home/app\nRUN pip install pkg-a\nUSER app\n`,
    expect: 'skipped',
  },
  {
    name: 'pip as a non-root user without its cache directory',
    issueClass: '4 ownership',
    dockerfile: `FROM ${PYTHON}\n${USER_APP}\nUSER app\nRUN pip install --user pkg-a\n`,
    expect: 'skipped',
  },
];

const controlFlow: DifferentialCase[] = [
  apt('if ! apt-get update', `RUN if ! apt-get update; then echo update failed; exit 1; fi && apt-get install -y tiny-a`, 'mounted', { issueClass: '5 control flow' }),
  apt('while ! apt-get update', `RUN while ! apt-get update; do sleep 1; done && apt-get install -y tiny-a`, 'mounted', { issueClass: '5 control flow' }),
  pip('pip install in a pipeline', 'RUN pip install pkg-a | cat', 'mounted', { issueClass: '5 control flow' }),
  apt('apt-get update in a subshell with ||', `RUN (apt-get update || exit 1) && apt-get install -y tiny-a`, 'mounted', { issueClass: '5 control flow' }),
];

const aptSideEffects: DifferentialCase[] = [
  apt('a later apt RUN left alone keeps its cache clean', `RUN ${APT_INSTALL} tiny-a\n# dockerfile-codemod ignore\nRUN ${APT_INSTALL} tiny-b`, 'mounted', { issueClass: '6 apt side effects' }),
  {
    name: 'the image built FROM an apt stage has no keep-cache config',
    issueClass: '6 apt side effects',
    dockerfile: `FROM ${DEBIAN} AS base\nRUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt/lists/*\nFROM base\nRUN ls /etc/apt/apt.conf.d/ > /apt-conf.txt\n`,
    expect: 'mounted',
  },
  apt('two apt RUNs in one stage', `RUN ${APT_INSTALL} tiny-a && rm -rf /var/lib/apt/lists/*\nRUN ${APT_INSTALL} tiny-b && rm -rf /var/lib/apt/lists/*`, 'mounted', { issueClass: '6 apt side effects' }),
];

const BROAD = { 'cache-mounts': { pipCacheTarget: '/root/.cache' } };
const broadTarget: DifferentialCase[] = [
  pip('broad pip target, nothing else in ~/.cache', 'RUN pip install pkg-a', 'mounted', { issueClass: '7 broad target', options: BROAD, targets: ['/root/.cache'] }),
  // Another command names a path below ~/.cache: the target narrows back to ~/.cache/pip.
  pip('broad pip target, another tool writes ~/.cache', 'RUN pip install pkg-a && mkdir -p /root/.cache/tool && echo data > /root/.cache/tool/data', 'mounted', {
    issueClass: '7 broad target',
    options: BROAD,
    targets: ['/root/.cache/pip'],
  }),
  pip('broad pip target, pip wheel -w ~/.cache/wheelhouse', 'RUN pip wheel -w /root/.cache/wheelhouse pkg-a', 'mounted', { issueClass: '7 broad target', options: BROAD, targets: ['/root/.cache/pip'] }),
];

const baseEnvironment: DifferentialCase[] = [
  {
    name: 'PIP_CACHE_DIR set by a stage of the same file',
    issueClass: '8 base environment',
    dockerfile: `FROM ${PYTHON} AS base\nENV PIP_CACHE_DIR=/opt/pip-cache\nFROM base\nRUN pip install pkg-a\n`,
    expect: 'mounted',
  },
  pip('XDG_CACHE_HOME moves the pip cache', 'ENV XDG_CACHE_HOME=/xdg\nRUN pip install pkg-a', 'mounted', { issueClass: '8 base environment' }),
  {
    name: 'PIP_CACHE_DIR set by an unknown base image',
    issueClass: '8 base environment',
    dockerfile: `FROM ${PYTHON_CUSTOM_CACHE}\nRUN pip install pkg-a\n`,
    expect: 'mounted',
    knownBug: "the mount goes to /root/.cache/pip, but pip caches in the base image's PIP_CACHE_DIR: the mount never fills (issue 12, class 8; the base image is unknown)",
  },
];

export const CASES: readonly DifferentialCase[] = [...positive, ...sameRun, ...laterReaders, ...earlierFills, ...ownership, ...controlFlow, ...aptSideEffects, ...broadTarget, ...baseEnvironment];
